import type { DType } from '@tiffkit/tiff-core/dtype.js';
import { Predictor } from '@tiffkit/tiff-core/enums.js';
import { invalidOption } from '@tiffkit/tiff-core/errors.js';
import type { SegmentLayout } from '../layout.js';
import { checkUnpackedSegment } from './check.js';
import { describePredictors, FLOATINGPOINT_DISTANCE, HORIZONTAL_DISTANCE } from './codes.js';
import { floatingPointDifference } from './floating-point.js';
import { horizontalDifference } from './horizontal.js';

function accepted(dtype: DType): string {
  if (dtype.kind === 'uint' || dtype.kind === 'int') {
    return `for ${dtype.name} data 'none' (1) or ${describePredictors(HORIZONTAL_DISTANCE.keys())}`;
  }
  if (dtype.kind === 'float') {
    return `for ${dtype.name} data 'none' (1) or ${describePredictors(FLOATINGPOINT_DISTANCE.keys())}`;
  }
  return `'none' (1): ${dtype.name} data takes no predictor`;
}

/**
 * Apply TIFF predictor `predictor` (a code, as resolved by `resolvePredictor`) to one segment whose bytes
 * are in the file's byte order. Returns a new buffer, also in file order; `data` is not modified (for
 * predictor 1 the result is a plain copy). Integer predictors need integer samples and floating-point
 * predictors float samples; anything else is an INVALID_OPTION error naming `predictor`.
 */
export function applyPredictor(predictor: number, data: Uint8Array, layout: SegmentLayout): Uint8Array {
  const { dtype } = layout;
  const integer = dtype.kind === 'uint' || dtype.kind === 'int';
  const horizontal = HORIZONTAL_DISTANCE.get(predictor);
  if (horizontal !== undefined && integer) return horizontalDifference(data, layout, horizontal);
  const floating = FLOATINGPOINT_DISTANCE.get(predictor);
  if (floating !== undefined && dtype.kind === 'float') return floatingPointDifference(data, layout, floating);
  if (predictor === Predictor.NONE) {
    checkUnpackedSegment(data, layout);
    return data.slice();
  }
  throw invalidOption('predictor', predictor, accepted(dtype));
}
