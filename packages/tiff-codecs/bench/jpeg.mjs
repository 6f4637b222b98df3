// Baseline JPEG throughput: tiffkit's encoder vs jpeg-js, on a whole 2048×2048 image and on 256×256 tiles.
// Prints the median of 5 runs in Mpixel/s. Build first: npx tsc -p tsconfig.build.json
// Usage: node bench/jpeg.mjs [quality=75]
import jpeg from 'jpeg-js';
import { JpegEncoder } from '../dist/jpeg/index.js';

const quality = Number(process.argv[2] ?? 75);
const print = (line) => process.stdout.write(`${line}\n`);
const SIZE = 2048;
const TILE = 256;
const RUNS = 5;

/** Photo-like content: smooth gradients and waves plus mild seeded noise. */
function testImage(width, height, components) {
  const pixels = new Uint8Array(width * height * components);
  let seed = 12345;
  const noise = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 24) / 32 - 4;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * components;
      const u = x / width;
      const v = y / height;
      const base = 128 + 60 * Math.sin(u * 17 + Math.cos(v * 9)) + 40 * Math.cos(v * 23 - u * 5);
      for (let c = 0; c < components; c++) {
        pixels[i + c] = Math.max(0, Math.min(255, Math.round(base + c * 20 * Math.sin(u * 7 * (c + 1)) + noise())));
      }
    }
  }
  return pixels;
}

function toRgba(pixels, components) {
  const n = pixels.length / components;
  const rgba = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) rgba[i * 4 + c] = pixels[i * components + (components === 3 ? c : 0)];
    rgba[i * 4 + 3] = 255;
  }
  return rgba;
}

function tiles(pixels, components) {
  const out = [];
  for (let ty = 0; ty < SIZE; ty += TILE) {
    for (let tx = 0; tx < SIZE; tx += TILE) {
      const tile = new Uint8Array(TILE * TILE * components);
      for (let r = 0; r < TILE; r++) {
        const from = ((ty + r) * SIZE + tx) * components;
        tile.set(pixels.subarray(from, from + TILE * components), r * TILE * components);
      }
      out.push(tile);
    }
  }
  return out;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Run `encodeAll` (returns total output bytes) RUNS times after a warm-up; report median Mpx/s. */
function measure(label, pixelsPerRun, encodeAll) {
  encodeAll();
  const rates = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    bytes = encodeAll();
    const seconds = (performance.now() - start) / 1000;
    rates.push(pixelsPerRun / 1e6 / seconds);
  }
  const rate = median(rates);
  print(`${label.padEnd(44)} ${rate.toFixed(1).padStart(7)} Mpx/s  ${(bytes / 1024).toFixed(0).padStart(6)} KiB`);
  return rate;
}

const pixelsPerRun = SIZE * SIZE;
print(`JPEG encode, quality ${quality}, ${SIZE}×${SIZE}, median of ${RUNS} runs (Node ${process.versions.node})`);

for (const components of [3, 1]) {
  const pixels = testImage(SIZE, SIZE, components);
  const rgba = toRgba(pixels, components);
  const tileList = tiles(pixels, components);
  const rgbaTiles = tiles(rgba, 4);
  const kind = components === 3 ? 'RGB ' : 'gray';
  const configs =
    components === 3
      ? [
          ['ycbcr 2×2', { components, quality, colorspace: 'ycbcr', subsampling: [2, 2] }],
          ['ycbcr 1×1', { components, quality, colorspace: 'ycbcr', subsampling: [1, 1] }],
          ['rgb', { components, quality, colorspace: 'rgb' }],
        ]
      : [['gray', { components, quality }]];
  const ours = {};
  for (const [name, options] of configs) {
    const encoder = new JpegEncoder(options);
    ours[`whole ${name}`] = measure(
      `${kind} whole  tiffkit ${name}`,
      pixelsPerRun,
      () => encoder.encode(pixels, SIZE, SIZE).length,
    );
    ours[`tiles ${name}`] = measure(`${kind} tiles  tiffkit ${name}`, pixelsPerRun, () => {
      let total = 0;
      for (const tile of tileList) total += encoder.encode(tile, TILE, TILE).length;
      return total;
    });
  }
  const note = components === 1 ? ' (RGBA of gray)' : '';
  const jsWhole = measure(
    `${kind} whole  jpeg-js 4:4:4${note}`,
    pixelsPerRun,
    () => jpeg.encode({ data: rgba, width: SIZE, height: SIZE }, quality).data.length,
  );
  const jsTiles = measure(`${kind} tiles  jpeg-js 4:4:4${note}`, pixelsPerRun, () => {
    let total = 0;
    for (const tile of rgbaTiles) total += jpeg.encode({ data: tile, width: TILE, height: TILE }, quality).data.length;
    return total;
  });
  for (const [name, rate] of Object.entries(ours)) {
    const base = name.startsWith('whole') ? jsWhole : jsTiles;
    print(`  speed-up ${kind} ${name.padEnd(16)} ×${(rate / base).toFixed(1)}`);
  }
}
