/**
 * Compressed writing beside tifffile and fiff, in the same session:
 *   1. a 512 MiB uint16 stack (64 × 2048 × 2048), zlib level 6, 256 × 256 tiles, 2 workers;
 *   2. the same with the horizontal predictor;
 *   3. LZW and PackBits single-threaded throughput; JPEG in Mpixel/s.
 * Medians of RUNS runs (default 3) and ratios; figures, not assertions: the machine is shared.
 */
import { execFileSync } from 'node:child_process';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTiff, makeImageTags, sliceTiles } from '@fideus-labs/fiff';
import { findPython, median } from '../../../scripts/bench-utils.mjs';
import { imwrite } from '../dist/index.js';

const RUNS = Number(process.env.RUNS ?? 3);
const dir = tmpdir();
const python = findPython();
const [PAGES, SIZE] = [Number(process.env.PAGES ?? 64), 2048];
const MIB = (PAGES * SIZE * SIZE * 2) / 2 ** 20;

/** A microscopy-like stack: smooth background, bright blobs, sensor noise (deterministic). */
function makeStack() {
  const data = new Uint16Array(PAGES * SIZE * SIZE);
  const column = Float64Array.from({ length: SIZE }, (_, x) => 300 + 200 * Math.sin(x / 180));
  let seed = 12345;
  for (let p = 0; p < PAGES; p++) {
    for (let y = 0; y < SIZE; y++) {
      const row = 150 * Math.cos((y + p * 16) / 230);
      const offset = (p * SIZE + y) * SIZE;
      for (let x = 0; x < SIZE; x++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        const blob = ((x >> 7) + (y >> 7) + p) % 5 === 0 ? 2000 : 0;
        data[offset + x] = column[x] + row + blob + (seed >>> 28);
      }
    }
  }
  return data;
}

function timeRuns(run) {
  const times = [];
  return (async () => {
    for (let r = 0; r < RUNS; r++) {
      const t = performance.now();
      await run();
      times.push((performance.now() - t) / 1000);
    }
    return median(times);
  })();
}

const data = makeStack();
const raw = join(dir, 'tiffkit-bench-stack.raw');
writeFileSync(raw, data);
const results = [];

for (const predictor of [false, true]) {
  const label = `${MIB} MiB uint16, zlib 6, 256×256 tiles, 2 workers${predictor ? ', horizontal predictor' : ''}`;
  const ours = join(dir, 'tiffkit-bench-z.tif');
  const seconds = await timeRuns(() =>
    imwrite(
      ours,
      { data, shape: [PAGES, SIZE, SIZE] },
      {
        compression: 'zlib',
        compressionArgs: { level: 6 },
        predictor,
        tile: [256, 256],
        maxWorkers: 2,
        photometric: 'minisblack',
      },
    ),
  );
  const size = statSync(ours).size;
  let theirs;
  if (python) {
    const file = join(dir, 'tifffile-bench-z.tif');
    theirs = JSON.parse(
      execFileSync(
        python,
        [
          '-c',
          `
import json, time, numpy, tifffile, os
data = numpy.fromfile('${raw}', dtype='<u2').reshape(${PAGES}, ${SIZE}, ${SIZE})
times = []
for _ in range(${RUNS}):
    t = time.perf_counter()
    tifffile.imwrite('${file}', data, compression='zlib', compressionargs={'level': 6}, predictor=${predictor ? 'True' : 'None'}, tile=(256, 256), maxworkers=2, photometric='minisblack')
    times.append(time.perf_counter() - t)
size = os.path.getsize('${file}'); os.remove('${file}')
print(json.dumps({'seconds': sorted(times)[len(times) // 2], 'size': size}))`,
        ],
        { encoding: 'utf8', maxBuffer: 1 << 20 },
      ),
    );
  }
  let fiff;
  if (!predictor) {
    // fiff builds the whole file in memory: one ArrayBuffer, then written out.
    const fiffFile = join(dir, 'fiff-bench-z.tif');
    const fiffSeconds = await timeRuns(async () => {
      const ifds = [];
      for (let p = 0; p < PAGES; p++) {
        const plane = new Uint8Array(data.buffer, p * SIZE * SIZE * 2, SIZE * SIZE * 2);
        ifds.push({
          tags: makeImageTags(SIZE, SIZE, 16, 1, 'deflate', undefined, false, 256),
          tiles: sliceTiles(plane, SIZE, SIZE, 2, 256, 256),
        });
      }
      writeFileSync(fiffFile, new Uint8Array(await buildTiff(ifds, { compression: 'deflate', compressionLevel: 6 })));
    });
    fiff = { seconds: fiffSeconds, size: statSync(fiffFile).size };
    rmSync(fiffFile, { force: true });
  }
  rmSync(ours, { force: true });
  results.push({ label, ours: { seconds, size }, theirs, fiff });
}

console.log('\ntiffkit-writer: compressed');
for (const { label, ours, theirs, fiff } of results) {
  const rate = (s) => `${(MIB / s).toFixed(0)} MiB/s`;
  let line = `  ${label}: tiffkit ${rate(ours.seconds)} (${(ours.size / 2 ** 20).toFixed(1)} MiB)`;
  if (theirs)
    line += `; tifffile ${rate(theirs.seconds)} (${(theirs.size / 2 ** 20).toFixed(1)} MiB) → ${(theirs.seconds / ours.seconds).toFixed(2)}× speed, size ${((ours.size / theirs.size - 1) * 100).toFixed(1)}%`;
  if (fiff)
    line += `; fiff ${rate(fiff.seconds)} (${(fiff.size / 2 ** 20).toFixed(1)} MiB) → ${(fiff.seconds / ours.seconds).toFixed(2)}×`;
  console.log(line);
}

// Single-threaded codec throughput through the writer, on the first 8 pages (64 MiB).
const slice = data.subarray(0, 8 * SIZE * SIZE);
for (const compression of ['lzw', 'packbits']) {
  const file = join(dir, `tiffkit-bench-${compression}.tif`);
  const seconds = await timeRuns(() =>
    imwrite(file, { data: slice, shape: [8, SIZE, SIZE] }, { compression, maxWorkers: 1, photometric: 'minisblack' }),
  );
  console.log(
    `  ${compression}, 1 thread: ${((8 * SIZE * SIZE * 2) / 2 ** 20 / seconds).toFixed(0)} MiB/s (${(statSync(file).size / 2 ** 20).toFixed(1)} MiB of 64)`,
  );
  rmSync(file, { force: true });
}
const FRAMES = 8;
const rgb = new Uint8Array(FRAMES * SIZE * SIZE * 3);
for (let i = 0; i < rgb.length; i++) rgb[i] = (data[i >> 1] ?? 0) >> 4;
for (const workers of [1, 2]) {
  const file = join(dir, 'tiffkit-bench-jpeg.tif');
  const seconds = await timeRuns(() =>
    imwrite(
      file,
      { data: rgb, shape: [FRAMES, SIZE, SIZE, 3] },
      { compression: 'jpeg', tile: [256, 256], maxWorkers: workers },
    ),
  );
  console.log(
    `  JPEG ${FRAMES} × 2048×2048 RGB (YCbCr 2×2), 256×256 tiles, ${workers} worker(s): ${((FRAMES * SIZE * SIZE) / 1e6 / seconds).toFixed(1)} Mpixel/s`,
  );
  rmSync(file, { force: true });
}
rmSync(raw, { force: true });
