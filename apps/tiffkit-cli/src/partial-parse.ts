import {
  type ByteSource,
  type ParsedIfd,
  type ParsedTiff,
  parseHeader,
  parseTiff,
  TiffError,
} from '@tiffkit/tiff-core';

/** Where reading a damaged file stopped: the main-chain index and offset of the IFD, and why. */
export interface StopPoint {
  readonly ifd: number;
  readonly offset: number;
  readonly reason: string;
}

/** A parsed file, or as much of its main chain as could be read and where reading stopped. */
export interface ReadableTiff {
  readonly tiff: ParsedTiff;
  readonly stopped?: StopPoint;
}

const isCorrupt = (error: unknown): error is TiffError => error instanceof TiffError && error.code === 'CORRUPT_TIFF';

/**
 * Parse `source` whole; if it is damaged (CORRUPT_TIFF), parse it again IFD by IFD and keep the IFDs
 * before the first bad one, as tifffile lists the pages it can read. Other errors (not a TIFF, I/O) are
 * thrown as they are.
 */
export async function parseReadable(source: ByteSource): Promise<ReadableTiff> {
  try {
    return { tiff: await parseTiff(source) };
  } catch (error) {
    if (!isCorrupt(error)) throw error;
  }
  return parseIfdByIfd(source);
}

/** The value of an offset-sized field (4 or 8 bytes) at `position`, or undefined past the end. */
async function readOffset(
  source: ByteSource,
  position: number,
  size: 2 | 4 | 8,
  le: boolean,
): Promise<number | undefined> {
  const bytes = await source.read(position, size);
  if (bytes.length < size) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, size);
  return size === 2 ? view.getUint16(0, le) : size === 4 ? view.getUint32(0, le) : Number(view.getBigUint64(0, le));
}

/**
 * `source` with byte ranges replaced: parseTiff only parses whole chains, so one IFD is parsed alone by
 * pointing the header at it and zeroing its next-IFD field. Positions stay the same, so the offsets the
 * parser reports are the file's.
 */
function patchedSource(source: ByteSource, patches: readonly { at: number; bytes: Uint8Array }[]): ByteSource {
  return {
    size: source.size,
    async read(position, length) {
      const original = await source.read(position, length);
      const bytes = Uint8Array.from(original);
      for (const { at, bytes: patch } of patches) {
        for (let i = 0; i < patch.length; i++) {
          const j = at + i - position;
          if (j >= 0 && j < bytes.length) bytes[j] = patch[i] as number;
        }
      }
      return bytes;
    },
  };
}

async function parseIfdByIfd(source: ByteSource): Promise<ReadableTiff> {
  const { format, firstIfdOffset } = await parseHeader(source);
  const le = format.littleEndian;
  const ifds: ParsedIfd[] = [];
  const visited = new Set<number>();
  let fieldOffset: number = format.firstIfdFieldOffset;
  let next = firstIfdOffset;
  const stop = (reason: string): ReadableTiff => ({
    tiff: { format, ifds, lastNextIfdFieldOffset: fieldOffset },
    stopped: { ifd: ifds.length, offset: next, reason },
  });
  while (next !== 0) {
    if (next < format.headerSize || next >= source.size) {
      return stop(`the IFD offset ${next} lies outside the file (${source.size} bytes)`);
    }
    if (visited.has(next)) return stop(`the IFD chain loops back to offset ${next}`);
    visited.add(next);
    const count = await readOffset(source, next, format.entryCountSize, le);
    if (count === undefined) return stop(`the IFD entry count at ${next} is truncated`);
    const nextField = next + format.entryCountSize + count * format.entrySize;
    const header = new Uint8Array(format.offsetSize);
    const view = new DataView(header.buffer);
    if (format.bigtiff) view.setBigUint64(0, BigInt(next), le);
    else view.setUint32(0, next, le);
    const alone = patchedSource(source, [
      { at: format.firstIfdFieldOffset, bytes: header },
      { at: nextField, bytes: new Uint8Array(format.offsetSize) },
    ]);
    let ifd: ParsedIfd | undefined;
    try {
      ifd = (await parseTiff(alone)).ifds[0];
    } catch (error) {
      if (!isCorrupt(error)) throw error;
      return stop(error.message);
    }
    if (!ifd) return stop(`no IFD at ${next}`);
    // parseTiff read the zeroed field; the real one is read here (it was checked to lie in the file).
    const realNext = (await readOffset(source, nextField, format.offsetSize, le)) ?? 0;
    ifds.push({ ...ifd, nextIfdOffset: realNext });
    fieldOffset = ifd.nextIfdFieldOffset;
    next = realNext;
  }
  // Whole parsing failed, yet every main-chain IFD parsed alone: the damage lies between IFDs (a SubIFD
  // reached twice, or IFDs overlapping); reported at the end of the chain.
  return stop('the IFDs parse one by one but not together (shared or overlapping IFDs)');
}
