import { Compression, Photometric, ResolutionUnit } from '@tiffkit/tiff-core/enums.js';
import { FieldType } from '@tiffkit/tiff-core/field-types.js';
import type { TiffFormat } from '@tiffkit/tiff-core/format.js';
import {
  type EncodedIfd,
  encodeIfd,
  type IfdEntry,
  ifdByteLength,
  type PlacedEntry,
} from '@tiffkit/tiff-core/ifd-encode.js';
import { TagCode } from '@tiffkit/tiff-core/tags.js';
import { alignUp, even } from '../plan/alignment.js';
import { type PlainRequest, pageCount } from './plain-request.js';

/** Where the data of a plain write starts: the general path's default `align`. */
const DATA_ALIGN = 16;
/** NUL bytes after the shaped JSON, as the shaped format reserves them (formats/shaped/shaped.ts). */
const JSON_RESERVE = 16;

/** A plain write's bytes: the IFDs around the data, each with the position it goes to. */
export interface PlainLayout {
  readonly dataOffset: number;
  readonly firstIfd: EncodedIfd;
  /** The other pages' IFDs after the data, chained, as one block (empty for one page). */
  readonly laterIfds: { readonly offset: number; readonly bytes: Uint8Array };
}

/**
 * The tags of one page of a plain series: a grey (MINISBLACK) image in one uncompressed strip, as the
 * general path plans it for the same call; the first page also carries the shaped JSON and Software.
 */
function pageEntries(request: PlainRequest, first: boolean, offset: number): IfdEntry[] {
  const { dtype, shape } = request;
  const width = shape.at(-1) as number;
  const length = shape.at(-2) as number;
  const short = (code: number, value: number): IfdEntry => ({ code, type: FieldType.SHORT, value: [value] });
  const long = (code: number, value: number): IfdEntry => ({ code, type: FieldType.LONG, value: [value] });
  const unit = [1, 1];
  const entries: IfdEntry[] = [
    long(TagCode.ImageWidth, width),
    long(TagCode.ImageLength, length),
    short(TagCode.BitsPerSample, dtype.bitsPerSample),
    short(TagCode.Compression, Compression.NONE),
    short(TagCode.PhotometricInterpretation, Photometric.MINISBLACK),
    long(TagCode.StripOffsets, offset),
    short(TagCode.SamplesPerPixel, 1),
    long(TagCode.RowsPerStrip, length),
    long(TagCode.StripByteCounts, width * length * dtype.itemSize),
    { code: TagCode.XResolution, type: FieldType.RATIONAL, value: unit },
    { code: TagCode.YResolution, type: FieldType.RATIONAL, value: unit },
    short(TagCode.ResolutionUnit, ResolutionUnit.NONE),
  ];
  if (dtype.sampleFormat !== 1) entries.push(short(TagCode.SampleFormat, dtype.sampleFormat));
  if (first) {
    // Python's json.dumps of {"shape": [...]}: what tifffile reads as the series' shape.
    const json = `{"shape": [${shape.join(', ')}]}`;
    entries.push({ code: TagCode.ImageDescription, type: FieldType.ASCII, value: json, reserve: JSON_RESERVE });
    entries.push({ code: TagCode.Software, type: FieldType.ASCII, value: 'tiffkit' });
  }
  return entries;
}

/**
 * The layout the general path gives the same call: the first IFD after the header, the data (aligned)
 * after it as one block, then the other pages' IFDs, chained in page order. Those are copies of the
 * second page's IFD with their own strip offset: their out-of-line values (the resolutions) point at
 * its copy, as tifffile's and the general path's are (layout/clone-ifd.ts).
 */
export function plainLayout(request: PlainRequest, format: TiffFormat): PlainLayout {
  const firstAt = format.headerSize;
  const dataOffset = alignUp(firstAt + ifdByteLength(pageEntries(request, true, 0), format), DATA_ALIGN);
  const pages = pageCount(request.shape);
  const pageBytes = request.bytes.length / pages;
  const laterAt = even(dataOffset + request.bytes.length);
  const firstIfd = encodeIfd(pageEntries(request, true, dataOffset), firstAt, format);
  if (pages === 1) return { dataOffset, firstIfd, laterIfds: { offset: laterAt, bytes: new Uint8Array(0) } };
  const template = encodeIfd(pageEntries(request, false, dataOffset + pageBytes), laterAt, format);
  const size = template.bytes.length;
  // Classic files: one LONG strip offset, inline in its entry.
  const strip = (template.entries.find((entry) => entry.code === TagCode.StripOffsets) as PlacedEntry).valueOffset;
  const next = template.nextIfdFieldOffset - laterAt;
  const bytes = new Uint8Array((pages - 1) * size);
  const view = new DataView(bytes.buffer);
  const le = format.littleEndian;
  for (let page = 1; page < pages; page++) {
    const at = (page - 1) * size;
    bytes.set(template.bytes, at);
    view.setUint32(at + strip - laterAt, dataOffset + page * pageBytes, le);
    if (page + 1 < pages) view.setUint32(at + next, laterAt + at + size, le);
  }
  new DataView(firstIfd.bytes.buffer).setUint32(firstIfd.nextIfdFieldOffset - firstAt, laterAt, le);
  return { dataOffset, firstIfd, laterIfds: { offset: laterAt, bytes } };
}
