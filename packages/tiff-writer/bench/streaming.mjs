/**
 * Crash-safe streaming (one growing series, one write() per frame) beside tifffile, in one session:
 *   1. 10,000 write() calls of one 64×64 uint16 frame (contiguous, shaped metadata): crash-safe
 *      (default), `crashSafe: false`, `fsync: 'close'` and tifffile, in µs/call; then 500 calls with
 *      `fsync: 'write'` and `fsync: { frames: 100 }`;
 *   2. FRAMES (default 1,000: 500 MiB) uncompressed 512×512 uint16 frames: frames/s;
 *   3. ZFRAMES (default 200: 100 MiB) 512×512 uint16 frames, zlib level 6, 2 workers: frames/s
 *      (tifffile cannot grow a compressed series: each of its writes starts a new series).
 * SECTIONS (default 1,2,3) picks the sections to run. The machine is shared and noisy: the contenders
 * alternate round by round (ROUNDS, default 5, the starting contender rotating); the medians are printed with
 * their ratios, beside the CPU time (less sensitive to the neighbours' load than the wall clock) and, for
 * frames, the file size. tifffile runs in one long-lived Python process that times its own loops, so
 * interpreter start-up is not counted. Each tiffkit file of the last round is then read back with tifffile
 * (untimed) and its page count checked.
 */
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { benchFiles, findPython, interleave, median, startPython } from '../../../scripts/bench-utils.mjs';
import { TiffWriter } from '../dist/index.js';

const ROUNDS = Math.max(5, Number(process.env.ROUNDS ?? 5));
const SECTIONS = new Set((process.env.SECTIONS ?? '1,2,3').split(','));
const CALLS = 10_000;
const SYNC_CALLS = 500;
const FRAMES = Number(process.env.FRAMES ?? 1000);
const ZFRAMES = Number(process.env.ZFRAMES ?? 200);
const SIDE = 512;
/** Distinct frames cycled through by both writers (the same bytes on both sides). */
const POOL = 16;
const tmp = benchFiles('streaming');

/** Microscopy-like frames: a smooth gradient drifting from frame to frame, plus sensor noise. */
function makeFrames() {
  const frames = new Uint16Array(POOL * SIDE * SIDE);
  let seed = 2463534242;
  for (let f = 0; f < POOL; f++) {
    for (let y = 0; y < SIDE; y++) {
      const row = 400 * Math.sin((y + 8 * f) / 90);
      for (let x = 0; x < SIDE; x++) {
        seed ^= seed << 13;
        seed ^= seed >>> 17;
        seed ^= seed << 5;
        const noise = (seed >>> 0) % 64;
        frames[(f * SIDE + y) * SIDE + x] = 1000 + row + 600 * Math.cos((x - 4 * f) / 140) + noise;
      }
    }
  }
  return frames;
}

/** The tifffile side: one Python process answering one JSON request per line with one JSON line. */
const PYTHON_SERVER = `
import json, os, sys, time, numpy, tifffile
frames = {}
def pool(raw):
    if raw not in frames:
        frames[raw] = numpy.fromfile(raw, dtype='<u2').reshape(${POOL}, ${SIDE}, ${SIDE})
    return frames[raw]
page = numpy.arange(64 * 64, dtype='u2').reshape(64, 64)
for line in sys.stdin:
    request = json.loads(line)
    op = request['op']
    t, cpu = time.perf_counter(), time.process_time()
    if op == 'calls':
        with tifffile.TiffWriter(request['file']) as tif:
            for _ in range(request['n']):
                tif.write(page, contiguous=True)
        answer = {'seconds': time.perf_counter() - t, 'cpu': time.process_time() - cpu}
        answer['size'] = os.path.getsize(request['file'])
        os.remove(request['file'])
    elif op == 'frames':
        data = pool(request['raw'])
        zlib = request.get('compression') == 'zlib'
        t, cpu = time.perf_counter(), time.process_time()
        with tifffile.TiffWriter(request['file']) as tif:
            for i in range(request['n']):
                if zlib:  # tifffile refuses contiguous with compression: a new series per frame
                    tif.write(data[i % ${POOL}], compression='zlib', compressionargs={'level': 6}, maxworkers=2)
                else:
                    tif.write(data[i % ${POOL}], contiguous=True)
        answer = {'seconds': time.perf_counter() - t, 'cpu': time.process_time() - cpu}
        answer['size'] = os.path.getsize(request['file'])
        os.remove(request['file'])
    elif op == 'verify':
        with tifffile.TiffFile(request['file']) as tif:
            answer = {'pages': len(tif.pages), 'series': [list(s.shape) for s in tif.series]}
            last = tif.pages[-1].asarray()
            answer['lastSum'] = int(last.astype('u8').sum())
    print(json.dumps(answer), flush=True)
`;

/**
 * Open, `count` write() calls of `frameAt(i)`, close: wall-clock and CPU seconds (every thread of the
 * process: the thread pool and the encoder workers too), the file's size, the writer's `framesWritten`.
 */
async function tiffkitRun(file, openOptions, count, frameAt, writeOptions) {
  const [t, cpu] = [performance.now(), process.cpuUsage()];
  const writer = await TiffWriter.open(file, openOptions);
  for (let i = 0; i < count; i++) await writer.write(frameAt(i), writeOptions);
  const framesWritten = writer.framesWritten;
  await writer.close();
  const used = process.cpuUsage(cpu);
  const seconds = (performance.now() - t) / 1000;
  return { seconds, cpu: (used.user + used.system) / 1e6, size: statSync(file).size, framesWritten };
}

const python = findPython();
const peer = startPython(python, PYTHON_SERVER);
const frames = makeFrames();
const raw = tmp('frames', 'raw');
writeFileSync(raw, frames);
const frameAt = (i) => ({
  data: frames.subarray((i % POOL) * SIDE * SIDE, ((i % POOL) + 1) * SIDE * SIDE),
  shape: [SIDE, SIDE],
});
/** The sum of a frame's pixels, to check the last frame read back. */
const sum = (frame) => frame.data.reduce((a, b) => a + b, 0);
const tiny = { data: new Uint16Array(64 * 64).map((_, i) => i), shape: [64, 64] };
/** tiffkit files kept from the last round for the read-back check: `{ label, file, pages, framesWritten }`. */
const kept = [];
const sections = [];

function tiffkitContender(label, name, openOptions, count, frame, writeOptions) {
  const file = tmp(label);
  return {
    name,
    async run(round) {
      const { framesWritten, ...run } = await tiffkitRun(file, openOptions, count, frame, writeOptions);
      if (round === ROUNDS - 1) {
        kept.push({
          label: `${label}: ${name}`,
          file,
          pages: count,
          framesWritten,
          lastSum: sum(frame(count - 1)),
        });
      } else {
        // Every run creates its file, as tifffile's do: truncating the last one (its pages perhaps
        // still being written back) would be timed on this side only.
        rmSync(file);
      }
      return run;
    },
  };
}

function tifffileContender(name, request) {
  return { name, run: () => peer.request({ ...request, file: tmp('tifffile') }) };
}

const t0 = performance.now();

// 1. Many tiny write() calls into one growing series.
if (SECTIONS.has('1')) {
  const contiguous = { contiguous: true };
  const contenders = [
    tiffkitContender('calls', 'tiffkit crash-safe (default)', {}, CALLS, () => tiny, contiguous),
    tiffkitContender('calls-deferred', 'tiffkit crashSafe: false', { crashSafe: false }, CALLS, () => tiny, contiguous),
    tiffkitContender('calls-close', "tiffkit fsync: 'close'", { fsync: 'close' }, CALLS, () => tiny, contiguous),
  ];
  if (peer) contenders.push(tifffileContender('tifffile contiguous=True', { op: 'calls', n: CALLS }));
  sections.push({
    title: `1. ${CALLS.toLocaleString('en')} write() calls of one 64×64 uint16 frame, contiguous, incl. open and close`,
    unit: 'µs/call',
    value: (s) => (s * 1e6) / CALLS,
    cpuUnit: 'µs/call',
    cpuValue: (s) => (s * 1e6) / CALLS,
    results: await interleave(contenders, ROUNDS),
  });
  const synced = [
    tiffkitContender('sync-write', "tiffkit fsync: 'write'", { fsync: 'write' }, SYNC_CALLS, () => tiny, contiguous),
    tiffkitContender(
      'sync-100',
      'tiffkit fsync: { frames: 100 }',
      { fsync: { frames: 100 } },
      SYNC_CALLS,
      () => tiny,
      contiguous,
    ),
    tiffkitContender('sync-none', 'tiffkit crash-safe (default)', {}, SYNC_CALLS, () => tiny, contiguous),
  ];
  sections.push({
    title: `   ${SYNC_CALLS} calls of the same with an fsync policy (and without, for reference)`,
    unit: 'µs/call',
    value: (s) => (s * 1e6) / SYNC_CALLS,
    cpuUnit: 'µs/call',
    cpuValue: (s) => (s * 1e6) / SYNC_CALLS,
    results: await interleave(synced, ROUNDS),
  });
}

// 2. Uncompressed 512×512 frames.
if (SECTIONS.has('2')) {
  const contiguous = { contiguous: true };
  const contenders = [
    tiffkitContender('frames', 'tiffkit crash-safe (default)', {}, FRAMES, frameAt, contiguous),
    tiffkitContender('frames-deferred', 'tiffkit crashSafe: false', { crashSafe: false }, FRAMES, frameAt, contiguous),
  ];
  if (peer) contenders.push(tifffileContender('tifffile contiguous=True', { op: 'frames', raw, n: FRAMES }));
  sections.push({
    title: `2. ${FRAMES} frames of 512×512 uint16, uncompressed, contiguous (${(FRAMES * SIDE * SIDE * 2) / 2 ** 20} MiB)`,
    unit: 'frames/s',
    value: (s) => FRAMES / s,
    cpuUnit: 'ms/frame',
    cpuValue: (s) => (s * 1e3) / FRAMES,
    sizes: true,
    results: await interleave(contenders, ROUNDS),
  });
}

// 3. zlib-compressed 512×512 frames, 2 workers.
if (SECTIONS.has('3')) {
  const zlib = { contiguous: true, compression: 'zlib', maxWorkers: 2 };
  const contenders = [tiffkitContender('zlib', 'tiffkit crash-safe, contiguous', {}, ZFRAMES, frameAt, zlib)];
  if (peer) {
    contenders.push(
      tifffileContender('tifffile (a series per frame)', { op: 'frames', raw, n: ZFRAMES, compression: 'zlib' }),
    );
  }
  sections.push({
    title: `3. ${ZFRAMES} frames of 512×512 uint16, zlib level 6, 2 workers (${(ZFRAMES * SIDE * SIDE * 2) / 2 ** 20} MiB raw)`,
    unit: 'frames/s',
    value: (s) => ZFRAMES / s,
    cpuUnit: 'ms/frame',
    cpuValue: (s) => (s * 1e3) / ZFRAMES,
    sizes: true,
    results: await interleave(contenders, ROUNDS),
  });
}
const elapsed = (performance.now() - t0) / 1000;

console.log(
  `\ntiffkit-writer: streaming (medians of ${ROUNDS} interleaved rounds, [min–max]; CPU: all threads of the process;` +
    ' speed: wall-clock time of the other ÷ this one, > 1 is faster)',
);
for (const { title, unit, value, cpuUnit, cpuValue, sizes, results } of sections) {
  console.log(`\n${title}`);
  const reference = results[0];
  const peerResult = results.find((r) => r.name.startsWith('tifffile'));
  const wall = (result) => median(result.runs.map((run) => run.seconds));
  for (const result of results) {
    const values = result.runs.map((run) => value(run.seconds));
    const spread = `[${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)}]`;
    const cpu = cpuValue(median(result.runs.map((run) => run.cpu)));
    let line = `  ${result.name.padEnd(31)} ${median(values).toFixed(1).padStart(7)} ${unit} ${spread.padEnd(15)}`;
    line += ` CPU ${cpu.toFixed(cpu < 10 ? 2 : 1).padStart(5)} ${cpuUnit}`;
    if (sizes) line += `  ${((result.runs.at(-1)?.size ?? 0) / 2 ** 20).toFixed(1).padStart(5)} MiB`;
    const speeds = [];
    if (peerResult && peerResult !== result) speeds.push(`${(wall(peerResult) / wall(result)).toFixed(2)}× tifffile`);
    if (reference && reference !== peerResult && reference !== result) {
      speeds.push(`${(wall(reference) / wall(result)).toFixed(2)}× ${reference.name.replace('tiffkit ', '')}`);
    }
    console.log(`${line}  ${speeds.join(', ')}`.trimEnd());
  }
}

/** Ask tifffile whether `file` holds `pages` pages in one series, the last one summing to `lastSum`. */
async function check(label, file, pages, framesWritten, lastSum) {
  const answer = await peer.request({ op: 'verify', file });
  const ok =
    answer.pages === pages && framesWritten === pages && answer.series[0]?.[0] === pages && answer.lastSum === lastSum;
  console.log(
    `  ${ok ? 'OK  ' : 'FAIL'} ${label}: ${answer.pages} pages, series ${JSON.stringify(answer.series)}, framesWritten ${framesWritten}`,
  );
  if (!ok) process.exitCode = 1;
}

if (peer) {
  console.log('\nread back in tifffile (untimed; pages = frames written, one series, pixels of the last frame):');
  for (const { label, file, pages, framesWritten, lastSum } of kept)
    await check(label, file, pages, framesWritten, lastSum);
  // Crash-safe: what a reader sees while the writer is still open, after the calls have resolved.
  console.log('read back in tifffile while the crash-safe writer is still open (before close):');
  const streams = [
    ['64×64', 300, () => tiny, { contiguous: true }],
    ['512×512', 20, frameAt, { contiguous: true }],
    ['512×512 zlib', 6, frameAt, { contiguous: true, compression: 'zlib', maxWorkers: 2 }],
  ];
  for (const [label, count, frame, options] of streams) {
    const file = tmp('open');
    const writer = await TiffWriter.open(file);
    for (let i = 0; i < count; i++) {
      await writer.write(frame(i), options);
      if (i === count - 2 || i === count - 1) {
        await check(`${label}, after ${i + 1} calls`, file, i + 1, writer.framesWritten, sum(frame(i)));
      }
    }
    await writer.close();
    rmSync(file, { force: true });
  }
  peer.stop();
} else {
  console.log('\n(tifffile not installed: no peer figures and no read-back check)');
}
for (const { file } of kept) rmSync(file, { force: true });
rmSync(raw, { force: true });
console.log(`\n(timed part: ${elapsed.toFixed(0)} s)`);
