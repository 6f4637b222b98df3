import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySink, type Sink, TiffWriter } from '../src/index.js';
import { missing, readWithTifffile, type TifffileReport, tempDir, tiffinfo } from './helpers/interop.js';
import { checkStreamReport, libtiffMessages, type StreamConfig, streamFrame } from './helpers/stream-check.js';

/**
 * Every intermediate state of a crash-safe stream is a valid file: the writer's sink writes are
 * recorded, and the file as it stood after each of them (what a crash at that moment leaves) is read
 * by tifffile and libtiff — from the first resolved write() on, with every resolved frame.
 * crash-safety.test.ts kills real processes; this test visits every moment deterministically.
 */

const FRAMES = 5;

const CONFIGS: readonly StreamConfig[] = [
  { name: 'shaped', kind: 'shaped', shape: [64, 64], open: {}, write: { contiguous: true } },
  // Frames smaller than the first IFD: the first IFD moves past the others as the series grows.
  { name: 'shaped, tiny frames', kind: 'shaped', shape: [4, 8], open: {}, write: { contiguous: true } },
  {
    name: 'shaped, calls of 2 frames',
    kind: 'shaped',
    shape: [16, 16],
    open: { byteorder: '>' },
    write: { contiguous: true },
  },
  { name: 'shaped, zlib', kind: 'shaped', shape: [48, 64], open: {}, write: { contiguous: true, compression: 'zlib' } },
  {
    name: 'shaped, tiled BigTIFF',
    kind: 'shaped',
    shape: [64, 64],
    open: { bigtiff: true },
    write: { contiguous: true, tile: [32, 32] },
  },
  { name: 'shaped, a series per write', kind: 'shaped', shape: [16, 24], open: {}, write: {}, seriesPerWrite: true },
  { name: 'ImageJ', kind: 'imagej', shape: [32, 32], open: { imagej: true }, write: { contiguous: true } },
  { name: 'OME', kind: 'ome', shape: [32, 32], open: { ome: true }, write: { contiguous: true } },
  {
    name: 'OME, a series per write, PackBits',
    kind: 'ome',
    shape: [16, 16],
    open: { ome: true },
    write: { compression: 'packbits' },
    seriesPerWrite: true,
  },
  { name: 'no metadata', kind: 'generic', shape: [24, 24], open: { shaped: false }, write: { contiguous: true } },
];

/** A sink that keeps a log of its writes, to rebuild the file as it stood after each of them. */
class RecordingSink implements Sink {
  readonly memory = new MemorySink();
  readonly log: { readonly position: number; readonly bytes: Uint8Array }[] = [];

  write(data: Uint8Array, position: number): void {
    this.log.push({ position, bytes: data.slice() });
    this.memory.write(data, position);
  }

  size(): number {
    return this.memory.size();
  }

  close(): void {}

  /** The file after the first `count` writes. */
  stateAfter(count: number): Uint8Array {
    const end = Math.max(0, ...this.log.slice(0, count).map((op) => op.position + op.bytes.length));
    const bytes = new Uint8Array(end);
    for (const op of this.log.slice(0, count)) bytes.set(op.bytes, op.position);
    return bytes;
  }
}

interface State {
  readonly config: StreamConfig;
  readonly path: string;
  readonly resolved: number;
  readonly where: string;
}

describe.skipIf(missing('tifffile') || missing('tiffinfo'))('crash safety: every intermediate state', () => {
  const tmp = tempDir('tiffkit-states-');
  const states: State[] = [];
  let reports: TifffileReport[] = [];
  afterAll(() => tmp.cleanup());

  beforeAll(async () => {
    for (const config of CONFIGS) {
      const sink = new RecordingSink();
      const writer = await TiffWriter.open(sink, config.open);
      const resolvedAt: number[] = [];
      const pages = config.name.includes('calls of 2') ? 2 : 1;
      for (let call = 0; call < FRAMES; call++) {
        const data = new Uint16Array(pages * config.shape[0] * config.shape[1]);
        for (let p = 0; p < pages; p++)
          data.set(streamFrame(config.shape, call * pages + p), (p * data.length) / pages);
        const shape = pages === 1 ? config.shape : [pages, ...config.shape];
        await writer.write({ data, shape }, config.write);
        resolvedAt.push(sink.log.length);
      }
      await writer.close();
      for (let count = resolvedAt[0] as number; count <= sink.log.length; count++) {
        const path = tmp.path(`${config.name.replace(/\W+/g, '-')}-${count}.tif`);
        writeFileSync(path, sink.stateAfter(count));
        const calls = resolvedAt.filter((at) => at <= count).length;
        states.push({ config, path, resolved: calls * pages, where: `${config.name}, after write ${count}` });
      }
    }
    reports = readWithTifffile(states.map((s) => s.path));
  }, 120_000);

  it('visits many states of every stream', () => {
    for (const config of CONFIGS) {
      expect(states.filter((s) => s.config === config).length, config.name).toBeGreaterThanOrEqual(FRAMES);
    }
  });

  it('tifffile reads every resolved frame of every state, with its values, kind and no warning', () => {
    for (const [i, state] of states.entries()) {
      // A stream of 2-frame calls: the call in flight may show as one more series of 2 frames.
      const resolved = state.resolved;
      const report = reports[i] as TifffileReport;
      if (state.config.name.includes('calls of 2')) {
        expect(report.warnings, state.where).toEqual([]);
        const frames = report.series.reduce((n, s) => n + s.shape.slice(0, -2).reduce((a, b) => a * b, 1), 0);
        expect([resolved, resolved + 2], state.where).toContain(frames);
        continue;
      }
      checkStreamReport(state.config, resolved, report, state.where);
    }
  });

  it('libtiff reads every state without a warning (tiffinfo -D)', () => {
    for (const state of states) {
      const { stderr, status } = tiffinfo(state.path);
      expect({ where: state.where, messages: libtiffMessages(stderr), status }).toEqual({
        where: state.where,
        messages: [],
        status: 0,
      });
    }
  });
});
