/**
 * tiff-codecs as a web app bundles it (Vite): the codecs loaded on demand — their WebAssembly fetched by
 * each package's own loader — encoding on the main thread and inside the Web Worker pool. The page
 * exposes `runCodecs()`, which returns every encoded segment as base64 for the Node side to decode.
 */
import { EncoderPool, encodeTask, loadCodec, poolActivity } from '../../dist/index.js';
import { CASES, ROWS, segment, WIDTH } from './segments.js';

function base64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

type Segments = Record<string, { main: string[]; pool1: string[]; pool2: string[] }>;

/** Every case's segments, and what the pool did (workers must have run: a fallback would be silent). */
async function runCodecs(): Promise<{
  segments: Segments;
  activity: ReturnType<typeof poolActivity>;
}> {
  const out: Segments = {};
  for (const c of CASES) {
    const task = (index: number) => ({
      data: segment(index, c.samples),
      width: WIDTH,
      rows: ROWS,
      samples: c.samples,
      dtype: 'uint8' as const,
      byteOrder: '<' as const,
      predictor: 1,
      compression: c.compression,
      args: c.args,
    });
    const indices = [0, 1, 2, 3];
    const pooled = async (size: number) => {
      const pool = EncoderPool.acquire(size);
      try {
        return (await Promise.all(indices.map((i) => pool.encode(task(i), true)))).map(base64);
      } finally {
        await pool.release();
      }
    };
    const pool1 = await pooled(1);
    const pool2 = await pooled(2);
    await loadCodec(c.compression);
    out[c.name] = { main: indices.map((i) => base64(encodeTask(task(i)))), pool1, pool2 };
  }
  return { segments: out, activity: poolActivity() };
}

(globalThis as { runCodecs?: typeof runCodecs }).runCodecs = runCodecs;
document.title = 'ready';
