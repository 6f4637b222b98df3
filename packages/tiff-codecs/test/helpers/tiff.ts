/**
 * Minimal TIFF files built with tiff-core around codec output, for independent readers to decode, and a
 * reader for the (uncompressed) strips libtiff writes back.
 */
import {
  type ByteOrder,
  bytesSource,
  type DType,
  encodeHeader,
  encodeIfd,
  entryNumbers,
  FieldType,
  type IfdEntry,
  parseTiff,
  swapBytesInPlace,
  tiffFormat,
} from '@tiffkit/tiff-core';
import { applyPredictor, getCodec, packBilevel } from '../../src/index.js';

export interface Page {
  readonly width: number;
  readonly height: number;
  /** Samples per pixel. */
  readonly samples: number;
  readonly planar: boolean;
  readonly dtype: DType;
  readonly compression: number;
  readonly predictor: number;
  readonly rowsPerStrip: number;
  /** Tiled instead of stripped: `strips` then holds the tiles, row by row. */
  readonly tile?: { readonly width: number; readonly length: number };
  /** ExtraSamples (338) values, e.g. [2] for unassociated alpha. */
  readonly extraSamples?: readonly number[];
  /** Default: itemSize × 8 (1 for bool). */
  readonly bitsPerSample?: number;
  /** Default: MINISBLACK, or RGB for 3 contiguous or planar samples. */
  readonly photometric?: number;
  readonly strips: readonly Uint8Array[];
}

/** A classic TIFF holding `pages`: each page's strips, then its IFD. */
export function buildTiff(pages: readonly Page[], byteOrder: ByteOrder): Uint8Array {
  const format = tiffFormat(false, byteOrder);
  const chunks: Uint8Array[] = [];
  let position = format.headerSize;
  const header = encodeHeader(format, 0);
  chunks.push(header);
  let previousNextField: number = format.firstIfdFieldOffset;
  const patches: { at: number; value: number }[] = [];
  for (const page of pages) {
    const offsets: number[] = [];
    for (const strip of page.strips) {
      offsets.push(position);
      chunks.push(strip);
      position += strip.length;
    }
    if (position % 2) {
      chunks.push(new Uint8Array(1));
      position++;
    }
    const bits = page.bitsPerSample ?? (page.dtype.kind === 'bool' ? 1 : page.dtype.itemSize * 8);
    const photometric = page.photometric ?? (page.samples === 3 ? 2 : 1);
    const entries: IfdEntry[] = [
      { code: 256, type: FieldType.LONG, value: [page.width] },
      { code: 257, type: FieldType.LONG, value: [page.height] },
      { code: 258, type: FieldType.SHORT, value: new Array(page.samples).fill(bits) },
      { code: 259, type: FieldType.SHORT, value: [page.compression] },
      { code: 262, type: FieldType.SHORT, value: [photometric] },
      { code: 277, type: FieldType.SHORT, value: [page.samples] },
      { code: 284, type: FieldType.SHORT, value: [page.planar ? 2 : 1] },
    ];
    if (page.extraSamples) entries.push({ code: 338, type: FieldType.SHORT, value: [...page.extraSamples] });
    const counts = page.strips.map((s) => s.length);
    if (page.tile) {
      entries.push(
        { code: 322, type: FieldType.LONG, value: [page.tile.width] },
        { code: 323, type: FieldType.LONG, value: [page.tile.length] },
        { code: 324, type: FieldType.LONG, value: offsets },
        { code: 325, type: FieldType.LONG, value: counts },
      );
    } else {
      entries.push(
        { code: 273, type: FieldType.LONG, value: offsets },
        { code: 278, type: FieldType.LONG, value: [page.rowsPerStrip] },
        { code: 279, type: FieldType.LONG, value: counts },
      );
    }
    entries.sort((a, b) => a.code - b.code);
    if (page.predictor !== 1) entries.push({ code: 317, type: FieldType.SHORT, value: [page.predictor] });
    if (page.dtype.kind !== 'bool') {
      entries.push({ code: 339, type: FieldType.SHORT, value: new Array(page.samples).fill(page.dtype.sampleFormat) });
    }
    const ifd = encodeIfd(entries, position, format);
    patches.push({ at: previousNextField, value: position });
    previousNextField = ifd.nextIfdFieldOffset;
    chunks.push(ifd.bytes);
    position += ifd.bytes.length;
  }
  const file = new Uint8Array(position);
  let at = 0;
  for (const chunk of chunks) {
    file.set(chunk, at);
    at += chunk.length;
  }
  const view = new DataView(file.buffer);
  for (const { at: field, value } of patches) view.setUint32(field, value, format.littleEndian);
  return file;
}

/** `bytes` (file order `from`) in byte order `to`. */
export function inOrder(bytes: Uint8Array, dtype: DType, from: ByteOrder, to: ByteOrder): Uint8Array {
  const copy = bytes.slice();
  if (from !== to && dtype.kind !== 'bool') swapBytesInPlace(copy, dtype.swapSize);
  return copy;
}

export interface EncodeRequest {
  readonly width: number;
  readonly height: number;
  readonly samples: number;
  readonly planar: boolean;
  readonly dtype: DType;
  readonly byteOrder: ByteOrder;
  readonly compression: number;
  readonly predictor: number;
  readonly rowsPerStrip: number;
  readonly level?: number;
  /** Further `compressionArgs` (e.g. `{ lossless: true }`), merged with `level`. */
  readonly args?: Readonly<Record<string, unknown>>;
}

function argsOf(request: EncodeRequest): Record<string, unknown> {
  return { ...request.args, ...(request.level === undefined ? {} : { level: request.level }) };
}

/**
 * Cut `image` (file-order bytes, C order: planes × rows × width × samples-per-plane; bool as one byte
 * per pixel) into strips and encode each through the predictor and codec, as a writer would.
 */
export function encodePage(image: Uint8Array, request: EncodeRequest): Page {
  const { width, height, samples, planar, dtype, byteOrder, rowsPerStrip } = request;
  const planes = planar ? samples : 1;
  const contig = planar ? 1 : samples;
  const rowValues = width * contig;
  const rowBytes = dtype.kind === 'bool' ? rowValues : rowValues * dtype.itemSize;
  const codec = getCodec(request.compression);
  const strips: Uint8Array[] = [];
  for (let p = 0; p < planes; p++) {
    for (let y = 0; y < height; y += rowsPerStrip) {
      const rows = Math.min(rowsPerStrip, height - y);
      const start = (p * height + y) * rowBytes;
      let segment = image.subarray(start, start + rows * rowBytes);
      if (dtype.kind === 'bool') segment = packBilevel(segment, width, rows);
      const layout = { width, rows, samples: contig, dtype, byteOrder };
      const predicted = request.predictor === 1 ? segment : applyPredictor(request.predictor, segment, layout);
      strips.push(codec.encode(predicted, layout, argsOf(request)));
    }
  }
  return { ...request, strips };
}

/**
 * Cut a one-plane `image` (file-order bytes, rows × width × samples) into `tile`-sized tiles, edge tiles
 * zero-padded, and encode each through the predictor and codec.
 */
export function encodeTiledPage(image: Uint8Array, request: EncodeRequest, tile: Page['tile'] & {}): Page {
  const { width, height, samples, dtype, byteOrder } = request;
  const pixelBytes = samples * dtype.itemSize;
  const codec = getCodec(request.compression);
  const tiles: Uint8Array[] = [];
  const layout = { width: tile.width, rows: tile.length, samples, dtype, byteOrder };
  for (let ty = 0; ty < height; ty += tile.length) {
    for (let tx = 0; tx < width; tx += tile.width) {
      const segment = new Uint8Array(tile.width * tile.length * pixelBytes);
      for (let y = 0; y < tile.length && ty + y < height; y++) {
        const columns = Math.min(tile.width, width - tx);
        const start = ((ty + y) * width + tx) * pixelBytes;
        segment.set(image.subarray(start, start + columns * pixelBytes), y * tile.width * pixelBytes);
      }
      const predicted = request.predictor === 1 ? segment : applyPredictor(request.predictor, segment, layout);
      tiles.push(codec.encode(predicted, layout, argsOf(request)));
    }
  }
  return { ...request, planar: false, tile, strips: tiles };
}

/** The concatenated strips of every page of an uncompressed TIFF, with the file's byte order. */
export async function readStrips(file: Uint8Array): Promise<{ byteOrder: ByteOrder; pages: Uint8Array[] }> {
  const tiff = await parseTiff(bytesSource(file));
  const pages = tiff.ifds.map((ifd) => {
    if (entryNumbers(ifd, 259)[0] !== 1) throw new Error('expected an uncompressed TIFF');
    const offsets = entryNumbers(ifd, 273);
    const counts = entryNumbers(ifd, 279);
    const total = counts.reduce((a, b) => a + b, 0);
    const out = new Uint8Array(total);
    let at = 0;
    offsets.forEach((offset, i) => {
      const count = counts[i] as number;
      out.set(file.subarray(offset, offset + count), at);
      at += count;
    });
    return out;
  });
  return { byteOrder: tiff.format.byteOrder, pages };
}
