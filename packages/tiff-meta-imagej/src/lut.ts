import { ImageJError, show } from './errors.js';
import { LUT_BYTES } from './ij-metadata-types.js';

/** What one LUT may be given as: 768 values, three rows of 256, or a (3, 256) array-like with shape. */
export type LutInput =
  | ArrayLike<number>
  | readonly (readonly number[] | ArrayLike<number>)[]
  | {
      data: ArrayLike<number>;
      shape: readonly number[];
      stride?: readonly number[];
      offset?: number;
    };

/**
 * The 768 raw bytes ImageJ expects for one LUT (R block, G block, B block), from any accepted form.
 * Values must be integers 0–255: a uint16 colormap scaled to 65535 is a different thing (the ColorMap tag).
 */
export function lutBytes(value: unknown, option: string): Uint8Array {
  const out = new Uint8Array(LUT_BYTES);
  const fill = (read: (row: number, column: number) => unknown): Uint8Array => {
    for (let row = 0; row < 3; row++) {
      for (let column = 0; column < 256; column++) {
        const v = read(row, column);
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 255) {
          throw new ImageJError(
            'INVALID_OPTION',
            `${option}[${row}][${column}]=${show(v)} is not a LUT value: expected an integer 0-255`,
            option,
          );
        }
        out[row * 256 + column] = v;
      }
    }
    return out;
  };
  if (isShaped(value)) {
    const { data, shape } = value;
    if (shape.length !== 2 || shape[0] !== 3 || shape[1] !== 256) {
      throw new ImageJError('INVALID_OPTION', `${option} has shape ${show([...shape])}: a LUT is [3, 256]`, option);
    }
    const [s0, s1] = value.stride ?? [256, 1];
    const offset = value.offset ?? 0;
    return fill((row, column) => data[offset + row * (s0 as number) + column * (s1 as number)]);
  }
  if (Array.isArray(value) && value.length === 3 && value.every((row) => isArrayLike(row) && row.length === 256)) {
    return fill((row, column) => (value[row] as ArrayLike<number>)[column]);
  }
  if (isArrayLike(value) && value.length === LUT_BYTES) {
    return fill((row, column) => value[row * 256 + column]);
  }
  throw new ImageJError(
    'INVALID_OPTION',
    `${option}=${show(value)} is not a LUT: give 768 bytes (Uint8Array), three rows of 256, or { data, shape: [3, 256] }`,
    option,
  );
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  if (Array.isArray(value)) return true;
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

function isShaped(
  value: unknown,
): value is { data: ArrayLike<number>; shape: readonly number[]; stride?: readonly number[]; offset?: number } {
  if (typeof value !== 'object' || value === null || isArrayLike(value)) return false;
  const { data, shape } = value as { data?: unknown; shape?: unknown };
  return isArrayLike(data) && Array.isArray(shape);
}
