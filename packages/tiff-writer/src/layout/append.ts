import { TiffError } from '@tiffkit/tiff-core/errors.js';
import { type ByteSource, entryString, type ParsedTiff, parseTiff } from '@tiffkit/tiff-core/ifd-parse.js';
import type { Sink } from '@tiffkit/tiff-core/sink.js';
import { TagCode } from '@tiffkit/tiff-core/tags.js';
import { isImagejDescription } from '@tiffkit/tiff-meta-imagej';
import { isOmeXml } from '@tiffkit/tiff-meta-ome';

/** Tags that mark formats whose metadata an appended series would contradict. */
const FORMAT_TAGS: ReadonlyMap<number, string> = new Map([
  [TagCode.CZ_LSMINFO, 'LSM'],
  [TagCode.UIC1tag, 'MetaMorph STK'],
  [TagCode.MM_Header, 'FluoView'],
  [TagCode.MicroManagerMetadata, 'Micro-Manager'],
]);

/** The format metadata a TIFF carries that appending would invalidate, if any. */
export function formatMetadata(tiff: ParsedTiff): string | undefined {
  const first = tiff.ifds[0];
  if (!first) return undefined;
  const description = entryString(first, TagCode.ImageDescription) ?? '';
  if (isImagejDescription(description)) return 'ImageJ';
  if (isOmeXml(description)) return 'OME';
  for (const entry of first.entries) {
    const name = FORMAT_TAGS.get(entry.code);
    if (name) return name;
  }
  return undefined;
}

/** Read back an existing TIFF through its sink, for appending. */
export async function inspectExisting(sink: Sink, force: boolean): Promise<{ tiff: ParsedTiff; size: number }> {
  const read = sink.read?.bind(sink);
  if (!read)
    throw new TiffError('APPEND_REFUSED', 'this sink cannot be read back, so nothing can be appended to it', {
      option: 'append',
    });
  const size = await sink.size();
  const source: ByteSource = { size, read: (position, length) => read(position, length) };
  const tiff = await parseTiff(source);
  const metadata = formatMetadata(tiff);
  if (metadata && !force) {
    throw new TiffError(
      'APPEND_REFUSED',
      `cannot append to a file with ${metadata} metadata: new series would contradict it (append: 'force' appends anyway)`,
      { option: 'append' },
    );
  }
  return { tiff, size };
}
