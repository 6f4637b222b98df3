import {
  type EncodedIfd,
  encodeHeader,
  encodeIfd,
  encodeOffset,
  type IfdEntry,
  ifdByteLength,
  type TiffFormat,
} from '../src/index.js';

/** Where each named IFD of a test file starts. */
export type Offsets = Readonly<Record<string, number>>;

export interface IfdSpec {
  readonly name: string;
  /** The entries, given where every IFD of the file is (for SubIFDs values). */
  readonly entries: (at: Offsets) => IfdEntry[];
  /** The IFD its next-IFD field points to. */
  readonly next?: string;
}

export interface BuiltTiff {
  readonly bytes: Uint8Array;
  readonly at: Offsets;
  readonly encoded: Readonly<Record<string, EncodedIfd>>;
}

/**
 * A whole TIFF in memory: the header, then the IFDs one after another in `specs` order, linked by their
 * `next` names; the header points to `first` (none: 0).
 */
export function buildTiff(format: TiffFormat, specs: readonly IfdSpec[], first: string | undefined): BuiltTiff {
  const zeros: Record<string, number> = {};
  for (const spec of specs) zeros[spec.name] = 0;
  const at: Record<string, number> = {};
  let end: number = format.headerSize;
  for (const spec of specs) {
    at[spec.name] = end;
    end += ifdByteLength(spec.entries(zeros), format);
  }
  const bytes = new Uint8Array(end);
  bytes.set(encodeHeader(format, first === undefined ? 0 : offsetOf(at, first)), 0);
  const encoded: Record<string, EncodedIfd> = {};
  for (const spec of specs) {
    const ifd = encodeIfd(spec.entries(at), offsetOf(at, spec.name), format);
    bytes.set(ifd.bytes, ifd.offset);
    if (spec.next !== undefined) bytes.set(encodeOffset(format, offsetOf(at, spec.next)), ifd.nextIfdFieldOffset);
    encoded[spec.name] = ifd;
  }
  return { bytes, at, encoded };
}

function offsetOf(at: Offsets, name: string): number {
  const offset = at[name];
  if (offset === undefined) throw new Error(`no IFD named ${name}`);
  return offset;
}
