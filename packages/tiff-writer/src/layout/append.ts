import { type ByteSource, entryString, type ParsedTiff, parseTiff, type Sink, TiffError } from '@tiffkit/tiff-core';

/** Tags that mark formats whose metadata an appended series would contradict. */
const FORMAT_TAGS: ReadonlyMap<number, string> = new Map([
  [34412, 'LSM'],
  [33628, 'MetaMorph STK'],
  [34361, 'FluoView'],
  [51123, 'Micro-Manager'],
]);

/** The format metadata a TIFF carries that appending would invalidate, if any. */
export function formatMetadata(tiff: ParsedTiff): string | undefined {
  const first = tiff.ifds[0];
  if (!first) return undefined;
  const description = entryString(first, 270)?.trimStart() ?? '';
  if (description.startsWith('ImageJ=')) return 'ImageJ';
  if ((description.startsWith('<?xml') || description.startsWith('<OME')) && description.includes('<OME')) return 'OME';
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
