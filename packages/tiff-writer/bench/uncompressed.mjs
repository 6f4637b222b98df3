/**
 * Uncompressed writing, beside tifffile in the same session (see DEVELOPERS.md for the readers):
 *   1. a 512 MiB uint16 stack (64 × 2048 × 2048) to a file;
 *   2. 10,000 write() calls of one 64 × 64 page each, growing one series (contiguous);
 *   3. a 4 GiB BigTIFF series streamed from an async iterator of 2048 × 2048 uint16 pages: peak RSS.
 * Prints medians of RUNS runs (default 5) and ratios. Figures, not assertions: the machine is shared.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPython, median, printTable } from '../../../scripts/bench-utils.mjs';
import { imwrite, TiffWriter } from '../dist/index.js';

const RUNS = Number(process.env.RUNS ?? 5);
const dir = tmpdir();
const python = findPython();

function tifffile(script) {
  if (!python) return undefined;
  return JSON.parse(execFileSync(python, ['-c', script], { encoding: 'utf8', maxBuffer: 1 << 26 }));
}

async function stack512() {
  const data = new Uint16Array(64 * 2048 * 2048);
  for (let i = 0; i < data.length; i += 4099) data[i] = i & 0xffff;
  const file = join(dir, 'tiffkit-bench-512.tif');
  const ours = [];
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    await imwrite(file, { data, shape: [64, 2048, 2048] }, { photometric: 'minisblack' });
    ours.push((performance.now() - t) / 1000);
  }
  rmSync(file, { force: true });
  const theirs = tifffile(`
import json, time, numpy, tifffile
data = numpy.zeros((64, 2048, 2048), 'u2'); data.ravel()[::4099] = numpy.arange(0, data.size, 4099) & 0xffff
times = []
for _ in range(${RUNS}):
    t = time.perf_counter(); tifffile.imwrite('${join(dir, 'tifffile-bench-512.tif')}', data, photometric='minisblack'); times.append(time.perf_counter() - t)
import os; os.remove('${join(dir, 'tifffile-bench-512.tif')}')
print(json.dumps(times))`);
  const mib = 512;
  return {
    name: '512 MiB uint16 stack to a file',
    unit: 'MiB/s',
    ours: mib / median(ours),
    theirs: theirs && mib / median(theirs),
  };
}

async function contiguousCalls() {
  const page = new Uint16Array(64 * 64).map((_, i) => i);
  const file = join(dir, 'tiffkit-bench-calls.tif');
  const ours = [];
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    const writer = await TiffWriter.open(file);
    for (let i = 0; i < 10_000; i++) await writer.write({ data: page, shape: [64, 64] }, { contiguous: true });
    await writer.close();
    ours.push(((performance.now() - t) * 1000) / 10_000);
  }
  rmSync(file, { force: true });
  const theirs = tifffile(`
import json, time, numpy, tifffile
page = numpy.arange(64 * 64, dtype='u2').reshape(64, 64)
times = []
for _ in range(${RUNS}):
    t = time.perf_counter()
    with tifffile.TiffWriter('${join(dir, 'tifffile-bench-calls.tif')}') as tif:
        for _ in range(10000):
            tif.write(page, contiguous=True)
    times.append((time.perf_counter() - t) * 1e6 / 10000)
print(json.dumps(times))`);
  return {
    name: '10,000 contiguous write() calls of 64×64 (incl. close)',
    unit: 'µs/call',
    ours: median(ours),
    theirs: theirs && median(theirs),
    lowerIsBetter: true,
  };
}

function streamingRss() {
  // A child process, so that its peak RSS is this write's alone.
  const child = spawnSync(
    process.execPath,
    [new URL('./stream-child.mjs', import.meta.url).pathname, join(dir, 'tiffkit-bench-stream.tif')],
    {
      encoding: 'utf8',
    },
  );
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout);
}

const results = [await stack512(), await contiguousCalls()];
printTable('tiffkit-writer: uncompressed', results, python ? 'tifffile' : undefined);
const stream = streamingRss();
console.log(
  `\nstreaming a ${(stream.bytes / 2 ** 30).toFixed(1)} GiB BigTIFF series from an async iterator of 2048×2048 uint16 pages: ` +
    `${stream.seconds.toFixed(1)} s (${(stream.bytes / 2 ** 20 / stream.seconds).toFixed(0)} MiB/s), peak RSS ${(stream.maxRss / 1024).toFixed(0)} MiB`,
);
