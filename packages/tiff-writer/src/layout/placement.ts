import type { EncodedIfd } from '@tiffkit/tiff-core/ifd-encode.js';
import { linkNextIfd } from '@tiffkit/tiff-core/ifd-fields.js';
import type { FileLayout } from './file-layout.js';

/**
 * Where a series' IFDs are linked: the main chain, or the SubIFDs of the pages of a parent series
 * (`slot(page)` is the position to patch with the IFD of that page).
 */
export type Placement =
  | { readonly kind: 'main' }
  | {
      readonly kind: 'level';
      readonly slot: (page: number) => number;
      /** Called with every IFD written, for chained levels (the next level links from its next-IFD field). */
      readonly record: (page: number, ifd: EncodedIfd) => void;
    };

/**
 * Write consecutive IFDs (pages `firstPage…`) as one block and link them: chained to each other and to
 * the main chain, or each into its parent page's SubIFDs slot (next-IFD left 0: a tree).
 */
export async function writeIfds(
  layout: FileLayout,
  ifds: readonly EncodedIfd[],
  placement: Placement,
  firstPage: number,
): Promise<void> {
  if (ifds.length === 0) return;
  const start = (ifds[0] as EncodedIfd).offset;
  const last = ifds.at(-1) as EncodedIfd;
  const block = new Uint8Array(last.offset + last.bytes.length - start);
  const view = new DataView(block.buffer);
  ifds.forEach((ifd, i) => {
    block.set(ifd.bytes, ifd.offset - start);
    const next = ifds[i + 1];
    if (placement.kind === 'main' && next) linkNextIfd(view, start, ifd, next.offset, layout.format);
  });
  await layout.write(block, start);
  if (placement.kind === 'main') {
    await layout.appendToChain(ifds[0] as EncodedIfd, last, ifds.length);
    return;
  }
  for (const [i, ifd] of ifds.entries()) {
    await layout.patchOffset(placement.slot(firstPage + i), ifd.offset);
    placement.record(firstPage + i, ifd);
  }
}
