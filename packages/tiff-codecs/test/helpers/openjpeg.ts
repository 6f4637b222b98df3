/** OpenJPEG's native decoder (Debian's libopenjp2-tools), for the JPEG 2000 segments of the tests. */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import type { ByteOrder, DType } from '@tiffkit/tiff-core';
import type { TempDir } from './interop.js';

let runs = 0;

/**
 * opj_decompress's samples of one raw J2K codestream, pixel-interleaved, little-endian (its `.rawl`
 * output is planar); throws when it does not hold `width`×`rows`×`samples` samples of `itemSize` bytes.
 */
export function opjDecode(
  dir: TempDir,
  codestream: Uint8Array,
  width: number,
  rows: number,
  samples: number,
  itemSize: number,
): Uint8Array {
  const name = `opj-${++runs}`;
  writeFileSync(dir.path(`${name}.j2k`), codestream);
  execFileSync('opj_decompress', ['-i', dir.path(`${name}.j2k`), '-o', dir.path(`${name}.rawl`)], { stdio: 'pipe' });
  const planar = new Uint8Array(readFileSync(dir.path(`${name}.rawl`)));
  const plane = width * rows * itemSize;
  if (planar.length !== plane * samples) {
    throw new Error(`opj_decompress gave ${planar.length} bytes, not ${plane * samples}`);
  }
  const out = new Uint8Array(planar.length);
  for (let s = 0; s < samples; s++)
    for (let p = 0; p < width * rows; p++)
      for (let b = 0; b < itemSize; b++)
        out[(p * samples + s) * itemSize + b] = planar[s * plane + p * itemSize + b] as number;
  return out;
}

/** The SIZ marker's precision and sign of component 0, and the COD marker's levels, MCT and wavelet. */
export function j2kHeader(codestream: Uint8Array) {
  const view = new DataView(codestream.buffer, codestream.byteOffset, codestream.byteLength);
  const ssiz = codestream[42] as number; // after SOC (2), SIZ marker + Lsiz … YTOsiz, Csiz (2+38+2)
  const components = view.getUint16(40);
  let at = 4 + view.getUint16(4); // the marker after SIZ
  while (view.getUint16(at) !== 0xff52) at += 2 + view.getUint16(at + 2);
  return {
    components,
    bits: (ssiz & 0x7f) + 1,
    signed: (ssiz & 0x80) !== 0,
    progression: codestream[at + 5],
    layers: view.getUint16(at + 6),
    mct: codestream[at + 8],
    /** Wavelet decompositions: resolution levels less one. */
    levels: codestream[at + 9],
    reversible: codestream[at + 13] === 1,
  };
}

/** Samples as numbers, whatever their type and byte order. */
export function sampleValues(bytes: Uint8Array, dtype: DType, order: ByteOrder): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i += dtype.itemSize) {
    if (dtype.itemSize === 1) out.push(dtype.kind === 'int' ? view.getInt8(i) : view.getUint8(i));
    else out.push(dtype.kind === 'int' ? view.getInt16(i, order === '<') : view.getUint16(i, order === '<'));
  }
  return out;
}
