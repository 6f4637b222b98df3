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
 * Write IFDs chained to each other, the last one's next-IFD field set to `next` (0: none yet), without
 * linking them to the file: runs of adjacent IFDs go out as one block.
 */
export async function writeChained(layout: FileLayout, ifds: readonly EncodedIfd[], next: number): Promise<void> {
  let run: EncodedIfd[] = [];
  const flush = async () => {
    const start = (run[0] as EncodedIfd).offset;
    const last = run.at(-1) as EncodedIfd;
    const block = new Uint8Array(last.offset + last.bytes.length - start);
    for (const ifd of run) block.set(ifd.bytes, ifd.offset - start);
    await layout.write(block, start);
    run = [];
  };
  for (const [i, ifd] of ifds.entries()) {
    const following = ifds[i + 1];
    const view = new DataView(ifd.bytes.buffer, ifd.bytes.byteOffset, ifd.bytes.byteLength);
    linkNextIfd(view, ifd.offset, ifd, following ? following.offset : next, layout.format);
    const previous = run.at(-1);
    if (previous && ifd.offset - (previous.offset + previous.bytes.length) > 1) await flush();
    run.push(ifd);
  }
  if (run.length > 0) await flush();
}

/**
 * Write consecutive IFDs (pages `firstPage…`) and link them: chained to each other and to the main
 * chain by one pointer write, or each into its parent page's SubIFDs slot (next-IFD left 0: a tree).
 * `beforeLink` runs once the main-chain IFDs are written, before the pointer that links them.
 */
export async function writeIfds(
  layout: FileLayout,
  ifds: readonly EncodedIfd[],
  placement: Placement,
  firstPage: number,
  beforeLink?: () => Promise<void>,
): Promise<void> {
  if (ifds.length === 0) return;
  if (placement.kind === 'main') {
    await writeChained(layout, ifds, 0);
    await beforeLink?.();
    await layout.appendToChain(ifds[0] as EncodedIfd, ifds.at(-1) as EncodedIfd, ifds.length);
    return;
  }
  for (const [i, ifd] of ifds.entries()) {
    await layout.write(ifd.bytes, ifd.offset);
    await layout.durability.barrier();
    await layout.patchOffset(placement.slot(firstPage + i), ifd.offset);
    placement.record(firstPage + i, ifd);
  }
}
