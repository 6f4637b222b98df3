/** Streams a 4 GiB BigTIFF series of fresh 2048×2048 uint16 frames and prints its peak RSS. */
import { rmSync, statSync } from 'node:fs';
import { imwrite } from '../dist/index.js';

const file = process.argv[2];
const FRAMES = 512; // 512 × 8 MiB = 4 GiB
async function* camera() {
  for (let i = 0; i < FRAMES; i++) {
    const frame = new Uint16Array(2048 * 2048); // a new buffer per frame, as a camera driver delivers them
    frame.fill(i);
    yield frame;
  }
}
const t = performance.now();
await imwrite(file, camera(), {
  shape: [FRAMES, 2048, 2048],
  dtype: 'uint16',
  bigtiff: true,
  photometric: 'minisblack',
});
const seconds = (performance.now() - t) / 1000;
const bytes = statSync(file).size;
rmSync(file, { force: true });
process.stdout.write(JSON.stringify({ seconds, bytes, maxRss: process.resourceUsage().maxRSS }));
