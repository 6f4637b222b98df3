/**
 * `imwrite` writes uncompressed data larger than this to a BigTIFF unless `bigtiff` is given, as
 * tifffile does: 4 GiB less 32 MiB kept for metadata.
 */
export const BIGTIFF_THRESHOLD = 2 ** 32 - 2 ** 25;
