import { TiffError } from '@tiffkit/tiff-core/errors.js';

/**
 * Pack bool pixels (one byte each, 0 = false, anything else = true) into 1 bit per pixel, most
 * significant bit first, each row padded with zero bits to a whole byte: TIFF's bilevel layout and
 * NumPy's `packbits` along the width.
 */
export function packBilevel(values: Uint8Array, width: number, rows: number): Uint8Array {
  checkShape('width', width);
  checkShape('rows', rows);
  if (values.length !== width * rows) {
    throw new TiffError('INVALID_DATA', `bilevel data has ${values.length} values, expected ${rows} × ${width}`);
  }
  const rowBytes = Math.ceil(width / 8);
  const whole = width >>> 3;
  const rest = width & 7;
  const out = new Uint8Array(rowBytes * rows);
  let i = 0;
  let o = 0;
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < whole; k++, i += 8) {
      // Branch-free: v + 255 has bit 8 set exactly when v > 0; shift it into place. Random bilevel
      // data defeats branch prediction, so this is several times faster than a test per pixel.
      out[o++] =
        ((((values[i] as number) + 255) >> 1) & 0x80) |
        ((((values[i + 1] as number) + 255) >> 2) & 0x40) |
        ((((values[i + 2] as number) + 255) >> 3) & 0x20) |
        ((((values[i + 3] as number) + 255) >> 4) & 0x10) |
        ((((values[i + 4] as number) + 255) >> 5) & 0x08) |
        ((((values[i + 5] as number) + 255) >> 6) & 0x04) |
        ((((values[i + 6] as number) + 255) >> 7) & 0x02) |
        ((((values[i + 7] as number) + 255) >> 8) & 0x01);
    }
    if (rest > 0) {
      let byte = 0;
      for (let bit = 0; bit < rest; bit++, i++) if (values[i]) byte |= 0x80 >>> bit;
      out[o++] = byte;
    }
  }
  return out;
}

function checkShape(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new TiffError('INVALID_DATA', `${name} must be a non-negative integer, got ${String(value)}`);
  }
}
