/**
 * Shared by the JPEG tests: deterministic test images, PSNR, a JPEG marker walker, and small JPEG-in-TIFF
 * files built with tiff-core for libtiff to read.
 */
import { spawnSync } from 'node:child_process';
import {
  type ByteOrder,
  bytesSource,
  encodeHeader,
  encodeIfd,
  entryNumbers,
  FieldType,
  type IfdEntry,
  parseTiff,
  tiffFormat,
} from '@tiffkit/tiff-core';
import jpeg from 'jpeg-js';
import { type JpegColorspace, JpegEncoder } from '../src/jpeg/index.js';

/** A seeded PRNG (mulberry32), so noise images are the same on every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Smooth content: slow waves on absolute pixel scales (periods of 70–260 pixels), different in every
 * channel, so small and narrow images are as smooth per pixel as large ones (what JPEG is made for).
 */
export function smoothImage(width: number, height: number, components: number): Uint8Array {
  const pixels = new Uint8Array(width * height * components);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * components;
      pixels[i] = Math.round(128 + 90 * Math.sin(x / 23 + y / 41));
      if (components === 3) {
        pixels[i + 1] = Math.round(120 + 80 * Math.cos(x / 31 - y / 19));
        pixels[i + 2] = Math.round(128 + 100 * Math.sin((x + 2 * y) / 37 + 1));
      }
    }
  }
  return pixels;
}

/** Uniform noise in 0..255. */
export function noiseImage(width: number, height: number, components: number, seed = 1): Uint8Array {
  const next = random(seed);
  return Uint8Array.from({ length: width * height * components }, () => Math.floor(next() * 256));
}

/**
 * Decode with jpeg-js into interleaved samples: 3 per pixel, or 1 for `components` 1 (jpeg-js expands
 * grayscale to R = G = B, which is checked). jpeg-js ignores the Adobe marker's transform 0 (it only
 * honours transform 1), so for 'rgb' streams the conversion has to be switched off by hand; libjpeg
 * honours the marker (see the libtiff tests).
 */
export function decodeJpegJs(
  stream: Uint8Array,
  components: 1 | 3 = 3,
  colorspace?: JpegColorspace,
): { width: number; height: number; data: Uint8Array } {
  const { width, height, data } = jpeg.decode(stream, {
    useTArray: true,
    formatAsRGBA: false,
    ...(colorspace === 'rgb' ? { colorTransform: false } : {}),
  });
  if (components === 3) return { width, height, data };
  const gray = new Uint8Array(width * height);
  for (let i = 0; i < gray.length; i++) {
    const value = data[i * 3] as number;
    if (data[i * 3 + 1] !== value || data[i * 3 + 2] !== value) throw new Error('gray decoded with colour');
    gray[i] = value;
  }
  return { width, height, data: gray };
}

export interface JpegSegment {
  readonly marker: number;
  readonly offset: number;
  /** The segment's payload after its length field (empty for SOI, EOI). */
  readonly body: Uint8Array;
}

/**
 * Walk a JPEG stream: marker segments up to SOS, then the entropy-coded data, checking that every 0xFF in
 * it is stuffed, then the final marker. Throws on anything malformed.
 */
export function parseJpeg(stream: Uint8Array): { segments: JpegSegment[]; entropy: Uint8Array } {
  const segments: JpegSegment[] = [];
  if (stream[0] !== 0xff || stream[1] !== 0xd8) throw new Error('no SOI');
  segments.push({ marker: 0xd8, offset: 0, body: new Uint8Array(0) });
  let pos = 2;
  for (;;) {
    if (stream[pos] !== 0xff) throw new Error(`expected a marker at ${pos}`);
    const marker = stream[pos + 1] as number;
    const length = ((stream[pos + 2] as number) << 8) | (stream[pos + 3] as number);
    if (length < 2 || pos + 2 + length > stream.length) throw new Error(`bad length ${length} at ${pos}`);
    segments.push({ marker, offset: pos, body: stream.subarray(pos + 4, pos + 2 + length) });
    pos += 2 + length;
    if (marker === 0xda) break;
  }
  const start = pos;
  while (pos < stream.length - 1) {
    if (stream[pos] === 0xff) {
      if (stream[pos + 1] === 0x00) {
        pos += 2;
        continue;
      }
      break;
    }
    pos++;
  }
  const entropy = stream.subarray(start, pos);
  if (stream[pos] !== 0xff || stream[pos + 1] !== 0xd9 || pos + 2 !== stream.length) {
    throw new Error(`entropy-coded data not followed by EOI at the end (at ${pos} of ${stream.length})`);
  }
  segments.push({ marker: 0xd9, offset: pos, body: new Uint8Array(0) });
  return { segments, entropy };
}

// ---- libtiff ---------------------------------------------------------------------------------------

const REQUIRED = process.env['REQUIRE_INTEROP'] === '1';

function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** libtiff-tools present? */
export const hasLibtiff = hasCommand('tiffcp') && hasCommand('tiff2rgba');

/**
 * Whether libtiff tests should be skipped: never under REQUIRE_INTEROP=1 (the tests then run and fail in
 * `requireLibtiff`), otherwise when the tools are missing, with a notice.
 */
export function skipLibtiff(): boolean {
  if (hasLibtiff || REQUIRED) return false;
  console.warn('NOTICE: libtiff-tools (tiffcp, tiff2rgba) not installed: JPEG interop tests are skipped');
  return true;
}

export function requireLibtiff(): void {
  if (!hasLibtiff) throw new Error('libtiff-tools (tiffcp, tiff2rgba) are required (REQUIRE_INTEROP=1)');
}

/** Run a libtiff tool; return its stderr (the tests expect it to be empty). */
export function runTool(command: string, args: readonly string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stderr;
}

export interface JpegTiffOptions {
  readonly width: number;
  readonly height: number;
  readonly components: 1 | 3;
  readonly colorspace?: JpegColorspace;
  readonly subsampling?: readonly [number, number];
  readonly quality?: number;
  readonly byteOrder: ByteOrder;
  /** Strips of this many rows, or tiles of [length, width]. */
  readonly rowsPerStrip?: number;
  readonly tile?: readonly [number, number];
}

/**
 * A one-page TIFF whose strips or tiles are each a complete JPEG stream, as tiffkit's writer will lay it
 * out: header, segments, then the IFD. Edge tiles are zero-padded to the full tile size, as tifffile does.
 */
export function buildJpegTiff(pixels: Uint8Array, options: JpegTiffOptions): Uint8Array {
  const { width, height, components, byteOrder } = options;
  const colorspace = options.colorspace ?? (components === 1 ? 'gray' : 'ycbcr');
  const encoder = new JpegEncoder({
    components,
    colorspace,
    quality: options.quality ?? 90,
    ...(options.subsampling ? { subsampling: options.subsampling } : {}),
  });
  const segments: Uint8Array[] = [];
  if (options.tile) {
    const [tl, tw] = options.tile;
    const tile = new Uint8Array(tl * tw * components);
    for (let ty = 0; ty < height; ty += tl) {
      for (let tx = 0; tx < width; tx += tw) {
        tile.fill(0);
        for (let r = 0; r < tl && ty + r < height; r++) {
          const from = ((ty + r) * width + tx) * components;
          const n = Math.min(tw, width - tx) * components;
          tile.set(pixels.subarray(from, from + n), r * tw * components);
        }
        segments.push(encoder.encode(tile, tw, tl));
      }
    }
  } else {
    const rps = options.rowsPerStrip ?? height;
    for (let y = 0; y < height; y += rps) {
      const rows = Math.min(rps, height - y);
      segments.push(
        encoder.encode(pixels.subarray(y * width * components, (y + rows) * width * components), width, rows),
      );
    }
  }
  const format = tiffFormat(false, byteOrder);
  const offsets: number[] = [];
  let position = format.headerSize;
  for (const s of segments) {
    offsets.push(position);
    position += s.length;
  }
  const ifdOffset = position + (position & 1);
  const photometric = colorspace === 'gray' ? 1 : colorspace === 'rgb' ? 2 : 6;
  const entries: IfdEntry[] = [
    { code: 256, type: FieldType.LONG, value: [width] },
    { code: 257, type: FieldType.LONG, value: [height] },
    { code: 258, type: FieldType.SHORT, value: new Array(components).fill(8) },
    { code: 259, type: FieldType.SHORT, value: [7] },
    { code: 262, type: FieldType.SHORT, value: [photometric] },
    { code: 277, type: FieldType.SHORT, value: [components] },
    { code: 284, type: FieldType.SHORT, value: [1] },
  ];
  const counts = segments.map((s) => s.length);
  if (options.tile) {
    entries.push(
      { code: 322, type: FieldType.LONG, value: [options.tile[1]] },
      { code: 323, type: FieldType.LONG, value: [options.tile[0]] },
      { code: 324, type: FieldType.LONG, value: offsets },
      { code: 325, type: FieldType.LONG, value: counts },
    );
  } else {
    entries.push(
      { code: 273, type: FieldType.LONG, value: offsets },
      { code: 278, type: FieldType.LONG, value: [options.rowsPerStrip ?? height] },
      { code: 279, type: FieldType.LONG, value: counts },
    );
  }
  if (photometric === 6) {
    entries.push(
      { code: 530, type: FieldType.SHORT, value: encoder.config.subsampling },
      { code: 532, type: FieldType.RATIONAL, value: [0, 1, 255, 1, 128, 1, 255, 1, 128, 1, 255, 1] },
    );
  }
  const ifd = encodeIfd(entries, ifdOffset, format);
  const file = new Uint8Array(ifdOffset + ifd.bytes.length);
  file.set(encodeHeader(format, ifdOffset));
  segments.forEach((s, i) => {
    file.set(s, offsets[i] as number);
  });
  file.set(ifd.bytes, ifdOffset);
  return file;
}

/** The first page of an uncompressed, contiguous, stripped TIFF (what tiffcp/tiff2rgba write). */
export async function readStrippedTiff(bytes: Uint8Array): Promise<{
  width: number;
  height: number;
  samples: number;
  photometric: number;
  data: Uint8Array;
}> {
  const { ifds } = await parseTiff(bytesSource(bytes));
  const ifd = ifds[0];
  if (!ifd) throw new Error('no IFD');
  const one = (code: number, fallback?: number): number => {
    const value = entryNumbers(ifd, code)[0] ?? fallback;
    if (value === undefined) throw new Error(`tag ${code} missing`);
    return value;
  };
  if (one(259, 1) !== 1) throw new Error(`compression ${one(259)} is not 1`);
  if (one(284, 1) !== 1) throw new Error('planar configuration is not contiguous');
  if (entryNumbers(ifd, 258).some((b) => b !== 8)) throw new Error('not 8 bits per sample');
  const width = one(256);
  const height = one(257);
  const samples = one(277, 1);
  const offsets = entryNumbers(ifd, 273);
  const counts = entryNumbers(ifd, 279);
  const data = new Uint8Array(width * height * samples);
  let at = 0;
  offsets.forEach((offset, i) => {
    const n = Math.min(counts[i] as number, data.length - at);
    data.set(bytes.subarray(offset, offset + n), at);
    at += n;
  });
  if (at !== data.length) throw new Error(`strips hold ${at} bytes, expected ${data.length}`);
  return { width, height, samples, photometric: one(262), data };
}
