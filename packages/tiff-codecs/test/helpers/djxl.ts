/**
 * libjxl's `djxl` (Debian's libjxl-tools) as the independent JPEG XL decoder: a codestream is decoded
 * to PGM/PPM (integer gray or RGB, exact values at the stored bit depth), PFM (float gray or RGB) or
 * PNG (with alpha: 8 or 16 bits), and the samples come back interleaved as numbers.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import type { TempDir } from './interop.js';
import { unfilter } from './png-unfilter.js';

export interface Decoded {
  readonly width: number;
  readonly height: number;
  readonly samples: number;
  /** Interleaved samples, row-major, top row first. */
  readonly values: Float64Array;
  /** The largest value of the format (PNM maxval, 255/65535 for PNG), 1 for PFM. */
  readonly maxValue: number;
}

/** The file type djxl decodes `samples` samples per pixel to: PNG keeps an alpha channel (2 or 4). */
export function djxlSuffix(samples: number): 'pgm' | 'ppm' | 'png' {
  return samples === 2 || samples === 4 ? 'png' : samples === 1 ? 'pgm' : 'ppm';
}

/** Decode `jxl` with djxl into a file of type `suffix` ('pgm', 'ppm', 'pfm' or 'png') and read it back. */
export function djxl(jxl: Uint8Array, dir: TempDir, name: string, suffix: 'pgm' | 'ppm' | 'pfm' | 'png'): Decoded {
  const input = dir.path(`${name}.jxl`);
  const output = dir.path(`${name}.${suffix}`);
  writeFileSync(input, jxl);
  const result = spawnSync('djxl', [input, output, '--quiet'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`djxl failed (${result.status}): ${result.stderr}`);
  const bytes = new Uint8Array(readFileSync(output));
  return suffix === 'png' ? readPng(bytes) : suffix === 'pfm' ? readPfm(bytes) : readPnm(bytes);
}

/**
 * Float samples: djxl 0.7 writes PFM, and for an image with alpha it writes the colour channels and
 * the alpha channel as two PFM files (`-ec0`, `-ec1`) instead of one.
 */
export function djxlFloat(jxl: Uint8Array, dir: TempDir, name: string): { colour: Decoded; alpha?: Decoded } {
  const input = dir.path(`${name}.jxl`);
  const output = dir.path(`${name}.pfm`);
  writeFileSync(input, jxl);
  const result = spawnSync('djxl', [input, output, '--quiet'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`djxl failed (${result.status}): ${result.stderr}`);
  if (existsSync(output)) return { colour: readPfm(new Uint8Array(readFileSync(output))) };
  const part = (i: number) => readPfm(new Uint8Array(readFileSync(dir.path(`${name}-ec${i}.pfm`))));
  return { colour: part(0), alpha: part(1) };
}

/** Header tokens of a PNM/PFM file and the offset of its raster (after one whitespace byte). */
function header(bytes: Uint8Array, count: number): { tokens: string[]; at: number } {
  const tokens: string[] = [];
  let at = 0;
  while (tokens.length < count) {
    while (/\s/.test(String.fromCharCode(bytes[at] as number))) at++;
    let token = '';
    while (!/\s/.test(String.fromCharCode(bytes[at] as number))) token += String.fromCharCode(bytes[at++] as number);
    tokens.push(token);
  }
  return { tokens, at: at + 1 };
}

function readPnm(bytes: Uint8Array): Decoded {
  const { tokens, at } = header(bytes, 4);
  const [magic, w, h, max] = tokens as [string, string, string, string];
  const samples = magic === 'P5' ? 1 : 3;
  const width = Number(w);
  const height = Number(h);
  const maxValue = Number(max);
  const values = new Float64Array(width * height * samples);
  const view = new DataView(bytes.buffer, bytes.byteOffset + at);
  for (let i = 0; i < values.length; i++) values[i] = maxValue > 255 ? view.getUint16(2 * i) : view.getUint8(i);
  return { width, height, samples, values, maxValue };
}

function readPfm(bytes: Uint8Array): Decoded {
  const { tokens, at } = header(bytes, 4);
  const [magic, w, h, scale] = tokens as [string, string, string, string];
  const samples = magic === 'Pf' ? 1 : 3;
  const width = Number(w);
  const height = Number(h);
  const little = Number(scale) < 0;
  const values = new Float64Array(width * height * samples);
  const view = new DataView(bytes.buffer, bytes.byteOffset + at);
  const rowValues = width * samples;
  // PFM stores the bottom row first.
  for (let y = 0; y < height; y++) {
    for (let i = 0; i < rowValues; i++) {
      values[y * rowValues + i] = view.getFloat32(((height - 1 - y) * rowValues + i) * 4, little);
    }
  }
  return { width, height, samples, values, maxValue: 1 };
}

const PNG_SAMPLES: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/** A non-interlaced 8- or 16-bit PNG (what djxl writes): chunks, inflate, and the five row filters undone. */
function readPng(bytes: Uint8Array): Decoded {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let width = 0;
  let height = 0;
  let depth = 8;
  let samples = 1;
  const idat: Uint8Array[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      depth = data[8] as number;
      samples = PNG_SAMPLES[data[9] as number] as number;
    } else if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const filtered = new Uint8Array(inflateSync(Buffer.concat(idat)));
  const bpp = (samples * depth) / 8;
  const rowBytes = width * bpp;
  const raw = unfilter(filtered, rowBytes, height, bpp);
  const values = new Float64Array(width * height * samples);
  const rawView = new DataView(raw.buffer);
  for (let i = 0; i < values.length; i++) values[i] = depth === 16 ? rawView.getUint16(2 * i) : (raw[i] as number);
  return { width, height, samples, values, maxValue: depth === 16 ? 65535 : 255 };
}
