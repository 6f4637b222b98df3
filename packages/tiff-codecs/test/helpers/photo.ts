/** Photo-like 8-bit pixels (smooth gradients, waves, mild noise): what image codecs are made for. */
import { seeded } from './random.js';

export function photo(width: number, height: number, samples: number, seed = 3): Uint8Array {
  const next = seeded(seed);
  const out = new Uint8Array(width * height * samples);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let s = 0; s < samples; s++) {
        const wave = 60 * Math.sin((x + 13 * s) / 11) * Math.cos((y - 7 * s) / 17);
        const value = 100 + (x * 80) / width + (y * 40) / height + wave + next() * 6;
        out[(y * width + x) * samples + s] = Math.max(0, Math.min(255, Math.round(value)));
      }
    }
  }
  return out;
}
