// JPEG XL `effort` 1–10 (then lossy distances 1–8): codestream size (KB) and speed (MB/s of input, median of 3 runs) of tiffkit's
// lossless encoder on a 16-bit gray tile and an RGB tile (as in bench/lazy-codecs.mjs) and a
// photo-like 512×477 RGB image, beside libjxl's `cjxl -d 0 -e N` (native, one thread) when it is
// installed. Runs against dist/: `pnpm build` first, then `node bench/jpegxl-effort.mjs`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DTypes } from '@tiffkit/tiff-core';
import { loadCodec } from '../dist/index.js';

const RUNS = 3;
const print = (line) => process.stdout.write(`${line}\n`);

/** mulberry32, as the tests' `seeded` helper. */
function seeded(seed) {
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
 * 256×256 uint16: bench/lazy-codecs.mjs' smooth pattern + 6 bits of noise, the noise from mulberry32
 * (as the effort test's tile): the LCG noise of lazy-codecs.mjs has a structure libjxl's learned trees
 * exploit (cjxl -e 7 writes 39.8 KB of that tile), which says nothing about real images.
 */
function grayTile() {
  const next = seeded(5);
  const out = new Uint8Array(256 * 256 * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 256 * 256; i++) {
    const [x, y] = [i % 256, Math.floor(i / 256)];
    const smooth = 800 * Math.sin(x / 97) * Math.cos(y / 131);
    view.setUint16(2 * i, 1000 + Math.round(smooth) + Math.floor(next() * 64), true);
  }
  return out;
}

/** 256×256 RGB: waves + 3 bits of noise (bench/lazy-codecs.mjs' first RGB tile). */
function rgbTile() {
  const rgb = new Uint8Array(256 * 256 * 3);
  let noise = 7;
  for (let i = 0; i < 256 * 256; i++) {
    const [x, y] = [i % 256, Math.floor(i / 256)];
    for (let s = 0; s < 3; s++) {
      noise = (Math.imul(noise, 1103515245) + 12345) >>> 0;
      const value = 110 + x / 12 + 60 * Math.sin((x + 13 * s) / 23) * Math.cos((y - 7 * s) / 31) + ((noise >>> 16) & 7);
      rgb[i * 3 + s] = Math.max(0, Math.min(255, Math.round(value)));
    }
  }
  return rgb;
}

/** Photo-like 8-bit RGB (smooth gradients, waves, mild noise), as the tests' `photo` helper makes it. */
function photo(width, height) {
  const next = seeded(3);
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let s = 0; s < 3; s++) {
        const wave = 60 * Math.sin((x + 13 * s) / 11) * Math.cos((y - 7 * s) / 17);
        const value = 100 + (x * 80) / width + (y * 40) / height + wave + next() * 6;
        out[(y * width + x) * 3 + s] = Math.max(0, Math.min(255, Math.round(value)));
      }
    }
  }
  return out;
}

/** The image as PGM/PPM (big-endian 16-bit when 2 bytes per sample), cjxl's input. */
function pnm(data, width, height, samples, itemSize) {
  const head = `${samples === 1 ? 'P5' : 'P6'}\n${width} ${height}\n${itemSize === 1 ? 255 : 65535}\n`;
  const body = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i += itemSize) {
    if (itemSize === 1) body[i] = data[i];
    else [body[i], body[i + 1]] = [data[i + 1], data[i]];
  }
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

const cjxl = spawnSync('cjxl', ['--version'], { encoding: 'utf8' }).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'tiffkit-jxl-bench-'));
const images = [
  ['16-bit gray tile 256×256', grayTile(), 256, 256, 1, DTypes.uint16],
  ['RGB tile 256×256', rgbTile(), 256, 256, 3, DTypes.uint8],
  ['photo-like RGB 512×477', photo(512, 477), 512, 477, 3, DTypes.uint8],
];
const codec = await loadCodec(50002);
print(
  `tiffkit JPEG XL lossless by effort: KB (MB/s), median of ${RUNS}; cjxl ${cjxl ? '-d 0 -e N (0.7, native, 1 thread)' : 'not installed'}`,
);
for (const [label, data, width, rows, samples, dtype] of images) {
  const layout = { width, rows, samples, dtype, byteOrder: '<' };
  print(`\n${label} (${(data.length / 1024).toFixed(0)} KB raw)`);
  const input = join(dir, `in.${samples === 1 ? 'pgm' : 'ppm'}`);
  if (cjxl) writeFileSync(input, pnm(data, width, rows, samples, dtype.itemSize));
  for (let effort = 1; effort <= 10; effort++) {
    codec.encode(data, layout, { effort }); // warm-up
    const times = [];
    let size = 0;
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      size = codec.encode(data, layout, { effort }).length;
      times.push(performance.now() - start);
    }
    const ms = times.sort((x, y) => x - y)[Math.floor(RUNS / 2)];
    let peer = '';
    if (cjxl && effort <= 9) {
      const output = join(dir, 'out.jxl');
      const start = performance.now();
      const run = spawnSync('cjxl', [input, output, '-d', '0', '-e', String(effort), '--num_threads=0', '--quiet']);
      const cjxlMs = performance.now() - start;
      if (run.status === 0) {
        const mbs = data.length / 1e6 / (cjxlMs / 1000);
        peer = `   cjxl -e ${effort}: ${(statSync(output).size / 1024).toFixed(1)} KB (${mbs.toFixed(1)} MB/s incl. process start)`;
      }
    }
    const mbs = data.length / 1e6 / (ms / 1000);
    print(
      `  effort ${String(effort).padStart(2)}: ${(size / 1024).toFixed(1).padStart(6)} KB (${mbs.toFixed(2)} MB/s)${peer}`,
    );
  }
}
/** PSNR (dB, 8-bit peak) of a PPM file's samples against `data`. */
function psnrOf(ppm, data) {
  let at = 0;
  for (let fields = 0; fields < 4; at++) {
    if (/\s/.test(String.fromCharCode(ppm[at])) && !/\s/.test(String.fromCharCode(ppm[at - 1]))) fields++;
  }
  let squares = 0;
  for (let i = 0; i < data.length; i++) squares += (ppm[at + i] - data[i]) ** 2;
  return 10 * Math.log10((255 * 255) / (squares / data.length));
}

// Lossy: tiffkit's near-lossless modular coding against libjxl's VarDCT at the same distance (effort 7).
const djxl = spawnSync('djxl', ['--version'], { encoding: 'utf8' }).status === 0;
const [, data, width, rows] = images[2];
print(`\nLossy, photo-like RGB 512×477: KB, PSNR${djxl ? '' : ' (djxl not installed: no PSNR)'}`);
const input = join(dir, 'in.ppm');
if (cjxl) writeFileSync(input, pnm(data, width, rows, 3, 1));
for (const distance of [1, 2, 4, 8]) {
  const jxl = codec.encode(data, { width, rows, samples: 3, dtype: DTypes.uint8, byteOrder: '<' }, { distance });
  const decode = (file) => {
    const out = join(dir, 'out.ppm');
    return spawnSync('djxl', [file, out, '--quiet']).status === 0 ? psnrOf(readFileSync(out), data).toFixed(1) : '?';
  };
  const ours = join(dir, 'ours.jxl');
  writeFileSync(ours, jxl);
  let peer = '';
  if (cjxl) {
    const theirs = join(dir, 'theirs.jxl');
    spawnSync('cjxl', [input, theirs, '-d', String(distance), '-e', '7', '--num_threads=0', '--quiet']);
    peer = `   cjxl -d ${distance} (VarDCT): ${(statSync(theirs).size / 1024).toFixed(1)} KB${djxl ? `, ${decode(theirs)} dB` : ''}`;
  }
  print(
    `  distance ${distance}: ${(jxl.length / 1024).toFixed(1).padStart(6)} KB${djxl ? `, ${decode(ours)} dB` : ''}${peer}`,
  );
}
rmSync(dir, { recursive: true, force: true });
