import type { TypedArray } from '@tiffkit/tiff-core/dtype.js';
import { halfToNumber, numberToHalf } from '@tiffkit/tiff-core/float16.js';
import { nativeByteOrder } from '@tiffkit/tiff-core/format.js';
import { elementBytes, type StridedArray } from '../intake/strided.js';
import type { Downsample } from '../plan/pyramid-options.js';
import type { StoredShape } from '../plan/samples.js';
import type { SeriesPlan } from '../plan/series-plan.js';

/** One pyramid level: its values (native order, C order, stored layout) and the caller-style shape. */
export interface PyramidLevel {
  readonly data: TypedArray;
  readonly shape: number[];
  readonly stored: StoredShape;
}

/** `sum / n` rounded half up, as `Math.round` does for the other integers (BigInt division truncates). */
function roundedMean(sum: bigint, n: bigint): bigint {
  const twice = 2n * sum + n; // floor((2·sum + n) / 2n) = floor(sum / n + 1/2)
  const divisor = 2n * n;
  const quotient = twice / divisor;
  return twice % divisor !== 0n && twice < 0n ? quotient - 1n : quotient;
}

/**
 * Halve the rows and columns of every page (odd sizes round up): the mean of each 2×2 block (of the
 * pixels that exist, rounded half up for integers, float16 averaged as the numbers it holds), or its
 * top-left pixel. Samples, planes and depth are kept.
 */
export function downsample(
  array: StridedArray,
  stored: StoredShape,
  plan: SeriesPlan,
  method: Downsample,
): PyramidLevel {
  const { dtype } = array;
  const { frames, separateSamples, depth, length, width, contigSamples } = stored;
  const l2 = Math.ceil(length / 2);
  const w2 = Math.ceil(width / 2);
  const cpe = dtype.carriersPerElement;
  const values = contigSamples * cpe; // carriers per pixel
  const planes = frames * separateSamples * depth;
  const Carrier = dtype.carrier as unknown as new (length: number) => TypedArray;
  const out = new Carrier(planes * l2 * w2 * values);
  const planeElements = length * width * contigSamples;
  const mean = method === 'mean' && dtype.kind !== 'bool';
  const wide = dtype.itemSize === 8 && (dtype.kind === 'int' || dtype.kind === 'uint');
  const rounds = dtype.kind === 'int' || dtype.kind === 'uint';
  // float16 is carried as its bits: averaged as the numbers they stand for, rounded to the nearest half.
  const half = dtype.name === 'float16';
  for (let plane = 0; plane < planes; plane++) {
    // A native-order copy of the plane, viewed through the dtype's carrier.
    const bytes = elementBytes(array, plane * planeElements, planeElements, nativeByteOrder).slice();
    const src = new (dtype.carrier as unknown as new (buffer: ArrayBuffer) => ArrayLike<number | bigint>)(bytes.buffer);
    const dst = out as unknown as { [i: number]: number | bigint };
    let o = plane * l2 * w2 * values;
    for (let y = 0; y < l2; y++) {
      const y0 = y * 2;
      const rows = y0 + 1 < length ? 2 : 1;
      for (let x = 0; x < w2; x++) {
        const x0 = x * 2;
        const columns = x0 + 1 < width ? 2 : 1;
        for (let v = 0; v < values; v++, o++) {
          const at = (yy: number, xx: number) => ((y0 + yy) * width + x0 + xx) * values + v;
          if (!mean) {
            dst[o] = src[at(0, 0)] as number;
            continue;
          }
          if (wide) {
            let sum = 0n;
            for (let yy = 0; yy < rows; yy++) for (let xx = 0; xx < columns; xx++) sum += src[at(yy, xx)] as bigint;
            dst[o] = roundedMean(sum, BigInt(rows * columns));
            continue;
          }
          let sum = 0;
          for (let yy = 0; yy < rows; yy++)
            for (let xx = 0; xx < columns; xx++) {
              const v = src[at(yy, xx)] as number;
              sum += half ? halfToNumber(v) : v;
            }
          const average = sum / (rows * columns);
          dst[o] = half ? numberToHalf(average) : rounds ? Math.round(average) : average;
        }
      }
    }
  }
  const shape = [...plan.shape];
  if (plan.layout.lengthAxis >= 0) shape[plan.layout.lengthAxis] = l2;
  if (plan.layout.widthAxis >= 0) shape[plan.layout.widthAxis] = w2;
  return { data: out, shape, stored: { ...stored, length: l2, width: w2 } };
}
