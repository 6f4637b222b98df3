import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImageJReport, imagejMissing, inspectManyWithImageJ } from '../../tiff-meta-imagej/test/imagej-harness.js';
import { prng } from './helpers/data.js';
import {
  missing,
  readWithTifffile,
  type TifffileReport,
  tempDir,
  tiffinfo,
  validateOmeXml,
} from './helpers/interop.js';
import { checkStreamReport, libtiffMessages, type StreamConfig, streamFrame } from './helpers/stream-check.js';

/**
 * The guarantee of `crashSafe` (the default): once a write() has resolved, its frame is in the file for
 * every reader, whatever happens to the process next. A child process streams frames and is killed with
 * SIGKILL at random moments; tifffile, libtiff (and ImageJ, xmllint) must then read every frame whose
 * write() had resolved — with their values, the series' kind, and no warning.
 */

const CHILD = fileURLToPath(new URL('./helpers/stream-child.mjs', import.meta.url));
/** Kills per configuration (TIFFKIT_CRASH_RUNS raises it for long runs). */
const RUNS = Number(process.env['TIFFKIT_CRASH_RUNS'] ?? 4);

interface Config extends StreamConfig {
  /** Longest time the child writes before it is killed. */
  readonly maxMs: number;
}

const CONFIGS: readonly Config[] = [
  { name: 'shaped, uncompressed', kind: 'shaped', shape: [64, 64], open: {}, write: { contiguous: true }, maxMs: 600 },
  {
    name: 'shaped, zlib with 2 workers',
    kind: 'shaped',
    shape: [1024, 1024],
    open: {},
    write: { contiguous: true, compression: 'zlib', maxWorkers: 2, predictor: true },
    maxMs: 3000,
  },
  {
    name: 'shaped, tiled',
    kind: 'shaped',
    shape: [256, 256],
    open: {},
    write: { contiguous: true, tile: [64, 64] },
    maxMs: 600,
  },
  {
    name: 'shaped, a series per write',
    kind: 'shaped',
    shape: [32, 48],
    open: {},
    write: {},
    seriesPerWrite: true,
    maxMs: 400,
  },
  {
    name: 'ImageJ, uncompressed',
    kind: 'imagej',
    shape: [64, 64],
    open: { imagej: true },
    write: { contiguous: true },
    maxMs: 600,
  },
  {
    name: 'OME, uncompressed',
    kind: 'ome',
    shape: [64, 64],
    open: { ome: true },
    write: { contiguous: true },
    maxMs: 600,
  },
  {
    name: 'OME, zlib, tiled',
    kind: 'ome',
    shape: [128, 128],
    open: { ome: true },
    write: { contiguous: true, compression: 'zlib', tile: [64, 64] },
    maxMs: 600,
  },
  {
    name: 'no metadata, BigTIFF big-endian',
    kind: 'generic',
    shape: [40, 40],
    open: { shaped: false, bigtiff: true, byteorder: '>' },
    write: { contiguous: true },
    maxMs: 400,
  },
];

interface Killed {
  readonly config: Config;
  readonly path: string;
  /** Frames whose write() had resolved when the child died. */
  readonly resolved: number;
}

/** Run the child, kill it after `delay` ms of writing, and count the frames it reported. */
function killAfter(config: Config, path: string, delay: number): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, path, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (!out.includes('ready') && (out + chunk).includes('ready')) setTimeout(() => child.kill('SIGKILL'), delay);
      out += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`the child ended by itself (${signal}): ${err}`));
      // Every complete line after 'ready' is a frame whose write() had resolved.
      const lines = out.split('\n').slice(0, -1);
      resolve({ config, path, resolved: lines.filter((line) => line !== 'ready').length });
    });
  });
}

describe.skipIf(missing('tifffile') || missing('tiffinfo') || missing('xmllint'))(
  'crash safety: SIGKILL while streaming',
  () => {
    const tmp = tempDir('tiffkit-crash-');
    const killed: Killed[] = [];
    let reports: TifffileReport[] = [];
    afterAll(() => tmp.cleanup());

    beforeAll(async () => {
      const next = prng(20261129);
      const random = () => next() / 2 ** 32;
      for (const config of CONFIGS) {
        for (let run = 0; run < RUNS; run++) {
          const path = tmp.path(`${config.name.replace(/\W+/g, '-')}-${run}.tif`);
          // Sometimes before the first frame resolved, mostly well into the stream.
          const delay = run === 0 ? 5 + random() * 40 : 50 + random() * config.maxMs;
          killed.push(await killAfter(config, path, delay));
        }
      }
      reports = readWithTifffile(killed.map((k) => k.path));
    }, 300_000);

    it('kills the children part-way: most runs have frames, none ran out', () => {
      const withFrames = killed.filter((k) => k.resolved > 1).length;
      expect(withFrames).toBeGreaterThanOrEqual(killed.length / 2);
    });

    // Before its first write() has resolved, a file has no IFD yet: not a TIFF, and nothing was promised.
    const withData = () => killed.filter((k) => k.resolved > 0);

    it('tifffile reads every resolved frame, with its values, kind and no warning', () => {
      for (const [i, k] of killed.entries()) {
        if (k.resolved > 0)
          checkStreamReport(k.config, k.resolved, reports[i] as TifffileReport, `${k.path}: ${k.resolved} resolved`);
      }
    });

    it('libtiff reads every file without a warning (tiffinfo -D)', () => {
      for (const k of withData()) {
        const { stderr, status } = tiffinfo(k.path);
        const messages = libtiffMessages(stderr);
        expect({ file: k.config.name, messages, status }).toEqual({ file: k.config.name, messages: [], status: 0 });
      }
    });

    it('libtiff sees every resolved frame as a page (ImageJ: its first, the others are in images=)', () => {
      for (const k of withData()) {
        const pages = (tiffinfo(k.path, { data: false }).stdout.match(/TIFF Directory at offset/g) ?? []).length;
        if (k.config.kind === 'imagej') expect(pages, k.config.name).toBeLessThanOrEqual(Math.max(1, k.resolved + 1));
        else expect(pages, k.config.name).toBeGreaterThanOrEqual(k.resolved);
      }
    });

    it('the OME-XML of every killed OME file is valid against the schema', () => {
      for (const [i, k] of killed.entries()) {
        if (k.config.kind !== 'ome' || k.resolved === 0) continue;
        const xml = (reports[i] as TifffileReport).descriptions[0] as string;
        const { valid, messages } = validateOmeXml(xml, tmp.path(`xmllint-${i}`));
        expect({ valid, messages }, k.config.name).toEqual({ valid: true, messages: expect.any(String) });
        // tifffile squeezes a series of one frame to the frame's shape: then SizeT is 1.
        const shape = (reports[i] as TifffileReport).series[0]?.shape ?? [];
        const frames = shape.length > k.config.shape.length ? shape[0] : 1;
        expect(xml, k.config.name).toContain(`SizeT="${frames}"`);
      }
    });

    describe.skipIf(imagejMissing())('ImageJ', () => {
      it('opens every killed hyperstack with all its resolved frames and their values', async () => {
        const files = killed.filter((k) => k.config.kind === 'imagej' && k.resolved > 0);
        const results = await inspectManyWithImageJ(
          files.map((k) => ({ path: k.path, samplePixels: [{ c: 0, z: 0, t: 0, x: 5, y: 3 }] })),
        );
        for (const [i, k] of files.entries()) {
          const report = results[i] as ImageJReport;
          expect(report.stackSize, k.path).toBeGreaterThanOrEqual(k.resolved);
          expect(report.pixels, k.path).toEqual([streamFrame(k.config.shape, 0)[3 * 64 + 5]]);
        }
      }, 120_000);
    });
  },
);
