/** The segments both the browser page and the Node test build: deterministic, no randomness source. */
export const WIDTH = 64;
export const ROWS = 48;

/** Segment `index` of 8-bit samples, `samples` per pixel: smooth ramps plus a hashed ripple. */
export function segment(index: number, samples: number): Uint8Array {
  const out = new Uint8Array(WIDTH * ROWS * samples);
  for (let i = 0; i < out.length; i++) {
    const pixel = Math.floor(i / samples);
    const x = pixel % WIDTH;
    const y = Math.floor(pixel / WIDTH);
    out[i] = (x * 3 + y * 2 + (i % samples) * 40 + index * 17 + ((Math.imul(i, 2654435761) >>> 29) & 3)) & 0xff;
  }
  return out;
}

/** What the page encodes: compression, samples, compressionArgs. */
export const CASES = [
  { name: 'zstd', compression: 50000, samples: 1, args: { level: 9 } },
  { name: 'lzma', compression: 34925, samples: 1, args: { level: 6 } },
  { name: 'webp', compression: 50001, samples: 3, args: { lossless: true } },
  { name: 'png', compression: 34933, samples: 4, args: { level: 6 } },
  { name: 'jpegxl', compression: 50002, samples: 3, args: {} },
  { name: 'jpeg2000', compression: 34712, samples: 3, args: {} },
  // The 9/7 wavelet computes in floating point: its bytes must still match Node's.
  { name: 'jpeg2000-9/7', compression: 34712, samples: 1, args: { reversible: false } },
  // Lossy: a PSNR target, reached by a search over encodes and decodes (src/jpeg2000/quality.ts).
  { name: 'jpeg2000-40dB', compression: 34712, samples: 3, args: { level: 40 } },
] as const;
