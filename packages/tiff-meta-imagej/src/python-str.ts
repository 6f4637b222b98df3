/**
 * Python's `str()` of the scalars ImageJ text can hold. tifffile formats metadata values this way, and
 * matching it keeps our descriptions byte-identical to tifffile's for the same metadata.
 */
export type Scalar = string | number | boolean | bigint;

export function isScalar(value: unknown): value is Scalar {
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' || type === 'bigint';
}

export function pythonStr(value: Scalar): string {
  if (typeof value === 'string') return value;
  // tifffile lower-cases booleans in ImageJ text and ImageJ compares with "true" (Python's str gives 'True').
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  return pythonNumber(value);
}

/**
 * Python's `str()` of a number. JavaScript has one number type, so safe integers (|x| ≤ 2**53 − 1) are
 * written as Python ints (`10`, not `10.0`) and everything else as Python's float repr (`2.5`, `1e-05`,
 * `9007199254740994.0`, `-0.0`, `nan`, `inf`): beyond 2**53 a double is no longer an exact integer
 * the user could have meant (pass a bigint for that), and -0 exists only among floats. The shaped
 * JSON of the writer follows the same rule, so one value is written alike in both formats.
 */
export function pythonNumber(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Number.POSITIVE_INFINITY) return 'inf';
  if (x === Number.NEGATIVE_INFINITY) return '-inf';
  if (Number.isSafeInteger(x) && !Object.is(x, -0)) return String(x);
  return pythonFloatRepr(x);
}

/**
 * Python's `repr(float)`: the shortest digits that round-trip (JavaScript finds the same digits), written
 * positionally when the decimal exponent is in [-4, 16) and otherwise as `d.ddde±XX` (at least two
 * exponent digits), e.g. `0.0001`, `1e-05`, `3.947368`, `1.5e+16`.
 */
export function pythonFloatRepr(x: number): string {
  if (!Number.isFinite(x)) return pythonNumber(x);
  if (Object.is(x, -0)) return '-0.0';
  const [mantissa = '', exp = '0'] = x.toExponential().split('e');
  const exponent = Number(exp);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const magnitude = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${digits[0]}${fraction}e${exponent < 0 ? '-' : '+'}${magnitude}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = exponent + 1;
  if (digits.length <= whole) return `${sign}${digits}${'0'.repeat(whole - digits.length)}.0`;
  return `${sign}${digits.slice(0, whole)}.${digits.slice(whole)}`;
}
