import type { DType, TypedArray } from '@tiffkit/tiff-core';

/** How a pyramid level is computed from the one above: the mean of 2×2 blocks, or their top-left pixel. */
export type DownsampleMethod = 'mean' | 'nearest';

/**
 * Halve `rows` rows of `width` pixels (`values` carrier values each) into `ceil(rows / 2)` rows of
 * `ceil(width / 2)` pixels. The rules are those of the writer's own `pyramid` option, so a level
 * computed here band by band equals the one `write(array, { pyramid })` computes from the whole image:
 * the mean of the pixels of each block that exist, rounded half up for integers (`Math.round`; 64-bit
 * integers in BigInt with the same rounding, where the writer truncates negative halves),
 * unrounded for floats; bool (and `nearest`) take the block's top-left pixel.
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
  const dst = out as unknown as { [i: number]: number | bigint };
  const source = src as unknown as ArrayLike<number | bigint>;
  const mean = method === 'mean' && dtype.kind !== 'bool';
  const integer = dtype.kind === 'int' || dtype.kind === 'uint';
  const wide = integer && dtype.itemSize === 8;
  let o = 0;
  for (let y = 0; y < rows2; y++) {
    const y0 = y * 2;
    const blockRows = y0 + 1 < rows ? 2 : 1;
    for (let x = 0; x < width2; x++) {
      const x0 = x * 2;
      const blockColumns = x0 + 1 < width ? 2 : 1;
      for (let v = 0; v < values; v++, o++) {
        const at = (dy: number, dx: number) => ((y0 + dy) * width + x0 + dx) * values + v;
        if (!mean) {
          dst[o] = source[at(0, 0)] as number;
        } else if (wide) {
          let sum = 0n;
          for (let dy = 0; dy < blockRows; dy++)
            for (let dx = 0; dx < blockColumns; dx++) sum += source[at(dy, dx)] as bigint;
          // floor(mean + 1/2), as Math.round does for the narrower integers (BigInt division truncates).
          const n = BigInt(blockRows * blockColumns);
          const numerator = 2n * sum + n;
          const denominator = 2n * n;
          const quotient = numerator / denominator;
          dst[o] = numerator < 0n && quotient * denominator !== numerator ? quotient - 1n : quotient;
        } else {
          let sum = 0;
          for (let dy = 0; dy < blockRows; dy++)
            for (let dx = 0; dx < blockColumns; dx++) sum += source[at(dy, dx)] as number;
          const average = sum / (blockRows * blockColumns);
          dst[o] = integer ? Math.round(average) : average;
        }
      }
    }
  }
  return out;
}
