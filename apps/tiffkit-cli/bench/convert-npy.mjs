/**
 * Benchmark: a large .npy (4 GiB by default) → tiled, zlib-compressed OME-TIFF with a 4-level pyramid,
 * by `tiffkit convert` (peak RSS must stay under 512 MiB) beside tifffile writing the same memory-mapped
 * array (numpy.load(mmap_mode='r') + tifffile.TiffWriter, levels as strided views). Prints seconds,
 * throughput (input MiB/s) and peak RSS of each. Not part of the tests: it writes ~10 GiB to disk.
 *
 *   node apps/tiffkit-cli/bench/convert-npy.mjs [--gib 4] [--dir /tmp] [--keep] [--runs mean,nearest,tifffile]
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const gib = Number(option('gib', '4'));
const dir = option('dir', tmpdir());
const keep = args.includes('--keep');
const runs = option('runs', 'mean,nearest,tifffile').split(',');
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const python = process.env.TIFFKIT_PYTHON ?? '/usr/bin/python3';

const [Y, X] = [16384, 16384];
const Z = Math.max(1, Math.round((gib * 2 ** 30) / (Y * X * 2)));
const input = join(dir, `tiffkit-bench-${Z}x${Y}x${X}-u2.npy`);
const bytes = Z * Y * X * 2;

/** A .npy v1 header padded to 64 bytes, as NumPy writes it. */
function npyHeader(shape) {
  let text = `{'descr': '<u2', 'fortran_order': False, 'shape': (${shape.join(', ')}), }`;
  const total = Math.ceil((10 + text.length + 1) / 64) * 64;
  text = `${text.padEnd(total - 10 - 1, ' ')}\n`;
  const head = Buffer.alloc(10);
  head.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  head.writeUInt16LE(text.length, 8);
  return Buffer.concat([head, Buffer.from(text, 'latin1')]);
}

/** Microscopy-like content (smooth blobs plus noise), so that zlib has realistic work to do. */
function writeInput() {
  if (existsSync(input) && statSync(input).size === bytes + npyHeader([Z, Y, X]).length) return;
  console.log(`writing ${input} (${(bytes / 2 ** 30).toFixed(2)} GiB)…`);
  const fd = openSync(input, 'w');
  let position = 0;
  const header = npyHeader([Z, Y, X]);
  writeSync(fd, header, 0, header.length, position);
  position += header.length;
  const rows = 256;
  const chunk = new Uint16Array(rows * X);
  let seed = 12345;
  for (let z = 0; z < Z; z++) {
    for (let y0 = 0; y0 < Y; y0 += rows) {
      for (let r = 0; r < rows; r++) {
        const y = y0 + r;
        for (let x = 0; x < X; x++) {
          seed = (seed * 1103515245 + 12345) >>> 0;
          const blob = Math.sin(x / 97 + z) * Math.cos(y / 61) * 2000 + 2200;
          chunk[r * X + x] = (blob + (seed >>> 26)) & 0xffff;
        }
      }
      const buffer = Buffer.from(chunk.buffer);
      writeSync(fd, buffer, 0, buffer.length, position);
      position += buffer.length;
    }
  }
  closeSync(fd);
}

function report(name, seconds, peakRss, output) {
  const size = existsSync(output) ? statSync(output).size : 0;
  console.log(
    `${name.padEnd(34)} ${seconds.toFixed(1).padStart(7)} s  ${(bytes / 2 ** 20 / seconds).toFixed(1).padStart(7)} MiB/s  peak RSS ${(peakRss / 2 ** 20).toFixed(0).padStart(5)} MiB  file ${(size / 2 ** 30).toFixed(2)} GiB`,
  );
}

function runTiffkit(method) {
  const output = join(dir, `tiffkit-bench-${method}.ome.tif`);
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [
      bin,
      'convert',
      input,
      output,
      '--axes',
      'ZYX',
      '--tile',
      '512,512',
      '--compression',
      'zlib',
      '--pyramid',
      `4:${method}`,
      '--memory',
      '512MiB',
      '--overwrite',
      '--json',
    ],
    { encoding: 'utf8', maxBuffer: 2 ** 24 },
  );
  if (result.status !== 0) throw new Error(`tiffkit failed: ${result.stderr}`);
  const summary = JSON.parse(result.stdout);
  report(`tiffkit convert (pyramid ${method})`, (performance.now() - started) / 1000, summary.peakRssBytes, output);
  if (summary.peakRssBytes >= 512 * 2 ** 20) console.log('  !! peak RSS is over the 512 MiB budget');
  if (!keep) rmSync(output, { force: true });
}

const TIFFFILE = `
import resource, sys, numpy, tifffile
data = numpy.load(sys.argv[1], mmap_mode='r')
with tifffile.TiffWriter(sys.argv[2], bigtiff=True, ome=True) as tif:
    tif.write(data, tile=(512, 512), compression='zlib', subifds=4, metadata={'axes': 'ZYX'})
    for k in range(1, 5):
        tif.write(data[:, :: 2**k, :: 2**k], tile=(512, 512), compression='zlib', subfiletype=1)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
`;

function runTifffile() {
  const output = join(dir, 'tiffkit-bench-tifffile.ome.tif');
  const started = performance.now();
  const result = spawnSync(python, ['-c', TIFFFILE, input, output], { encoding: 'utf8' });
  if (result.status !== 0) {
    console.log(`tifffile: failed or missing (${result.stderr.trim().split('\n').pop()})`);
    return;
  }
  report(
    'tifffile (memmap, strided levels)',
    (performance.now() - started) / 1000,
    Number(result.stdout.trim()),
    output,
  );
  if (!keep) rmSync(output, { force: true });
}

writeInput();
console.log(
  `input: ${Z}×${Y}×${X} uint16 (${(bytes / 2 ** 30).toFixed(2)} GiB); tile 512×512, zlib, 4 levels, BigTIFF`,
);
if (runs.includes('mean')) runTiffkit('mean');
if (runs.includes('nearest')) runTiffkit('nearest');
if (runs.includes('tifffile')) runTifffile();
if (!keep) rmSync(input, { force: true });
