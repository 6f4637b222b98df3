/** Reading back files with tiff-core's own parser, for structural assertions (tifffile is the judge of content). */
import { bytesSource, entryNumbers, entryString, type ParsedIfd, type ParsedTiff, parseTiff } from '@tiffkit/tiff-core';

export async function parse(bytes: Uint8Array): Promise<ParsedTiff> {
  return parseTiff(bytesSource(bytes));
}

/** The tag values of an IFD by code (first entry wins). */
export function tags(ifd: ParsedIfd): Map<number, unknown> {
  const map = new Map<number, unknown>();
  for (const entry of ifd.entries) if (!map.has(entry.code)) map.set(entry.code, entry.value);
  return map;
}

/** The uncompressed strip bytes of a page, concatenated. */
export function pageBytes(bytes: Uint8Array, ifd: ParsedIfd): Uint8Array {
  const offsets = entryNumbers(ifd, 273);
  const counts = entryNumbers(ifd, 279);
  const total = counts.reduce((a, b) => a + b, 0);
  const out = new Uint8Array(total);
  let at = 0;
  offsets.forEach((offset, i) => {
    out.set(bytes.subarray(offset, offset + (counts[i] as number)), at);
    at += counts[i] as number;
  });
  return out;
}

export function descriptions(ifd: ParsedIfd): string[] {
  return ifd.entries.filter((e) => e.code === 270).map((e) => e.value as string);
}

export { entryNumbers, entryString };
