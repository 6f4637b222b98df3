import { Predictor } from '@tiffkit/tiff-core/enums.js';

/** Integer predictors and their differencing distance in pixels. */
export const HORIZONTAL_DISTANCE: ReadonlyMap<number, number> = new Map([
  [Predictor.HORIZONTAL, 1],
  [Predictor.HORIZONTALX2, 2],
  [Predictor.HORIZONTALX4, 4],
]);

/** Floating-point predictors and their differencing distance in pixels. */
export const FLOATINGPOINT_DISTANCE: ReadonlyMap<number, number> = new Map([
  [Predictor.FLOATINGPOINT, 1],
  [Predictor.FLOATINGPOINTX2, 2],
  [Predictor.FLOATINGPOINTX4, 4],
]);

/** `'horizontal' (2), 'horizontalx2' (34892), ...` for error messages. */
export function describePredictors(codes: Iterable<number>): string {
  const names = Object.entries(Predictor);
  return [...codes].map((code) => `'${names.find(([, c]) => c === code)?.[0].toLowerCase()}' (${code})`).join(', ');
}
