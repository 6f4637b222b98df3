import { type DType, halfToNumber, numberToHalf, type TypedArray } from '@tiffkit/tiff-core';

/** How a pyramid level is computed from the one above: the mean of 2×2 blocks, or their top-left pixel. */
export type DownsampleMethod = 'mean' | 'nearest';

/**
 * Halve `rows` rows of `width` pixels (`values` carrier values each) into `ceil(rows / 2)` rows of
 * `ceil(width / 2)` pixels. The rules are those of the writer's own `pyramid` option, so a level
 * computed here band by band equals the one `write(array, { pyramid })` computes from the whole image:
 * the mean of the pixels of each block that exist, rounded half up for integers (`Math.round`; 64-bit
 * integers in BigInt with the same rounding), unrounded for floats (float16 averaged as values and
 * rounded to the nearest half); bool (and `nearest`) take the block's top-left pixel.
 */
export function halveRows(
  src: TypedArray,
  rows: number,
  width: number,
  values: number,
  dtype: DType,
  method: DownsampleMethod,
): TypedArray {
  const rows2 = Math.ceil(rows / 2);
  const width2 = Math.ceil(width / 2);
  const Carrier = dtype.carrier;
  const out = new Carrier(rows2 * width2 * values) as TypedArray;
  const mean = method === 'mean' && dtype.kind !== 'bool';
  const integer = dtype.kind === 'int' || dtype.kind === 'uint';
  if (!mean) nearest(src, out, rows2, width, width2, values);
  else if (integer && dtype.itemSize === 8) meanBigInt(src, out, rows, width, values);
  else if (dtype.name === 'float16') meanNumbers(src, out, rows, width, values, halfToNumber, numberToHalf);
  else meanNumbers(src, out, rows, width, values, undefined, integer ? Math.round : undefined);
  return out;
}

type Values = { [i: number]: number };

/** The top-left pixel of each block. */
function nearest(src: TypedArray, out: TypedArray, rows2: number, width: number, width2: number, values: number): void {
  const from = src as unknown as Values;
  const to = out as unknown as Values;
  let o = 0;
  for (let y = 0; y < rows2; y++) {
    const row = 2 * y * width * values;
    for (let x = 0; x < width2; x++) {
      const at = row + 2 * x * values;
      for (let v = 0; v < values; v++) to[o++] = from[at + v] as number;
    }
  }
}

/**
 * The mean of each block's pixels (1, 2 or 4 at odd edges), through `decode`/`encode` for float16
 * bits, rounded with `encode = Math.round` for integers. The hot loop of a pyramid: plain indexing.
 */
function meanNumbers(
  src: TypedArray,
  out: TypedArray,
  rows: number,
  width: number,
  values: number,
  decode: ((bits: number) => number) | undefined,
  encode: ((value: number) => number) | undefined,
): void {
  const from = src as unknown as Values;
  const to = out as unknown as Values;
  const rowValues = width * values;
  const read = decode ? (i: number) => decode(from[i] as number) : (i: number) => from[i] as number;
  let o = 0;
  for (let y0 = 0; y0 < rows; y0 += 2) {
    const r0 = y0 * rowValues;
    const r1 = y0 + 1 < rows ? r0 + rowValues : -1;
    for (let x0 = 0; x0 < width; x0 += 2) {
      const right = x0 + 1 < width;
      const n = (r1 >= 0 ? 2 : 1) * (right ? 2 : 1);
      const c = x0 * values;
      for (let v = 0; v < values; v++) {
        const i = c + v;
        let sum = read(r0 + i);
        if (right) sum += read(r0 + i + values);
        if (r1 >= 0) {
          sum += read(r1 + i);
          if (right) sum += read(r1 + i + values);
        }
        const average = sum / n;
        to[o++] = encode ? encode(average) : average;
      }
    }
  }
}

/** 64-bit integers: BigInt sums, floor(mean + 1/2) as Math.round rounds the narrower integers. */
function meanBigInt(src: TypedArray, out: TypedArray, rows: number, width: number, values: number): void {
  const from = src as unknown as { [i: number]: bigint };
  const to = out as unknown as { [i: number]: bigint };
  const rowValues = width * values;
  let o = 0;
  for (let y0 = 0; y0 < rows; y0 += 2) {
    const r0 = y0 * rowValues;
    const r1 = y0 + 1 < rows ? r0 + rowValues : -1;
    for (let x0 = 0; x0 < width; x0 += 2) {
      const right = x0 + 1 < width;
      const n = BigInt((r1 >= 0 ? 2 : 1) * (right ? 2 : 1));
      const c = x0 * values;
      for (let v = 0; v < values; v++) {
        const i = c + v;
        let sum = from[r0 + i] as bigint;
        if (right) sum += from[r0 + i + values] as bigint;
        if (r1 >= 0) {
          sum += from[r1 + i] as bigint;
          if (right) sum += from[r1 + i + values] as bigint;
        }
        // BigInt division truncates toward zero: floor((2·sum + n) / 2n) by hand.
        const numerator = 2n * sum + n;
        const denominator = 2n * n;
        const quotient = numerator / denominator;
        to[o++] = numerator < 0n && quotient * denominator !== numerator ? quotient - 1n : quotient;
      }
    }
  }
}
