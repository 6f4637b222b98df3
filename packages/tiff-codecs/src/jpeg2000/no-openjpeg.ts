import { TiffError } from '@tiffkit/tiff-core/errors.js';
import type { OpenJpegModule } from './openjpeg.js';

/**
 * Outside Node there is no JPEG 2000 encoder: @cornerstonejs/codec-openjpeg's loader is CommonJS that
 * requires `fs` and `path`, which browser bundlers (webpack 5, esbuild) refuse, so it is reached only
 * under the `node` import condition (`#openjpeg`).
 */
export async function loadOpenJpeg(_overrides: Record<string, unknown>): Promise<OpenJpegModule> {
  throw new TiffError(
    'UNSUPPORTED',
    'JPEG2000 compression is written in Node only: its OpenJPEG build cannot be bundled for browsers',
    { option: 'compression' },
  );
}
