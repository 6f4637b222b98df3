/**
 * A deliberately tiny classic-TIFF writer for tests, assembled byte by byte so the ImageJ harness can be
 * proven without depending on tiff-core or tiff-writer. It lays files out the way ImageJ expects a
 * hyperstack: header, then every plane's pixels back to back (ImageJ reads the first IFD and then
 * `images=` planes contiguously), then one IFD per plane.
 */
import type { EncodedIjMetadata } from '../src/index.js';

export type HandDType = 'uint8' | 'uint16' | 'int16' | 'float32';

export interface HandTiffOptions {
  byteOrder: '<' | '>';
  width: number;
  height: number;
  /** Pages: T·Z·C for a hyperstack. */
  planes: number;
  dtype: HandDType;
  /** 1 for grayscale/palette, 3 or 4 for contiguous RGB(A). */
  samples?: number;
  /** All pixel values in C order (plane, row, column, sample). */
  pixels: ArrayLike<number>;
  /** ImageDescription of page 0 (the writer adds a NUL and the 64 reserved NULs). */
  description?: string;
  ijMetadata?: EncodedIjMetadata;
  /** ColorMap tag values (3 × 256 uint16). */
  colormap?: ArrayLike<number>;
  /** PhotometricInterpretation; default 2 (RGB) for 3/4 samples, else 1 (MINISBLACK). */
  photometric?: number;
  /** XResolution = YResolution as a rational [numerator, denominator]. */
  resolution?: [number, number];
  /** Compress each plane's strip (e.g. with zlib) and write this Compression code. */
  compression?: { code: number; encode: (plane: Uint8Array) => Uint8Array };
}

const ITEM: Record<HandDType, number> = { uint8: 1, uint16: 2, int16: 2, float32: 4 };
const SAMPLE_FORMAT: Record<HandDType, number> = { uint8: 1, uint16: 1, int16: 2, float32: 3 };
const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8 };

interface Entry {
  tag: number;
  type: 1 | 2 | 3 | 4 | 5;
  values: ArrayLike<number>;
  /** Bytes reserved after the value but outside its count (the writer's NUL padding). */
  reserve?: number;
}

export function buildTiff(options: HandTiffOptions): Uint8Array {
  const le = options.byteOrder === '<';
  const samples = options.samples ?? 1;
  const item = ITEM[options.dtype];
  const planeBytes = options.width * options.height * samples * item;
  const raw = encodePixels(options, le);
  const strips = Array.from({ length: options.planes }, (_, p) => {
    const plane = raw.subarray(p * planeBytes, (p + 1) * planeBytes);
    return options.compression ? options.compression.encode(plane) : plane;
  });

  const chunks: Uint8Array[] = [];
  let size = 8;
  const place = (bytes: Uint8Array): number => {
    if (size % 2) {
      chunks.push(new Uint8Array(1));
      size += 1;
    }
    const at = size;
    chunks.push(bytes);
    size += bytes.byteLength;
    return at;
  };
  const offsets = strips.map(place);

  const ifdOffsets: number[] = [];
  const pending: { at: number; view: DataView }[] = [];
  for (let p = 0; p < options.planes; p++) {
    const entries = pageEntries(options, p, samples, offsets[p] as number, (strips[p] as Uint8Array).byteLength);
    const { bytes, patchNext } = encodeIfd(entries, le, size);
    const at = place(bytes.ifd);
    // Out-of-line values follow their IFD; their offsets were computed for this position.
    ifdOffsets.push(at);
    pending.push({ at: at + patchNext, view: new DataView(bytes.ifd.buffer) });
    for (const value of bytes.values) place(value);
  }
  const file = new Uint8Array(size);
  let position = 8; // chunks start after the header
  for (const chunk of chunks) {
    file.set(chunk, position);
    position += chunk.byteLength;
  }
  const view = new DataView(file.buffer);
  file.set(le ? [0x49, 0x49] : [0x4d, 0x4d], 0);
  view.setUint16(2, 42, le);
  view.setUint32(4, ifdOffsets[0] ?? 0, le);
  for (const [i, { at }] of pending.entries()) view.setUint32(at, ifdOffsets[i + 1] ?? 0, le);
  return file;
}

function pageEntries(options: HandTiffOptions, page: number, samples: number, offset: number, count: number): Entry[] {
  const bits = ITEM[options.dtype] * 8;
  const rgb = samples > 1;
  const entries: Entry[] = [
    { tag: 256, type: 4, values: [options.width] },
    { tag: 257, type: 4, values: [options.height] },
    { tag: 258, type: 3, values: Array(samples).fill(bits) },
    { tag: 259, type: 3, values: [options.compression?.code ?? 1] },
    { tag: 262, type: 3, values: [options.photometric ?? (rgb ? 2 : 1)] },
    { tag: 273, type: 4, values: [offset] },
    { tag: 277, type: 3, values: [samples] },
    { tag: 278, type: 4, values: [options.height] },
    { tag: 279, type: 4, values: [count] },
  ];
  if (page === 0 && options.description !== undefined) {
    const text = [...options.description].map((c) => c.charCodeAt(0) & 0xff);
    entries.push({ tag: 270, type: 2, values: [...text, 0], reserve: 64 });
  }
  if (options.resolution) {
    entries.push({ tag: 282, type: 5, values: options.resolution }, { tag: 283, type: 5, values: options.resolution });
    entries.push({ tag: 296, type: 3, values: [1] });
  }
  if (rgb) entries.push({ tag: 284, type: 3, values: [1] });
  if (options.colormap) entries.push({ tag: 320, type: 3, values: options.colormap });
  if (SAMPLE_FORMAT[options.dtype] !== 1) {
    entries.push({ tag: 339, type: 3, values: Array(samples).fill(SAMPLE_FORMAT[options.dtype]) });
  }
  if (page === 0 && options.ijMetadata) {
    entries.push({ tag: 50838, type: 4, values: options.ijMetadata.byteCounts });
    entries.push({ tag: 50839, type: 1, values: options.ijMetadata.data });
  }
  return entries.sort((a, b) => a.tag - b.tag);
}

/** One IFD and its out-of-line values; `base` is the file size before the IFD is placed. */
function encodeIfd(entries: Entry[], le: boolean, base: number) {
  const ifdSize = 2 + 12 * entries.length + 4;
  const ifd = new Uint8Array(ifdSize);
  const view = new DataView(ifd.buffer);
  view.setUint16(0, entries.length, le);
  const values: Uint8Array[] = [];
  // The IFD is placed at an even position; values follow it, each at an even position too.
  let next = base + (base % 2) + ifdSize;
  entries.forEach((entry, i) => {
    const at = 2 + 12 * i;
    const data = encodeValues(entry, le);
    view.setUint16(at, entry.tag, le);
    view.setUint16(at + 2, entry.type, le);
    view.setUint32(at + 4, entry.type === 5 ? entry.values.length / 2 : entry.values.length, le);
    if (data.byteLength <= 4 && !entry.reserve) {
      ifd.set(data, at + 8);
    } else {
      next += next % 2;
      view.setUint32(at + 8, next, le);
      values.push(data);
      next += data.byteLength;
    }
  });
  return { bytes: { ifd, values }, patchNext: ifdSize - 4 };
}

function encodeValues(entry: Entry, le: boolean): Uint8Array {
  const size = TYPE_SIZE[entry.type] as number;
  const length = entry.type === 5 ? entry.values.length * 4 : entry.values.length * size;
  const bytes = new Uint8Array(length + (entry.reserve ?? 0));
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < entry.values.length; i++) {
    const v = entry.values[i] as number;
    if (size === 1) bytes[i] = v;
    else if (size === 2) view.setUint16(i * 2, v, le);
    else view.setUint32(i * 4, v, le);
  }
  return bytes;
}

function encodePixels(options: HandTiffOptions, le: boolean): Uint8Array {
  const item = ITEM[options.dtype];
  const bytes = new Uint8Array(options.pixels.length * item);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < options.pixels.length; i++) {
    const v = options.pixels[i] as number;
    if (options.dtype === 'uint8') view.setUint8(i, v);
    else if (options.dtype === 'uint16') view.setUint16(i * 2, v, le);
    else if (options.dtype === 'int16') view.setInt16(i * 2, v, le);
    else view.setFloat32(i * 4, v, le);
  }
  return bytes;
}
