import { TiffError } from '@tiffkit/tiff-core/errors.js';
import type { WriteOptions, WriterKind } from '../options.js';

/** `truncate` needs a format that records the shape (shaped JSON, ImageJ's `images=`). */
export function refuseTruncate(options: WriteOptions, kind: WriterKind): void {
  if (options.truncate !== true) return;
  throw new TiffError(
    'INCOMPATIBLE_OPTIONS',
    `truncate can only be used with the shaped or ImageJ formats, not '${kind}'`,
    {
      option: 'truncate',
    },
  );
}
