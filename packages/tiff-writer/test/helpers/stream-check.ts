import { expect } from 'vitest';
import type { OpenOptions, WriteOptions } from '../../src/index.js';
import { sha256 } from './data.js';
import type { TifffileReport } from './interop.js';

/** A stream of frames: how the writer is opened and what every write() asks for. */
export interface StreamConfig {
  readonly name: string;
  readonly kind: 'shaped' | 'imagej' | 'ome' | 'generic';
  readonly shape: readonly [number, number];
  readonly open: OpenOptions;
  readonly write: WriteOptions;
  /** Each write() is a new series (else they grow one). */
  readonly seriesPerWrite?: boolean;
}

/** The values of frame `i` of a stream (stream-child.mjs computes the same). */
export function streamFrame(shape: readonly [number, number], i: number): Uint16Array {
  const data = new Uint16Array(shape[0] * shape[1]);
  for (let p = 0; p < data.length; p++) data[p] = (i * 31 + p) & 0xffff;
  return data;
}

function streamFrames(shape: readonly [number, number], from: number, to: number): Uint16Array {
  const size = shape[0] * shape[1];
  const all = new Uint16Array(size * Math.max(0, to - from));
  for (let i = from; i < to; i++) all.set(streamFrame(shape, i), (i - from) * size);
  return all;
}

/**
 * A file left behind part-way through a stream, as tifffile reads it: the kind the stream writes, no
 * warning, and its frames in order with their values — every frame of a resolved write(), and at most
 * the one in flight.
 */
export function checkStreamReport(config: StreamConfig, resolved: number, report: TifffileReport, where: string): void {
  expect(report.error, where).toBeUndefined();
  expect(report.warnings, where).toEqual([]);
  const kind = { shaped: report.is_shaped, imagej: report.is_imagej, ome: report.is_ome, generic: true }[config.kind];
  expect(kind, `${where}: kind`).toBe(true);
  let at = 0;
  for (const series of report.series) {
    const count = series.shape.slice(0, -2).reduce((a, b) => a * b, 1); // the frames before Y and X
    expect(series.sha256, `${where}: frames ${at}…${at + count - 1}`).toBe(
      sha256(streamFrames(config.shape, at, at + count)),
    );
    at += count;
  }
  expect(at, `${where}: frames read`).toBeGreaterThanOrEqual(resolved);
  expect(at, `${where}: frames read`).toBeLessThanOrEqual(resolved + 1);
  // Only a shaped stream shows the frame in flight as a series of its own (its keyframe's JSON).
  if (!config.seriesPerWrite && config.kind !== 'shaped') expect(report.series, where).toHaveLength(1);
}

/** libtiff's messages about a file, less the one it always prints for ImageJ's own tags. */
export function libtiffMessages(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line && !/Unknown field with tag 5047[01]/.test(line));
}
