/**
 * A camera that never stops: writes frames into `file` until it is killed, and prints the index of
 * each frame once its write() has resolved. Used by crash-safety.test.ts (argv: file, config JSON).
 */
import { writeSync } from 'node:fs';
import { TiffWriter } from '../../dist/index.js';

const [file, json] = process.argv.slice(2);
const config = JSON.parse(json);
const [height, width] = config.shape;

/** The values of frame `i`: every frame differs, every pixel of it too. */
function frame(i) {
  const data = new Uint16Array(height * width);
  for (let p = 0; p < data.length; p++) data[p] = (i * 31 + p) & 0xffff;
  return data;
}

const tw = await TiffWriter.open(file, config.open);
writeSync(1, 'ready\n');
for (let i = 0; ; i++) {
  await tw.write({ data: frame(i), shape: config.shape }, config.write);
  writeSync(1, `${i}\n`);
}
