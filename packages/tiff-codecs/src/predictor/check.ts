import { TiffError } from '@tiffkit/tiff-core/errors.js';
import type { SegmentLayout } from '../layout.js';

function checkCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new TiffError('INVALID_DATA', `segment ${name} must be a non-negative integer, got ${String(value)}`);
  }
}

/**
 * Check that `data` holds exactly the unpacked samples `layout` describes: a predictor that ran over a
 * wrong length would silently difference across row boundaries.
 */
export function checkUnpackedSegment(data: Uint8Array, layout: SegmentLayout): void {
  checkCount('width', layout.width);
  checkCount('rows', layout.rows);
  checkCount('samples', layout.samples);
  const expected = layout.width * layout.rows * layout.samples * layout.dtype.itemSize;
  if (data.length !== expected) {
    throw new TiffError(
      'INVALID_DATA',
      `segment has ${data.length} bytes, expected ${expected} (${layout.rows} rows × ${layout.width} pixels × ` +
        `${layout.samples} samples × ${layout.dtype.itemSize} bytes)`,
    );
  }
}
