import type { CompressionInput } from '@tiffkit/tiff-codecs';
import type { FileTarget, OpenOptions, WriteData, WriteOptions, WriteResult } from './options.js';
import { isEmptySink, plainRequest } from './plain/plain-request.js';
import { writePlain } from './plain/write-plain.js';

export { BIGTIFF_THRESHOLD } from './plan/auto-bigtiff.js';

/**
 * Options of `imwrite`: the file's (`OpenOptions`) and the write's (`WriteOptions`) in one object, less
 * `subIfds` (SubIFDs need `TiffWriter.open()` and several `write()` calls; tifffile's imwrite lacks it too).
 */
export type ImwriteOptions<C extends CompressionInput = CompressionInput> = OpenOptions &
  Omit<WriteOptions<C>, 'subIfds'>;

/**
 * Write `data` to `file` in one call: open, write, close. Like tifffile's `imwrite`, the byte order
 * follows the data's dtype (a `'>u2'` array gives a big-endian file) and large uncompressed data
 * goes to a BigTIFF unless `bigtiff` is given.
 *
 * The commonest call — a typed array and its `shape`, nothing else, to an empty `Sink` — takes a short path
 * that writes the same file without loading the writer's planning and layout (src/plain/); every
 * other call opens a `TiffWriter`, loaded on demand.
 */
export async function imwrite<C extends CompressionInput = CompressionInput>(
  file: FileTarget,
  data: WriteData,
  options: ImwriteOptions<C> = {},
): Promise<WriteResult | undefined> {
  const plain = plainRequest(file, data, options);
  if (plain && (await isEmptySink(plain.sink))) return writePlain(plain);
  return (await import('./imwrite-general.js')).imwriteGeneral(file, data, options as ImwriteOptions);
}
