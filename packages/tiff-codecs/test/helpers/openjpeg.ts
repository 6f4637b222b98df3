/** OpenJPEG's native decoder (Debian's libopenjp2-tools), for the JPEG 2000 segments of the tests. */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
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
