import type { DType } from '@tiffkit/tiff-core/dtype.js';
import { Compression, Predictor, parseEnum } from '@tiffkit/tiff-core/enums.js';
import { describeValue, invalidOption, TiffError } from '@tiffkit/tiff-core/errors.js';
import { describePredictors, FLOATINGPOINT_DISTANCE, HORIZONTAL_DISTANCE } from './codes.js';

/**
 * Compression codes that encode images, not byte streams: a predictor would only damage their input
 * (tifffile's list, which also governs FillOrder).
 */
export const IMAGE_COMPRESSIONS: ReadonlySet<number> = new Set([
  6, 7, 22610, 33003, 33004, 33005, 33007, 34712, 34892, 34933, 34934, 48124, 50001, 50002, 52546, 65000, 65001, 65002,
]);

/** Whether `compression` is an image codec (JPEG, JPEG 2000, WebP, PNG, …) that takes no predictor. */
export function isImageCompression(compression: number): boolean {
  return IMAGE_COMPRESSIONS.has(compression);
}

function isNone(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === false ||
    value === Predictor.NONE ||
    (typeof value === 'string' && value.toLowerCase() === 'none')
  );
}

/**
 * The Predictor (317) code for the user's `predictor` option, following tifffile: `undefined`, `null`,
 * `false`, 1 and 'none' mean none (1); `true` picks FLOATINGPOINT (3) for floats and HORIZONTAL (2) for
 * integers of up to 4 bytes; codes and names in any case ('horizontal', 'FloatingPointX2') are checked
 * against the dtype: integers take 2, 34892, 34893 and floats 3, 34894, 34895. A predictor needs a
 * compression that is not an image codec (INCOMPATIBLE_OPTIONS); the wrong kind of predictor for the
 * dtype, or any predictor for bool and complex data, is INVALID_OPTION.
 */
export function resolvePredictor(value: unknown, dtype: DType, compression: number): number {
  if (isNone(value)) return Predictor.NONE;
  if (compression === Compression.NONE) {
    throw new TiffError(
      'INCOMPATIBLE_OPTIONS',
      `predictor=${describeValue(value)} cannot be used without compression`,
      {
        option: 'predictor',
      },
    );
  }
  if (isImageCompression(compression)) {
    throw new TiffError(
      'INCOMPATIBLE_OPTIONS',
      `predictor=${describeValue(value)} cannot be used with compression ${compression}: image codecs take the samples as they are`,
      { option: 'predictor' },
    );
  }
  const integer = dtype.kind === 'uint' || dtype.kind === 'int';
  const float = dtype.kind === 'float';
  if (!integer && !float) return rejectKind(value, dtype);
  if (value === true) {
    if (float) return Predictor.FLOATINGPOINT;
    if (dtype.itemSize <= 4) return Predictor.HORIZONTAL;
    throw invalidOption(
      'predictor',
      value,
      `for ${dtype.name} data one of ${describePredictors(HORIZONTAL_DISTANCE.keys())} ` +
        '(true picks a predictor only for floats and for integers of up to 4 bytes)',
    );
  }
  const code = parseEnum(Predictor, value, 'predictor');
  if (code === Predictor.NONE) return code;
  const fits = integer ? HORIZONTAL_DISTANCE : FLOATINGPOINT_DISTANCE;
  if (!fits.has(code)) {
    throw invalidOption(
      'predictor',
      value,
      `for ${dtype.name} data true, 'none' or ${describePredictors(fits.keys())}`,
    );
  }
  return code;
}

function rejectKind(value: unknown, dtype: DType): never {
  throw invalidOption(
    'predictor',
    value,
    `'none' for ${dtype.name} data: predictors apply to integer and floating-point samples only`,
  );
}
