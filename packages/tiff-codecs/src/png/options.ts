import { TiffError } from '@tiffkit/tiff-core/errors.js';
import type { CodecInput } from '../codec.js';

/** PNG colour type by samples per pixel: gray, gray + alpha, RGB, RGBA. */
export const PNG_COLOR_TYPES: Readonly<Record<number, number>> = { 1: 0, 2: 4, 3: 2, 4: 6 };

/** PNG holds 8- or 16-bit gray, gray + alpha, RGB or RGBA: uint8 or uint16 with 1–4 contiguous samples. */
export function checkPngInput(input: CodecInput): void {
  const depthOk = input.dtype.name === 'uint8' || input.dtype.name === 'uint16';
  if (!depthOk || PNG_COLOR_TYPES[input.samples] === undefined) {
    throw new TiffError(
      'UNSUPPORTED',
      `PNG compression needs uint8 or uint16 data with 1 (gray), 2 (gray + alpha), 3 (RGB) or 4 (RGBA) ` +
        `contiguous samples, not ${input.dtype.name} with ${input.samples}`,
      { option: 'compression' },
    );
  }
}
