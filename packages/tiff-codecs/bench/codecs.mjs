// Throughput of the codecs, predictors and bit packing on a 2048×2048 uint16 image (smooth pattern +
// noise), cut into tifffile's default 256 KiB strips. Runs against dist/: `pnpm build` first, then
// `node bench/codecs.mjs`. Prints the median of 5 runs in MB/s of uncompressed input (1 MB = 10^6 B).

import { deflateSync } from 'node:zlib';
import { DTypes } from '@tiffkit/tiff-core';
import * as fflate from '../dist/deflate/backend-fflate.js';
import {
  applyPredictor,
  defaultRowsPerStrip,
  deflate,
  deflateBackendName,
  lzwEncode,
  packBilevel,
  packBitsEncode,
  packIntegers,
} from '../dist/index.js';
import * as native from '../dist/node/deflate-backend.js';

const WIDTH = 2048;
const HEIGHT = 2048;
const RUNS = 5;

function makeImage() {
  const values = new Uint16Array(WIDTH * HEIGHT);
  let seed = 1;
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const smooth = 800 * Math.sin(x / 97) * Math.cos(y / 131);
      values[y * WIDTH + x] = 1000 + Math.round(smooth) + ((seed >>> 16) & 63);
    }
  }
  return values;
}

const values = makeImage();
const bytes = new Uint8Array(values.buffer);
const rowBytes = WIDTH * 2;
const rowsPerStrip = defaultRowsPerStrip(rowBytes, true, HEIGHT);
const strips = [];
for (let y = 0; y < HEIGHT; y += rowsPerStrip) strips.push(bytes.subarray(y * rowBytes, (y + rowsPerStrip) * rowBytes));
const layout = (dtype, byteOrder = '<') => ({ width: WIDTH, rows: rowsPerStrip, samples: 1, dtype, byteOrder });

function measure(label, inputBytes, fn) {
  const times = [];
  let outBytes = 0;
  fn(); // warm-up: JIT and the codecs' reusable buffers
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    outBytes = fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(RUNS / 2)];
  const mbs = inputBytes / 1e6 / (ms / 1000);
  // Predictors keep the size; only codecs and packers get a ratio.
  const ratio = outBytes && outBytes !== inputBytes ? `  ratio ${(inputBytes / outBytes).toFixed(2)}` : '';
  process.stdout.write(`${label.padEnd(44)} ${mbs.toFixed(1).padStart(8)} MB/s  (${ms.toFixed(1)} ms)${ratio}\n`);
}

const perStrip = (encode) => () => strips.reduce((sum, strip) => sum + encode(strip).length, 0);

process.stdout.write(
  `tiffkit codecs: ${WIDTH}×${HEIGHT} uint16 (${(bytes.length / 1e6).toFixed(1)} MB), ${strips.length} strips of ` +
    `${rowsPerStrip} rows; Node ${process.version}, zlib ${process.versions.zlib}; deflate() uses ${deflateBackendName}\n`,
);
for (const level of [1, 6, 9]) {
  measure(
    `deflate fflate level ${level}`,
    bytes.length,
    perStrip((s) => fflate.zlibDeflate(s, level)),
  );
  measure(
    `deflate node:zlib level ${level}`,
    bytes.length,
    perStrip((s) => native.zlibDeflate(s, level)),
  );
  // zlib's (and Python's) default memLevel, which tiffkit's Node backend raises to 9 for speed.
  measure(
    `deflate node:zlib level ${level} memLevel 8`,
    bytes.length,
    perStrip((s) => deflateSync(s, { level })),
  );
}
measure(
  'deflate() default (level 6)',
  bytes.length,
  perStrip((s) => deflate(s)),
);
measure('LZW', bytes.length, perStrip(lzwEncode));
measure(
  'PackBits (rows of 4096 bytes)',
  bytes.length,
  perStrip((s) => packBitsEncode(s, rowBytes)),
);
measure(
  'predictor 2, uint16 little-endian',
  bytes.length,
  perStrip((s) => applyPredictor(2, s, layout(DTypes.uint16))),
);
measure(
  'predictor 2, uint16 big-endian',
  bytes.length,
  perStrip((s) => applyPredictor(2, s, layout(DTypes.uint16, '>'))),
);
measure(
  'predictor 3, same bytes as float16',
  bytes.length,
  perStrip((s) => applyPredictor(3, s, layout(DTypes.float16))),
);
const half = { width: WIDTH / 2, rows: rowsPerStrip, samples: 1, dtype: DTypes.float32, byteOrder: '<' };
measure(
  'predictor 3, same bytes as float32',
  bytes.length,
  perStrip((s) => applyPredictor(3, s, half)),
);
const quarter = { width: WIDTH / 4, rows: rowsPerStrip, samples: 1, dtype: DTypes.uint64, byteOrder: '<' };
measure(
  'predictor 2, same bytes as uint64',
  bytes.length,
  perStrip((s) => applyPredictor(2, s, quarter)),
);
measure(
  'predictor 2 + deflate() level 6',
  bytes.length,
  perStrip((s) => deflate(applyPredictor(2, s, layout(DTypes.uint16)))),
);
measure(
  'packIntegers 12-bit (input: uint16 values)',
  bytes.length,
  () => packIntegers(values, 12, WIDTH, HEIGHT).length,
);
const bools = new Uint8Array(WIDTH * HEIGHT);
for (let i = 0; i < bools.length; i++) bools[i] = (values[i] ?? 0) & 1;
measure('packBilevel (input: 1 byte per pixel)', bools.length, () => packBilevel(bools, WIDTH, HEIGHT).length);
