/** Target uncompressed strip size when compressing: tifffile's 256 KiB (it used 64 KiB before 2023.7.10). */
export const COMPRESSED_STRIP_BYTES = 262144;

/**
 * tifffile's default RowsPerStrip: about 256 KiB of uncompressed data per strip when compressed (at least
 * one row, at most the image), else the whole image in one strip. `rowBytes` counts unpacked samples
 * (width × contiguous samples × item size, also for bool and packed integers).
 */
export function defaultRowsPerStrip(rowBytes: number, compressed: boolean, length: number): number {
  if (!compressed) return length;
  const rows = rowBytes > 0 ? Math.floor(COMPRESSED_STRIP_BYTES / rowBytes) : length;
  return Math.min(Math.max(rows, 1), length);
}
