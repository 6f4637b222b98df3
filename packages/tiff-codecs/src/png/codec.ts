import { swapBytesInPlace } from '@tiffkit/tiff-core/byteswap.js';
import { Compression } from '@tiffkit/tiff-core/enums.js';
import type { Codec, CompressionArgs } from '../codec.js';
import { concatBytes } from '../concat.js';
import { deflate } from '../deflate/deflate.js';
import type { SegmentLayout } from '../layout.js';
import { crc32 } from './crc32.js';
import { filterRows } from './filter.js';
import { checkPngInput, PNG_COLOR_TYPES } from './options.js';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * One PNG image of the segment: IHDR, one IDAT (the filtered rows, zlib-compressed at `level` 0–9,
 * default 6 as libpng) and IEND. 16-bit samples are stored big-endian, as PNG requires, whatever
 * the file's byte order.
 */
export function encodePng(data: Uint8Array, layout: SegmentLayout, level?: number): Uint8Array {
  checkPngInput(layout);
  const { width, rows, samples, dtype } = layout;
  const bpp = samples * dtype.itemSize;
  let raw = data;
  if (dtype.itemSize === 2 && layout.byteOrder === '<') {
    raw = data.slice();
    swapBytesInPlace(raw, 2);
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, rows);
  header[8] = dtype.itemSize * 8;
  header[9] = PNG_COLOR_TYPES[samples] as number;
  // compression 0 (deflate), filter method 0 (adaptive), interlace 0 (none)
  const parts = [
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflate(filterRows(raw, width * bpp, rows, bpp), level)),
    chunk('IEND', new Uint8Array(0)),
  ];
  return concatBytes(parts);
}

/** PNG (34933): each segment one PNG image; `compressionArgs.level` is the zlib level 0–9. */
export const pngCodec: Codec = Object.freeze({
  code: Compression.PNG,
  name: 'PNG',
  encode: (data: Uint8Array, layout: SegmentLayout, args: CompressionArgs) => encodePng(data, layout, args.level),
});

/** The PNG codec, for the catalog of codecs loaded on demand (it has no WebAssembly to load). */
export async function loadPngCodec(): Promise<Codec> {
  return pngCodec;
}
