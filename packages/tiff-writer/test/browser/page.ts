/**
 * What every browser test page shares: the test image, files as base64 for the Node side, and the
 * writes with Web Workers (1 and 2 of them) whose bytes must agree, with the warnings the writer gave
 * and what the worker pool did (workers started, tasks they encoded, tasks encoded on this thread).
 */
import { poolActivity } from '@tiffkit/tiff-codecs';
import { type ImwriteOptions, imwrite, MemorySink, type TiffWarning } from '@tiffkit/tiff-writer';

export function base64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export async function toMemory(write: (sink: MemorySink) => Promise<unknown>): Promise<string> {
  const sink = new MemorySink();
  await write(sink);
  return base64(sink.toUint8Array());
}

export const SHAPE = [4, 256, 200];
export const stack = new Uint16Array(4 * 256 * 200);
for (let i = 0; i < stack.length; i++) stack[i] = (i % 200) * 100 + ((i * 7919) % 13);

/** 4 MiB: the writer starts a worker only for 1 MiB or more of segments each, so two of them here. */
export const WORKER_SHAPE = [4, 1024, 512];
export const workerStack = new Uint16Array(4 * 1024 * 512);
for (let i = 0; i < workerStack.length; i++) workerStack[i] = (i % 512) * 100 + ((i * 7919) % 13);

/** 3 MiB of uint8 RGB for WebP (2 workers need 1 MiB each): see `rgbImage` in helpers/browser.ts. */
export const RGB_SHAPE = [1024, 1024, 3];
export const rgbImage = new Uint8Array(1024 * 1024 * 3);
for (let i = 0; i < rgbImage.length; i++)
  rgbImage[i] = ((i % 3) * 80 + ((Math.floor(i / 3) % 1024) >> 3) + ((i * 31) % 7)) & 0xff;

/** What a page gives back to the Node side. */
export interface PageResult {
  readonly files: Record<string, string>;
  readonly warnings: TiffWarning[];
  readonly activity: ReturnType<typeof poolActivity>;
  /** The JPEG 2000 write of `writeJpeg2000`, when the page makes it. */
  readonly jpeg2000?: Jpeg2000Write;
}

/** A JPEG 2000 file as base64, or why it could not be written (`CODE: message`). */
export interface Jpeg2000Write {
  readonly file?: string;
  readonly error?: string;
}

/**
 * `stack` as lossless JPEG 2000 tiles, on this thread (less than the 1 MiB a worker needs). Its encoder
 * fetches its WebAssembly, which the bundler must have emitted: the error tells when it did not.
 */
export async function writeJpeg2000(): Promise<Jpeg2000Write> {
  try {
    const file = await toMemory((sink) =>
      imwrite(
        sink,
        { data: stack, shape: SHAPE },
        { compression: 'jpeg2000', tile: [128, 128], photometric: 'minisblack' },
      ),
    );
    return { file };
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    return { error: `${code}: ${message}` };
  }
}

/** Where the workers come from: nothing (the bundler emitted the default), a URL or a factory. */
export type WorkerOrigin = Pick<ImwriteOptions, 'workerUrl' | 'createWorker'>;

/** Deflate tiles with 1 and 2 workers and LZW strips with 2, from `origin`. */
export async function writeWithWorkers(origin: WorkerOrigin): Promise<PageResult> {
  const files: Record<string, string> = {};
  const warnings: TiffWarning[] = [];
  const onWarning = (warning: TiffWarning) => warnings.push(warning);
  const data = { data: workerStack, shape: WORKER_SHAPE };
  const compressed = { compression: 'zlib', predictor: true, tile: [64, 64], photometric: 'minisblack' } as const;
  files['deflate-1-worker.tif'] = await toMemory((sink) =>
    imwrite(sink, data, { ...compressed, ...origin, maxWorkers: 1, onWarning }),
  );
  files['deflate-2-workers.tif'] = await toMemory((sink) =>
    imwrite(sink, data, { ...compressed, ...origin, maxWorkers: 2, onWarning }),
  );
  files['lzw-2-workers.tif'] = await toMemory((sink) =>
    imwrite(sink, data, { compression: 'lzw', maxWorkers: 2, photometric: 'minisblack', ...origin, onWarning }),
  );
  return { files, warnings, activity: poolActivity() };
}

/** Expose `runTiffkit` to the test and say the page is ready. */
export function install(run: () => Promise<PageResult>): void {
  (globalThis as { runTiffkit?: typeof run }).runTiffkit = run;
  document.title = 'ready';
}
