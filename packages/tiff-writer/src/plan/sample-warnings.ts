import type { DType } from '@tiffkit/tiff-core/dtype.js';
import { describeValue } from '@tiffkit/tiff-core/errors.js';
import type { SeriesInput } from '../intake/intake.js';
import type { SampleLayout } from './samples.js';
import type { Warn } from './series-plan.js';

/** tifffile's warnings about how the samples were understood. */
export function warnAboutSamples(input: SeriesInput, layout: SampleLayout, dtype: DType, warn: Warn): void {
  if (input.shape.includes(0)) {
    warn(
      'zero-size',
      `writing zero-size array of shape ${describeValue(input.shape)} to a nonconformant TIFF (one empty page)`,
    );
  }
  if (layout.rgbInferred && dtype.name !== 'uint8' && dtype.name !== 'uint16') {
    warn(
      'rgb-inferred',
      `data with shape ${describeValue(input.shape)} and dtype ${dtype.name} are stored as RGB with contiguous samples; ` +
        "pass photometric: 'minisblack' (or 'rgb') to say what you mean",
    );
  }
}
