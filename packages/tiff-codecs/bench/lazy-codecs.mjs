// Throughput and ratio of the codecs loaded on demand (Zstandard, LZMA, WebP, PNG, JPEG 2000, JPEG XL) beside zlib, on the same
// 256×256 tiles of a 1024×1024 uint16 image (smooth pattern + 6 bits of noise), median of 5 runs, in
// MB/s of uncompressed input; then each through EncoderPool with 1 and 2 workers. Runs against dist/:
// `pnpm build` first, then `node bench/lazy-codecs.mjs`.
import { DTypes } from '@tiffkit/tiff-core';
import { applyPredictor, deflate, EncoderPool, loadCodec } from '../dist/index.js';
import { loadZstdBackend } from '../dist/zstd/codec.js';

const SIZE = 1024;
const TILE = 256;
const RUNS = 5;
const print = (line) => process.stdout.write(`${line}\n`);

function makeImage() {
  const values = new Uint16Array(SIZE * SIZE);
  let seed = 1;
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const smooth = 800 * Math.sin(x / 97) * Math.cos(y / 131);
      values[y * SIZE + x] = 1000 + Math.round(smooth) + ((seed >>> 16) & 63);
    }
  }
  return values;
}

const values = makeImage();
const tiles = [];
for (let ty = 0; ty < SIZE; ty += TILE) {
  for (let tx = 0; tx < SIZE; tx += TILE) {
    const tile = new Uint16Array(TILE * TILE);
    for (let y = 0; y < TILE; y++)
      tile.set(values.subarray((ty + y) * SIZE + tx, (ty + y) * SIZE + tx + TILE), y * TILE);
    tiles.push(new Uint8Array(tile.buffer));
  }
}
const inputBytes = tiles.reduce((sum, t) => sum + t.length, 0);
const layout = { width: TILE, rows: TILE, samples: 1, dtype: DTypes.uint16, byteOrder: '<' };

function median(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function report(label, ms, outBytes) {
  const mbs = inputBytes / 1e6 / (ms / 1000);
  const ratio = outBytes ? `  ratio ${(inputBytes / outBytes).toFixed(3)}` : '';
  print(`${label.padEnd(40)} ${mbs.toFixed(1).padStart(8)} MB/s  (${ms.toFixed(0)} ms)${ratio}`);
}

function measure(label, encode) {
  encode(tiles[0]); // warm-up: JIT, wasm heap growth
  const times = [];
  let outBytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    outBytes = tiles.reduce((sum, tile) => sum + encode(tile).length, 0);
    times.push(performance.now() - start);
  }
  report(label, median(times), outBytes);
}

const zstd = await loadCodec(50000);
const lzma = await loadCodec(34925);
const { name: zstdBackend } = await loadZstdBackend();
print(
  `tiffkit lazy codecs: ${SIZE}×${SIZE} uint16 (${(inputBytes / 1e6).toFixed(1)} MB) as ${tiles.length} tiles of ` +
    `${TILE}×${TILE}; Node ${process.version}; Zstandard via ${zstdBackend}, LZMA via liblzma (WebAssembly)`,
);
const predicted = (tile) => applyPredictor(2, tile, layout);
for (const level of [1, 6]) measure(`zlib level ${level}`, (t) => deflate(t, level));
measure('zlib level 6 + predictor 2', (t) => deflate(predicted(t), 6));
for (const level of [1, 3, 9]) measure(`zstd level ${level}`, (t) => zstd.encode(t, layout, { level }));
measure('zstd level 3 + predictor 2', (t) => zstd.encode(predicted(t), layout, { level: 3 }));
for (const level of [0, 6]) measure(`lzma preset ${level}`, (t) => lzma.encode(t, layout, { level }));
measure('lzma preset 6 + predictor 2', (t) => lzma.encode(predicted(t), layout, { level: 6 }));
const png = await loadCodec(34933);
measure('png level 6 (16-bit gray, adaptive filters)', (t) => png.encode(t, layout, { level: 6 }));
const j2k = await loadCodec(34712);
measure('jpeg2000 lossless (16-bit gray)', (t) => j2k.encode(t, layout, {}));
measure('jpeg2000 9/7, every pass (reversible: false)', (t) => j2k.encode(t, layout, { reversible: false }));
const jpegxl = await loadCodec(50002);
measure('jpegxl lossless (16-bit gray)', (t) => jpegxl.encode(t, layout, {}));

// Through the worker pool: every tile one task, all in flight; the first round (which starts the
// workers and loads the codec in each) is not counted.
async function pooled(label, compression, args, workers) {
  const pool = EncoderPool.acquire(workers);
  const task = (tile) => ({
    data: tile.slice(),
    width: TILE,
    rows: TILE,
    samples: 1,
    dtype: 'uint16',
    byteOrder: '<',
    predictor: 1,
    compression,
    args,
  });
  try {
    await Promise.all(tiles.map((t) => pool.encode(task(t), true)));
    const times = [];
    let outBytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const batch = tiles.map(task); // copies made outside the timed part
      const start = performance.now();
      const out = await Promise.all(batch.map((t) => pool.encode(t, true)));
      times.push(performance.now() - start);
      outBytes = out.reduce((sum, o) => sum + o.length, 0);
    }
    report(`${label}, pool of ${workers}`, median(times), outBytes);
  } finally {
    await pool.release();
  }
}

for (const workers of [1, 2]) {
  await pooled('zlib level 6', 8, { level: 6 }, workers);
  await pooled('zstd level 3', 50000, { level: 3 }, workers);
  await pooled('lzma preset 6', 34925, { level: 6 }, workers);
  await pooled('jpeg2000 lossless', 34712, {}, workers);
}

// WebP takes 8-bit RGB(A): the same tiles as photo-like RGB (smooth waves + mild noise), beside zlib.
const webp = await loadCodec(50001);
let noise = 7;
const rgbTiles = tiles.map((_, t) => {
  const rgb = new Uint8Array(TILE * TILE * 3);
  for (let i = 0; i < TILE * TILE; i++) {
    const x = (i % TILE) + (t % 4) * TILE;
    const y = Math.floor(i / TILE) + Math.floor(t / 4) * TILE;
    for (let s = 0; s < 3; s++) {
      noise = (Math.imul(noise, 1103515245) + 12345) >>> 0;
      const value = 110 + x / 12 + 60 * Math.sin((x + 13 * s) / 23) * Math.cos((y - 7 * s) / 31) + ((noise >>> 16) & 7);
      rgb[i * 3 + s] = Math.max(0, Math.min(255, Math.round(value)));
    }
  }
  return rgb;
});
const rgbLayout = { width: TILE, rows: TILE, samples: 3, dtype: DTypes.uint8, byteOrder: '<' };
tiles.splice(0, tiles.length, ...rgbTiles);
print(`\nWebP: the same ${tiles.length} tiles as 8-bit RGB (${((inputBytes * 1.5) / 1e6).toFixed(1)} MB)`);
const rgbBytes = rgbTiles.reduce((sum, t) => sum + t.length, 0);
const measureRgb = (label, encode) => {
  encode(rgbTiles[0]);
  const times = [];
  let outBytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    outBytes = rgbTiles.reduce((sum, tile) => sum + encode(tile).length, 0);
    times.push(performance.now() - start);
  }
  const ms = median(times);
  print(
    `${label.padEnd(40)} ${(rgbBytes / 1e6 / (ms / 1000)).toFixed(1).padStart(8)} MB/s  (${ms.toFixed(0)} ms)  ratio ${(rgbBytes / outBytes).toFixed(3)}`,
  );
};
measureRgb('zlib level 6 (RGB)', (t) => deflate(t, 6));
measureRgb('webp lossless', (t) => webp.encode(t, rgbLayout, { lossless: true }));
measureRgb('webp lossless, method 0', (t) => webp.encode(t, rgbLayout, { lossless: true, method: 0 }));
measureRgb('webp lossy quality 75', (t) => webp.encode(t, rgbLayout, {}));
measureRgb('webp lossy quality 90', (t) => webp.encode(t, rgbLayout, { level: 90 }));
measureRgb('png level 6 (RGB)', (t) => png.encode(t, rgbLayout, { level: 6 }));
measureRgb('jpeg2000 lossless (RGB)', (t) => j2k.encode(t, rgbLayout, {}));
measureRgb('jpegxl lossless (RGB)', (t) => jpegxl.encode(t, rgbLayout, {}));
async function pooledRgb(label, args, workers, compression = 50001) {
  const pool = EncoderPool.acquire(workers);
  const task = (tile) => ({
    data: tile.slice(),
    width: TILE,
    rows: TILE,
    samples: 3,
    dtype: 'uint8',
    byteOrder: '<',
    predictor: 1,
    compression,
    args,
  });
  try {
    await Promise.all(rgbTiles.map((t) => pool.encode(task(t), true)));
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      const batch = rgbTiles.map(task);
      const start = performance.now();
      await Promise.all(batch.map((t) => pool.encode(t, true)));
      times.push(performance.now() - start);
    }
    const ms = median(times);
    print(
      `${`${label}, pool of ${workers}`.padEnd(40)} ${(rgbBytes / 1e6 / (ms / 1000)).toFixed(1).padStart(8)} MB/s  (${ms.toFixed(0)} ms)`,
    );
  } finally {
    await pool.release();
  }
}
for (const workers of [1, 2]) {
  await pooledRgb('webp lossless', { lossless: true }, workers);
  await pooledRgb('webp lossy quality 75', {}, workers);
  await pooledRgb('png level 6', {}, workers, 34933);
  await pooledRgb('jpeg2000 lossless', {}, workers, 34712);
  await pooledRgb('jpegxl lossless', {}, workers, 50002);
}
