/** `tiffkit convert` as a command: progress on a terminal and off it, --json, Ctrl-C, errors, memory. */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bin, convertJson, tiffkit } from './helpers/cli.js';
import { missing, py } from './helpers/readers.js';

const dir = mkdtempSync(join(tmpdir(), 'tiffkit-convert-cli-'));
afterAll(() => {
  if (process.env['TIFFKIT_KEEP_TMP'] !== '1') rmSync(dir, { recursive: true, force: true });
});

/** A raw uint16 file of `count` values: i * 7 mod 65521. */
function rawFile(name: string, count: number): string {
  const values = new Uint16Array(count);
  for (let i = 0; i < count; i++) values[i] = (i * 7) % 65521;
  writeFileSync(join(dir, name), values);
  return name;
}

describe('tiffkit convert: the command', () => {
  it('prints a JSON summary with --json (series, shapes, bytes, seconds) and nothing else', () => {
    rawFile('small.raw', 2 * 64 * 96);
    const result = tiffkit(dir, 'convert', 'small.raw', 'small.tif', '--shape', '2,64,96', '--dtype', 'u2', '--json');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({
      inputs: ['small.raw'],
      output: 'small.tif',
      kind: 'shaped',
      bigtiff: false,
      byteorder: '<',
      bytes: 2 * 64 * 96 * 2,
      series: [
        {
          input: 'small.raw',
          shape: [2, 64, 96],
          dtype: 'uint16',
          photometric: 'minisblack',
          levels: [],
          bytes: 24576,
        },
      ],
    });
    expect(summary.fileBytes).toBe(statSync(join(dir, 'small.tif')).size);
    expect(summary.seconds).toBeGreaterThan(0);
    expect(summary.mibPerSecond).toBeGreaterThan(0);
  });

  it.skipIf(missing('script'))(
    'draws a progress bar with throughput and ETA on a terminal (a pseudo-terminal via script)',
    () => {
      rawFile('bar.raw', 8 * 256 * 256);
      const command = `${process.execPath} ${bin} convert bar.raw bar.tif --shape 8,256,256 --dtype uint16 --tile 64,64 --compression zlib`;
      const result = spawnSync('script', ['-qfec', command, '/dev/null'], { cwd: dir, encoding: 'utf8' });
      expect(result.status).toBe(0);
      const screen = result.stdout;
      expect(screen).toMatch(/converting \|[█░]+\| 100% \| 1\.00 MiB of 1\.00 MiB \| [\d.]+ \w*B\/s \| ETA \S+/);
      expect(screen).toContain('\u001b[?25l'); // cli-progress hides the cursor while it draws
      expect(screen).toMatch(/tiffkit: wrote bar\.tif \(shaped, [\d.]+ KiB\)/);
    },
  );

  it('prints plain progress lines when stderr is not a terminal, and nothing with --quiet', () => {
    rawFile('lines.raw', 4 * 128 * 128);
    const args = ['convert', 'lines.raw', 'lines.tif', '--shape', '4,128,128', '--dtype', 'uint16', '--overwrite'];
    const plain = spawnSync(process.execPath, [bin, ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, TIFFKIT_PROGRESS_INTERVAL: '0' },
    });
    expect(plain.status).toBe(0);
    expect(plain.stderr).toMatch(/^tiffkit: 25% \(32\.0 KiB of 128\.0 KiB\), [\d.]+ \w*B\/s, ETA \S+ series 0$/m);
    expect(plain.stderr).toMatch(/^tiffkit: 100% \(128\.0 KiB of 128\.0 KiB\), [\d.]+ \w*B\/s, ETA 0s done$/m);
    const quiet = tiffkit(dir, ...args, '--quiet');
    expect(quiet.status).toBe(0);
    expect(quiet.stderr + quiet.stdout).toBe('');
  });

  it('leaves no output and no temporary file behind on SIGINT (exit code 130)', async () => {
    rawFile('slow.raw', 16 * 512 * 512);
    const child = spawn(
      process.execPath,
      [
        bin,
        'convert',
        'slow.raw',
        'slow.ome.tif',
        '--shape',
        '16,512,512',
        '--dtype',
        'uint16',
        '--tile',
        '16,16',
        '--compression',
        'zlib',
        '--level',
        '9',
        '--pyramid',
        '2',
        '--workers',
        '1',
      ],
      { cwd: dir, env: { ...process.env, TIFFKIT_PROGRESS_INTERVAL: '0' } },
    );
    let stderr = '';
    let signalled = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // Interrupt once the conversion is well under way (files exist, data is flowing).
      if (!signalled && /tiffkit: [1-9]\d?%/.test(stderr)) {
        signalled = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(signalled).toBe(true);
    expect(code).toBe(130);
    expect(stderr).toContain('tiffkit: interrupted by SIGINT; the partial output was removed');
    expect(existsSync(join(dir, 'slow.ome.tif'))).toBe(false);
    expect(readdirSync(dir).filter((name) => name.includes('tiffkit'))).toEqual([]);
  });

  it('refuses to overwrite without --overwrite (exit 3), and replaces with it', () => {
    rawFile('exists.raw', 32 * 32);
    const args = ['convert', 'exists.raw', 'exists.tif', '--shape', '32,32', '--dtype', 'uint16'];
    expect(tiffkit(dir, ...args).status).toBe(0);
    const again = tiffkit(dir, ...args);
    expect(again.status).toBe(3);
    expect(again.stderr).toBe(
      'tiffkit: exists.tif: already exists; pass --overwrite to replace it or --append to add to it\n',
    );
    expect(tiffkit(dir, ...args, '--overwrite', '--quiet').status).toBe(0);
  });

  it('appends a series to an existing file with --append', () => {
    rawFile('append.raw', 32 * 48);
    const args = ['append.raw', 'append.tif', '--shape', '32,48', '--dtype', 'uint16'];
    convertJson(dir, ...args);
    convertJson(dir, ...args, '--append');
    expect(tiffkit(dir, 'info', 'append.tif').stdout).toMatch(
      /0: shaped, shape \[32, 48\].*\n\s*1: shaped, shape \[32, 48\]/,
    );
  });

  it.each([
    [['missing.npy', 'out.tif'], 1, 'tiffkit: missing.npy: no such file or directory'],
    [['small.raw', 'out.tif', '--shape', '2,64,96'], 2, 'tiffkit: --dtype: raw input needs both --shape and --dtype'],
    [
      ['small.raw', 'out.tif', '--shape', '2,64,96', '--dtype', 'u3'],
      2,
      'tiffkit: --dtype="u3" is invalid: expected a dtype name',
    ],
    [
      ['small.raw', 'out.tif', '--shape', '4,64,96', '--dtype', 'u2'],
      1,
      'tiffkit: small.raw: holds 24576 bytes, but shape [4, 64, 96] of uint16 from offset 0 needs 49152',
    ],
    [
      ['small.raw', 'out.tif', '--shape', '2,64,96', '--dtype', 'u2', '--tile', '20,20'],
      2,
      "tiffkit: --tile: '20,20' must be LENGTH,WIDTH (or one size for both), multiples of 16",
    ],
    [
      ['small.raw', 'out.tif', '--shape', '2,64,96', '--dtype', 'u2', '--pyramid', '2:cubic'],
      2,
      "tiffkit: --pyramid: '2:cubic': the method after ':' is mean or nearest",
    ],
    [
      ['small.raw', 'out.tif', '--shape', '2,64,96', '--dtype', 'u2', '--axes', 'YX'],
      2,
      "tiffkit: --axes: 'YX' has 2 letters but the data is 3-D [2, 64, 96]",
    ],
    [
      ['small.raw', 'out.tif', '--shape', '2,64,96', '--dtype', 'u2', '--compression', 'lerc'],
      1,
      'tiffkit: compression LERC (34887) cannot be written',
    ],
    [
      ['small.raw', 'out.tif', '--shape', '2,64,96', '--dtype', 'u2', '--memory', '1KiB'],
      2,
      'tiffkit: --memory: small.raw: a page (strips are written page by page) is 12.0 KiB, over the 128 B a band may take of --memory 1.00 KiB; write tiles (--tile 512,512) or raise --memory',
    ],
    [['small.raw', 'out.tif', '--frobnicate'], 2, "tiffkit: unknown option '--frobnicate'"],
    [
      ['a.npy', 'b.npy', 'out.tif'],
      2,
      'tiffkit: --stack: 2 inputs need --stack AXIS (e.g. --stack T) to become one series',
    ],
  ])('%j fails with exit code %i and one clear line', (args, code, message) => {
    const result = tiffkit(dir, 'convert', ...args);
    expect(result.status).toBe(code);
    expect(result.stderr.startsWith(message)).toBe(true);
    expect(result.stderr.split('\n')[0]?.length).toBeGreaterThan(message.length - 1);
    expect(existsSync(join(dir, 'out.tif'))).toBe(false);
  });

  it('keeps peak memory bounded by --memory, not by the input size (256 MiB through a 32 MiB budget)', () => {
    const count = 128 * 1024 * 1024; // uint16 values: 256 MiB
    execFileSync('sh', ['-c', `head -c ${count * 2} /dev/urandom > big.raw`], { cwd: dir });
    const summary = convertJson(
      dir,
      'big.raw',
      'big.tif',
      '--shape',
      '8,4096,4096',
      '--dtype',
      'uint16',
      '--tile',
      '256,256',
      '--pyramid',
      '2',
      '--memory',
      '32MiB',
    );
    rmSync(join(dir, 'big.raw'));
    // Node itself, the encoder and its buffers take ~60-100 MiB; the 256 MiB of data never sit in memory.
    expect(summary['peakRssBytes']).toBeLessThan(200 * 2 ** 20);
    expect(summary['bytes']).toBe(count * 2 + 8 * 2048 * 2048 * 2 + 8 * 1024 * 1024 * 2);
  });
});

describe.skipIf(missing('tifffile'))('tiffkit convert: tag and metadata options', () => {
  it('--photometric, --resolution/--unit, --metadata-json with --metadata on top, --rows-per-strip', () => {
    rawFile('tags.raw', 3 * 40 * 30);
    writeFileSync(join(dir, 'meta.json'), JSON.stringify({ axes: 'ZYX', instrument: { name: 'scope', id: 7 } }));
    convertJson(
      dir,
      'tags.raw',
      'tags.tif',
      '--shape',
      '3,40,30',
      '--dtype',
      'uint16',
      '--photometric',
      'miniswhite',
      '--resolution',
      '10,20',
      '--unit',
      'centimeter',
      '--metadata-json',
      'meta.json',
      '--metadata',
      'instrument.id=8',
      '--rows-per-strip',
      '16',
    );
    const report = py(
      `
a = np.fromfile('tags.raw', dtype='<u2').reshape(3, 40, 30)
with tifffile.TiffFile('tags.tif') as tif:
    p = tif.pages[0]
    x, y = p.tags['XResolution'].value, p.tags['YResolution'].value
    print(json.dumps([bool(np.array_equal(tif.series[0].asarray(), a)), int(p.photometric), x[0] / x[1], y[0] / y[1],
                      int(p.tags['ResolutionUnit'].value), p.rowsperstrip, tif.series[0].axes, tif.shaped_metadata[0]['instrument']]))
`,
      [],
      dir,
    );
    expect(report).toEqual([true, 0, 10, 20, 3, 16, 'ZYX', { name: 'scope', id: 8 }]);
  });
});

describe.skipIf(missing('tifffile'))('tiffkit convert: values after an interrupted run', () => {
  it('a second run after an interruption writes a complete file', () => {
    const summary = convertJson(dir, 'small.raw', 'again.tif', '--shape', '2,64,96', '--dtype', 'u2');
    expect(summary.series).toHaveLength(1);
    const report = py(
      `
a = np.fromfile('small.raw', dtype='<u2').reshape(2, 64, 96)
print(json.dumps(bool(np.array_equal(tifffile.imread('again.tif'), a))))
`,
      [],
      dir,
    );
    expect(report).toBe(true);
  });
});
