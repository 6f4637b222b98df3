/**
 * The encoder pool on hard-to-compress data, beside tifffile, in one session: 16 pages of 2048×2048
 * uint16 holding uniformly random 12-bit values (128 MiB), 256×256 tiles, written by `imwrite`:
 *   - zlib level 6 with 2 workers and with 1 (scaling), tifffile with maxworkers=2 and 1;
 *   - Zstandard level 3 with 2 workers and with 1 (tifffile here has no Zstandard encoder: beside its zlib).
 * Also each codec alone on the same tiles in this thread (CPU MiB/s; Python's zlib in tifffile's process):
 * the speed two workers could at best double. The contenders alternate round by round (ROUNDS,
 * default 5, the first one rotating); medians of wall-clock MiB/s, CPU seconds of every thread, sizes.
 * tifffile runs in one long-lived Python process that times its own calls.
 */
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { loadCodec } from '@tiffkit/tiff-codecs';
import { benchFiles, findPython, interleave, median, startPython } from '../../../scripts/bench-utils.mjs';
import { imwrite } from '../dist/index.js';

const ROUNDS = Math.max(3, Number(process.env.ROUNDS ?? 5));
const [PAGES, SIDE, TILE] = [16, 2048, 256];
const MIB = (PAGES * SIDE * SIDE * 2) / 2 ** 20;
const tmp = benchFiles('pool');

/** Uniformly random 12-bit values (xorshift32): about 0.86 of their size after deflate. */
function makeStack() {
  const data = new Uint16Array(PAGES * SIDE * SIDE);
  let seed = 2463534242;
  for (let i = 0; i < data.length; i++) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    data[i] = (seed >>> 0) & 0xfff;
  }
  return data;
}

const PYTHON_SERVER = `
import json, os, sys, time, zlib, numpy, tifffile
data = None
for line in sys.stdin:
    request = json.loads(line)
    if data is None:
        data = numpy.fromfile(request['raw'], dtype='<u2').reshape(${PAGES}, ${SIDE}, ${SIDE})
    t, cpu = time.perf_counter(), time.process_time()
    if request['op'] == 'codec':
        tiles = [numpy.ascontiguousarray(data[0, y:y + ${TILE}, x:x + ${TILE}]).tobytes() for y in range(0, ${SIDE}, ${TILE}) for x in range(0, ${SIDE}, ${TILE})]
        t, cpu = time.perf_counter(), time.process_time()
        size = sum(len(zlib.compress(tile, 6)) for tile in tiles)
        answer = {'seconds': time.perf_counter() - t, 'cpu': time.process_time() - cpu, 'size': size}
    else:
        tifffile.imwrite(request['file'], data, compression='zlib', compressionargs={'level': 6}, tile=(${TILE}, ${TILE}), maxworkers=request['workers'], photometric='minisblack')
        answer = {'seconds': time.perf_counter() - t, 'cpu': time.process_time() - cpu, 'size': os.path.getsize(request['file'])}
        os.remove(request['file'])
    print(json.dumps(answer), flush=True)
`;

const data = makeStack();
const raw = tmp('stack', 'raw');
writeFileSync(raw, data);
const peer = startPython(findPython(), PYTHON_SERVER);

function tiffkit(name, options) {
  const file = tmp(name.replace(/\W+/g, '-'));
  return {
    name,
    async run() {
      const [t, cpu] = [performance.now(), process.cpuUsage()];
      await imwrite(
        file,
        { data, shape: [PAGES, SIDE, SIDE] },
        { tile: [TILE, TILE], photometric: 'minisblack', ...options },
      );
      const used = process.cpuUsage(cpu);
      const run = {
        seconds: (performance.now() - t) / 1000,
        cpu: (used.user + used.system) / 1e6,
        size: statSync(file).size,
      };
      rmSync(file);
      return run;
    },
  };
}
const tifffile = (name, workers) => ({
  name,
  run: () => peer.request({ op: 'write', raw, file: tmp('tifffile'), workers }),
});

// Each codec alone, in one thread, on the 64 tiles of the first page.
const tiles = [];
for (let y = 0; y < SIDE; y += TILE) {
  for (let x = 0; x < SIDE; x += TILE) {
    const tile = new Uint16Array(TILE * TILE);
    for (let r = 0; r < TILE; r++) tile.set(data.subarray((y + r) * SIDE + x, (y + r) * SIDE + x + TILE), r * TILE);
    tiles.push(new Uint8Array(tile.buffer));
  }
}
const zstd = await loadCodec(50000);
const deflate = await loadCodec(8);
const layout = { width: TILE, rows: TILE, samples: 1, dtype: { name: 'uint16', itemSize: 2 }, byteOrder: '<' };
const codecAlone = (name, encode) => ({
  name,
  async run() {
    const cpu = process.cpuUsage();
    const t = performance.now();
    let size = 0;
    for (const tile of tiles) size += encode(tile).length;
    const used = process.cpuUsage(cpu);
    return { seconds: (performance.now() - t) / 1000, cpu: (used.user + used.system) / 1e6, size };
  },
});
const page = (tiles.length * TILE * TILE * 2) / 2 ** 20;

const contenders = [
  tiffkit('tiffkit zlib 6, 2 workers', { compression: 'zlib', compressionArgs: { level: 6 }, maxWorkers: 2 }),
  tiffkit('tiffkit zlib 6, 1 worker', { compression: 'zlib', compressionArgs: { level: 6 }, maxWorkers: 1 }),
  tiffkit('tiffkit zstd 3, 2 workers', { compression: 'zstd', compressionArgs: { level: 3 }, maxWorkers: 2 }),
  tiffkit('tiffkit zstd 3, 1 worker', { compression: 'zstd', compressionArgs: { level: 3 }, maxWorkers: 1 }),
];
if (peer) contenders.push(tifffile('tifffile zlib 6, maxworkers=2', 2), tifffile('tifffile zlib 6, maxworkers=1', 1));
const alone = [
  codecAlone("tiffkit's deflate level 6 (node:zlib, memLevel 9), this thread", (tile) =>
    deflate.encode(tile, layout, { level: 6 }),
  ),
  codecAlone('node:zlib level 6 with memLevel 8 (as Python), this thread', (tile) => deflateSync(tile, { level: 6 })),
  codecAlone('zstd level 3, this thread', (tile) => zstd.encode(tile, layout, { level: 3 })),
];
if (peer)
  alone.push({ name: "Python's zlib level 6 (tifffile's process)", run: () => peer.request({ op: 'codec', raw }) });

/** Each contender's medians (seconds, CPU seconds) and its file or output size. */
const medians = (results) =>
  results.map(({ name, runs }) => ({
    name,
    seconds: median(runs.map((r) => r.seconds)),
    cpu: median(runs.map((r) => r.cpu)),
    size: runs[0].size,
  }));
const written = medians(await interleave(contenders, ROUNDS));
const single = medians(await interleave(alone, ROUNDS));
peer?.stop();

console.log(
  `\ntiffkit-writer: the encoder pool, ${PAGES} × ${SIDE}×${SIDE} uint16 random 12-bit (${MIB} MiB), ${TILE}×${TILE} tiles, median of ${ROUNDS} rounds`,
);
const reference = written.find((r) => r.name.startsWith('tifffile zlib 6, maxworkers=2'));
for (const r of written) {
  let line = `  ${r.name.padEnd(34)} ${(MIB / r.seconds).toFixed(1).padStart(6)} MiB/s  CPU ${r.cpu.toFixed(2)} s  ${(r.size / 2 ** 20).toFixed(1)} MiB`;
  if (reference && r !== reference && r.name.startsWith('tiffkit') && r.name.includes('2 workers')) {
    line += `  → ${(reference.seconds / r.seconds).toFixed(2)}× tifffile (2 threads), size ${((r.size / reference.size - 1) * 100).toFixed(1)}%`;
  }
  console.log(line);
}
const pair = (a, b) => written.find((r) => r.name === a) && written.find((r) => r.name === b);
for (const [two, one] of [
  ['tiffkit zlib 6, 2 workers', 'tiffkit zlib 6, 1 worker'],
  ['tiffkit zstd 3, 2 workers', 'tiffkit zstd 3, 1 worker'],
  ['tifffile zlib 6, maxworkers=2', 'tifffile zlib 6, maxworkers=1'],
]) {
  if (!pair(two, one)) continue;
  const [a, b] = [written.find((r) => r.name === two), written.find((r) => r.name === one)];
  console.log(`  scaling ${two.replace(/, .*/, '')}: 2 vs 1 = ${(b.seconds / a.seconds).toFixed(2)}×`);
}
console.log('  each codec alone on the first page’s 64 tiles (CPU MiB/s, ratio):');
for (const r of single)
  console.log(
    `    ${r.name.padEnd(44)} ${(page / r.cpu).toFixed(1).padStart(6)} MiB/s  ratio ${((page * 2 ** 20) / r.size).toFixed(3)}`,
  );
