import type { EncodedIfd, PlacedEntry } from '@tiffkit/tiff-core';

/**
 * Labels the writer puts on IFD entries to find them once placed: the caller's `description`, the
 * metadata format's own description (`metadata`: shaped JSON, ImageJ text, the OME-XML placeholder)
 * and the `subifds` slots that pyramid levels are linked from.
 */
export type EntryLabel = 'description' | 'metadata' | 'subifds';

/** The placed entry labelled `label` in an encoded IFD. */
export function labelled(ifd: EncodedIfd, label: EntryLabel): PlacedEntry | undefined {
  return ifd.entries.find((e) => e.label === label);
}
