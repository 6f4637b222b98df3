import { TiffError } from './errors.js';
import { fieldTypeInfo } from './field-types.js';
import { type TiffFormat, tiffFormat } from './format.js';
import { tagName } from './tags.js';
import { type DecodedValue, decodeValue } from './value-decode.js';

export { type DecodedValue, decodeValue };

/** Random access to the bytes of a file, for parsing. */
export interface ByteSource {
  /** Total size in bytes. */
  readonly size: number;
  /** Up to `length` bytes at `position` (fewer at the end of the source). */
  read(position: number, length: number): Promise<Uint8Array> | Uint8Array;
}

/** A `ByteSource` over bytes in memory. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (position, length) => bytes.subarray(position, Math.min(bytes.length, position + length)),
  };
}

export interface ParsedEntry {
  readonly code: number;
  readonly name: string;
  readonly type: number;
  readonly count: number;
  readonly entryOffset: number;
  readonly valueOffset: number;
  readonly inline: boolean;
  /**
   * Undefined for unknown field types or values larger than `maxValueBytes`. Entries whose values lie at
   * the same place (values shared between pages) share one decoded value: treat it as read-only.
   */
  readonly value: DecodedValue | undefined;
}

export interface ParsedIfd {
  readonly offset: number;
  readonly entries: readonly ParsedEntry[];
  readonly nextIfdFieldOffset: number;
  readonly nextIfdOffset: number;
  /** The IFDs referenced by this IFD's SubIFDs tag, one per slot (their own next chains not followed). */
  readonly subIfds: readonly ParsedIfd[];
}

export interface ParsedTiff {
  readonly format: TiffFormat;
  /** The main IFD chain, in order. */
  readonly ifds: readonly ParsedIfd[];
  /**
   * Absolute position of the next-IFD field that ends the main chain (the header's first-IFD field when
   * the file has no IFDs): where an appending writer links its first new IFD.
   */
  readonly lastNextIfdFieldOffset: number;
}

export interface ParseOptions {
  /** Stop with an error after this many IFDs in total (default 1,000,000). */
  readonly maxIfds?: number;
  /**
   * Values larger than this are not read (`value` undefined); default 64 MiB. They are still checked to
   * lie inside the file.
   */
  readonly maxValueBytes?: number;
  /**
   * Stop with an error once the out-of-line values read (each place read once) total more than this many
   * bytes. Default: twice the file size plus 1 MiB. The values of a sound file do not overlap, so only
   * a damaged file whose tags point many times into the same bytes reaches it.
   */
  readonly maxTotalValueBytes?: number;
  /** Follow SubIFDs tags (default true). */
  readonly subIfds?: boolean;
}

/** Read the file header: byte order, classic or BigTIFF, first IFD offset. */
export async function parseHeader(source: ByteSource): Promise<{ format: TiffFormat; firstIfdOffset: number }> {
  const head = await source.read(0, 16);
  if (head.length < 8) throw new TiffError('NOT_A_TIFF', `not a TIFF file: only ${head.length} bytes`);
  const order = String.fromCharCode(head[0] as number, head[1] as number);
  if (order !== 'II' && order !== 'MM') {
    throw new TiffError('NOT_A_TIFF', `not a TIFF file: starts with ${JSON.stringify(order)}, not II or MM`);
  }
  const le = order === 'II';
  const view = new DataView(head.buffer, head.byteOffset, head.length);
  const version = view.getUint16(2, le);
  if (version === 42) {
    return { format: tiffFormat(false, le ? '<' : '>'), firstIfdOffset: view.getUint32(4, le) };
  }
  if (version === 43) {
    if (head.length < 16 || view.getUint16(4, le) !== 8 || view.getUint16(6, le) !== 0) {
      throw new TiffError('NOT_A_TIFF', 'not a TIFF file: BigTIFF header with an unsupported offset size');
    }
    return { format: tiffFormat(true, le ? '<' : '>'), firstIfdOffset: toSafe(view.getBigUint64(8, le)) };
  }
  throw new TiffError('NOT_A_TIFF', `not a TIFF file: version ${version} is neither 42 (TIFF) nor 43 (BigTIFF)`);
}

function toSafe(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new TiffError('CORRUPT_TIFF', `offset ${value} is out of range`);
  return Number(value);
}

/** Walk every IFD of a classic or BigTIFF file, with bounds and loop checks. */
export async function parseTiff(source: ByteSource, options: ParseOptions = {}): Promise<ParsedTiff> {
  const { format, firstIfdOffset } = await parseHeader(source);
  const parser = new IfdParser(source, format, options);
  const ifds: ParsedIfd[] = [];
  let fieldOffset: number = format.firstIfdFieldOffset;
  let next = firstIfdOffset;
  // Checked like every next-IFD offset: an IFD inside the header would be parsed from the header's bytes.
  if (next !== 0 && next < format.headerSize) {
    throw new TiffError(
      'CORRUPT_TIFF',
      `the first IFD offset ${next} lies inside the ${format.headerSize}-byte header`,
    );
  }
  if (next >= source.size) {
    throw new TiffError('CORRUPT_TIFF', `the first IFD offset ${next} lies outside the file (${source.size} bytes)`);
  }
  while (next !== 0) {
    if (parser.visited.has(next)) throw new TiffError('CORRUPT_TIFF', `IFD chain loops back to offset ${next}`);
    const ifd = await parser.parseIfd(next, 0);
    ifds.push(ifd);
    fieldOffset = ifd.nextIfdFieldOffset;
    next = ifd.nextIfdOffset;
  }
  return { format, ifds, lastNextIfdFieldOffset: fieldOffset };
}

const MAX_SUBIFD_DEPTH = 8;
/** The entry-count field of a classic IFD is 16 bits; BigTIFF's is 64, but no sound IFD needs more. */
const MAX_ENTRIES = 0xffff;

class IfdParser {
  /** Every IFD offset parsed so far, main chain and SubIFDs: each IFD is parsed once. */
  readonly visited = new Set<number>();
  private tableBytes = 0;
  private valueBytes = 0;
  /** Decoded out-of-line values by place, type and count: pages often share values. */
  private readonly values = new Map<string, DecodedValue>();
  private readonly maxIfds: number;
  private readonly maxValueBytes: number;
  private readonly maxTotalValueBytes: number;
  private readonly followSubIfds: boolean;

  constructor(
    private readonly source: ByteSource,
    private readonly format: TiffFormat,
    options: ParseOptions,
  ) {
    this.maxIfds = options.maxIfds ?? 1_000_000;
    this.maxValueBytes = options.maxValueBytes ?? 64 * 1024 * 1024;
    this.maxTotalValueBytes = options.maxTotalValueBytes ?? 2 * source.size + 1024 * 1024;
    this.followSubIfds = options.subIfds ?? true;
  }

  private async readExactly(position: number, length: number, what: string): Promise<Uint8Array> {
    if (position < 0 || position + length > this.source.size) {
      throw new TiffError(
        'CORRUPT_TIFF',
        `${what} at ${position}..${position + length} lies outside the file (${this.source.size} bytes)`,
      );
    }
    const bytes = await this.source.read(position, length);
    if (bytes.length < length) throw new TiffError('CORRUPT_TIFF', `${what} at ${position} is truncated`);
    return bytes;
  }

  async parseIfd(offset: number, depth: number): Promise<ParsedIfd> {
    if (this.visited.size >= this.maxIfds) {
      throw new TiffError('CORRUPT_TIFF', `more than ${this.maxIfds} IFDs (raise maxIfds if the file is genuine)`);
    }
    this.visited.add(offset);
    const { format } = this;
    const le = format.littleEndian;
    const countBytes = await this.readExactly(offset, format.entryCountSize, 'IFD entry count');
    const countView = new DataView(countBytes.buffer, countBytes.byteOffset, countBytes.length);
    const n = format.bigtiff ? toSafe(countView.getBigUint64(0, le)) : countView.getUint16(0, le);
    if (n > MAX_ENTRIES)
      throw new TiffError('CORRUPT_TIFF', `IFD at ${offset} claims ${n} entries (at most ${MAX_ENTRIES})`);
    const tableLength = n * format.entrySize + format.offsetSize;
    const table = await this.readExactly(offset + format.entryCountSize, tableLength, `IFD at ${offset}`);
    // The IFDs of a sound file do not overlap, so together they fit in it; damaged chains of overlapping
    // IFDs would otherwise make parsing quadratic.
    this.tableBytes += format.entryCountSize + tableLength;
    if (this.tableBytes > this.source.size) {
      throw new TiffError('CORRUPT_TIFF', `IFD at ${offset} overlaps other IFDs: together they exceed the file size`);
    }
    const view = new DataView(table.buffer, table.byteOffset, table.length);
    const entries: ParsedEntry[] = [];
    for (let i = 0; i < n; i++) {
      const at = i * format.entrySize;
      const code = view.getUint16(at, le);
      const type = view.getUint16(at + 2, le);
      const count = format.bigtiff ? toSafe(view.getBigUint64(at + 4, le)) : view.getUint32(at + 4, le);
      const slot = at + 4 + format.offsetSize;
      const info = fieldTypeInfo(type);
      const size = info ? info.size * count : 0;
      const inline = size <= format.offsetSize;
      const valueOffset = inline
        ? offset + format.entryCountSize + slot
        : format.bigtiff
          ? toSafe(view.getBigUint64(slot, le))
          : view.getUint32(slot, le);
      if (!inline && valueOffset + size > this.source.size) {
        throw new TiffError(
          'CORRUPT_TIFF',
          `tag ${tagName(code)} of the IFD at ${offset}: its ${count} values (${size} bytes) at offset ${valueOffset} ` +
            `run past the end of the file (${this.source.size} bytes)`,
        );
      }
      let value: DecodedValue | undefined;
      if (info && size <= this.maxValueBytes) {
        value = inline
          ? decodeValue(table.subarray(slot, slot + size), type, count, le)
          : await this.outOfLine(valueOffset, size, type, count, code);
      }
      entries.push({
        code,
        name: tagName(code),
        type,
        count,
        entryOffset: offset + format.entryCountSize + at,
        valueOffset,
        inline,
        value,
      });
    }
    const nextAt = n * format.entrySize;
    const nextIfdOffset = format.bigtiff ? toSafe(view.getBigUint64(nextAt, le)) : view.getUint32(nextAt, le);
    if (nextIfdOffset !== 0 && (nextIfdOffset < format.headerSize || nextIfdOffset >= this.source.size)) {
      throw new TiffError(
        'CORRUPT_TIFF',
        `IFD at ${offset} points to a next IFD at ${nextIfdOffset}, outside the file`,
      );
    }
    const subIfds: ParsedIfd[] = [];
    const subEntry = entries.find((e) => e.code === 330);
    if (this.followSubIfds && subEntry && Array.isArray(subEntry.value)) {
      if (depth >= MAX_SUBIFD_DEPTH) throw new TiffError('CORRUPT_TIFF', `SubIFDs nested deeper than ${depth}`);
      for (const sub of subEntry.value) {
        const subOffset = Number(sub);
        if (subOffset === 0) continue; // an unfilled slot
        if (subOffset === offset) throw new TiffError('CORRUPT_TIFF', `IFD at ${offset} lists itself as a SubIFD`);
        if (subOffset < format.headerSize || subOffset >= this.source.size) {
          throw new TiffError('CORRUPT_TIFF', `IFD at ${offset} lists a SubIFD at ${subOffset}, outside the file`);
        }
        if (this.visited.has(subOffset)) {
          throw new TiffError(
            'CORRUPT_TIFF',
            `IFD at ${offset} lists a SubIFD at ${subOffset}, an IFD already reached another way (a loop)`,
          );
        }
        subIfds.push(await this.parseIfd(subOffset, depth + 1));
      }
    }
    return {
      offset,
      entries,
      nextIfdFieldOffset: offset + format.entryCountSize + nextAt,
      nextIfdOffset,
      subIfds,
    };
  }

  /** An out-of-line value, already checked to lie inside the file; each place is read and decoded once. */
  private async outOfLine(
    position: number,
    size: number,
    type: number,
    count: number,
    code: number,
  ): Promise<DecodedValue> {
    const key = `${position}:${type}:${count}`;
    const known = this.values.get(key);
    if (known !== undefined) return known;
    this.valueBytes += size;
    if (this.valueBytes > this.maxTotalValueBytes) {
      throw new TiffError(
        'CORRUPT_TIFF',
        `the tag values read exceed ${this.maxTotalValueBytes} bytes at tag ${tagName(code)}: ` +
          'tags point many times into the same bytes (raise maxTotalValueBytes if the file is genuine)',
      );
    }
    const raw = await this.readExactly(position, size, `value of tag ${tagName(code)}`);
    const value = decodeValue(raw, type, count, this.format.littleEndian);
    this.values.set(key, value);
    return value;
  }
}

/** The first entry with `code`, if any. */
export function findEntry(ifd: ParsedIfd, code: number): ParsedEntry | undefined {
  return ifd.entries.find((e) => e.code === code);
}

/** The numeric values of tag `code` (empty when absent or not numeric). */
export function entryNumbers(ifd: ParsedIfd, code: number): number[] {
  const value = findEntry(ifd, code)?.value;
  if (Array.isArray(value)) return value.map(Number);
  if (value instanceof Uint8Array) return Array.from(value);
  return [];
}

/** The ASCII value of tag `code`, if present. */
export function entryString(ifd: ParsedIfd, code: number): string | undefined {
  const value = findEntry(ifd, code)?.value;
  return typeof value === 'string' ? value : undefined;
}
