import { invalidOption, TiffError } from '@tiffkit/tiff-core/errors.js';

/**
 * Pack unsigned integers into `bitsPerSample` (1–32) bits each, most significant bit first, with every
 * row of `valuesPerRow` values starting on a byte boundary (the tail of a row is zero-padded), as TIFF
 * stores BitsPerSample values that are not a whole number of bytes. `values` are plain numbers (not
 * file-order bytes); bits above `bitsPerSample` are ignored. Since packing is MSB first, 16- and
 * 32-bit samples come out big-endian.
 */
export function packIntegers(
  values: Uint8Array | Uint16Array | Uint32Array,
  bitsPerSample: number,
  valuesPerRow: number,
  rows: number,
): Uint8Array {
  if (!Number.isInteger(bitsPerSample) || bitsPerSample < 1 || bitsPerSample > 32) {
    throw invalidOption('bitsPerSample', bitsPerSample, 'an integer from 1 to 32');
  }
  for (const [name, n] of [
    ['valuesPerRow', valuesPerRow],
    ['rows', rows],
  ] as const) {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new TiffError('INVALID_DATA', `${name} must be a non-negative integer, got ${String(n)}`);
    }
  }
  if (values.length !== valuesPerRow * rows) {
    throw new TiffError(
      'INVALID_DATA',
      `packIntegers got ${values.length} values, expected ${rows} rows × ${valuesPerRow} values`,
    );
  }
  const bps = bitsPerSample;
  const rowBytes = Math.ceil((valuesPerRow * bps) / 8);
  const out = new Uint8Array(rowBytes * rows);
  if (out.length === 0) return out;
  const view = new DataView(out.buffer);
  const mask = bps === 32 ? -1 : (1 << bps) - 1;
  let i = 0;
  let o = 0;
  for (let r = 0; r < rows; r++) {
    // Bits gather in a 32-bit word, written big-endian whenever it fills: one store per 4 output bytes.
    let word = 0;
    let free = 32;
    for (const end = i + valuesPerRow; i < end; i++) {
      const v = (values[i] as number) & mask;
      if (bps < free) {
        word |= v << (free - bps);
        free -= bps;
      } else {
        const spill = bps - free;
        view.setUint32(o, word | (v >>> spill));
        o += 4;
        // Shifts count modulo 32 in JavaScript: with nothing spilled, the next word starts empty.
        word = spill === 0 ? 0 : v << (32 - spill);
        free = 32 - spill;
      }
    }
    for (let used = 32 - free, shift = 24; used > 0; used -= 8, shift -= 8) out[o++] = word >>> shift;
  }
  return out;
}
