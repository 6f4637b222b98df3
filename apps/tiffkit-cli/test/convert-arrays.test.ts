/** `tiffkit convert` from NumPy .npy files and raw binary, checked value by value with tifffile. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertJson, tiffkit } from './helpers/cli.js';
import { DOWNSAMPLE_PY, missing, py } from './helpers/readers.js';

const dir = mkdtempSync(join(tmpdir(), 'tiffkit-convert-'));
afterAll(() => {
  if (process.env['TIFFKIT_KEEP_TMP'] !== '1') rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(missing('tifffile'))('convert .npy', () => {
  it('NumPy little-, big-endian and Fortran-order files → tiled zlib OME-TIFF with a 2-level pyramid', () => {
    py(
      `
a = (np.arange(3 * 100 * 130, dtype=np.uint32) * 2654435761 % 65521).astype('u2').reshape(3, 100, 130)
np.save('le.npy', a)
np.save('be.npy', a.astype('>u2'))
np.save('fortran.npy', np.asfortranarray(a.astype('>u2')))
print(json.dumps(True))
`,
      [],
      dir,
    );
    for (const name of ['le', 'be', 'fortran']) {
      const summary = convertJson(
        dir,
        `${name}.npy`,
        `${name}.ome.tif`,
        '--axes',
        'ZYX',
        '--tile',
        '32,48',
        '--compression',
        'zlib',
        '--predictor',
        '--pyramid',
        '2',
        '--metadata',
        'PhysicalSizeX=0.5',
        '--metadata',
        'PhysicalSizeXUnit=µm',
      );
      expect(summary['kind']).toBe('ome');
      expect(summary['byteorder']).toBe(name === 'le' ? '<' : '>');
      expect(summary.series[0]).toMatchObject({ shape: [3, 100, 130], dtype: 'uint16', axes: 'ZYX' });
      expect(summary.series[0]?.['levels']).toEqual([
        [3, 50, 65],
        [3, 25, 33],
      ]);
      const report = py(
        `${DOWNSAMPLE_PY}
a = np.load(sys.argv[1])
with tifffile.TiffFile(sys.argv[2]) as tif:
    s = tif.series[0]
    l1 = down(a)
    print(json.dumps({
        'ome': tif.is_ome, 'byteorder': tif.byteorder, 'axes': s.axes, 'shape': list(s.shape),
        'tiled': s.pages[0].is_tiled, 'tile': [s.pages[0].tilelength, s.pages[0].tilewidth],
        'compression': int(s.pages[0].compression), 'predictor': int(s.pages[0].predictor),
        'equal': bool(np.array_equal(s.asarray(), a)),
        'levels': [list(level.shape) for level in s.levels[1:]],
        'level1': bool(np.array_equal(s.levels[1].asarray(), l1)),
        'level2': bool(np.array_equal(s.levels[2].asarray(), down(l1))),
        'physicalSizeX': 'PhysicalSizeX="0.5"' in tif.ome_metadata,
    }))
`,
        [`${name}.npy`, `${name}.ome.tif`],
        dir,
      );
      expect(report).toEqual({
        ome: true,
        byteorder: name === 'le' ? '<' : '>',
        axes: 'ZYX',
        shape: [3, 100, 130],
        tiled: true,
        tile: [32, 48],
        compression: 8,
        predictor: 2,
        equal: true,
        levels: [
          [3, 50, 65],
          [3, 25, 33],
        ],
        level1: true,
        level2: true,
        physicalSizeX: true,
      });
    }
  });

  it('RGB, float, bool and 64-bit integer arrays keep their values (pyramids of samples, nearest)', () => {
    py(
      `
rng = np.random.default_rng(7)
np.save('rgb.npy', rng.integers(0, 256, (61, 47, 3), dtype=np.uint8))
np.save('f4.npy', np.asfortranarray(rng.standard_normal((2, 3, 33, 20)).astype('<f4')))
np.save('bool.npy', rng.integers(0, 2, (40, 50)).astype(bool))
np.save('f2.npy', (rng.standard_normal((3, 31, 45)) * 100).astype('<f2'))
np.save('i8.npy', rng.integers(-2**40, 2**40, (5, 16, 17), dtype='<i8').astype('>i8'))
print(json.dumps(True))
`,
      [],
      dir,
    );
    convertJson(
      dir,
      'rgb.npy',
      'rgb.tif',
      '--tile',
      '16,16',
      '--pyramid',
      '2:nearest',
      '--compression',
      'deflate',
      '--level',
      '9',
    );
    convertJson(dir, 'f4.npy', 'f4.tif', '--axes', 'TCYX', '--pyramid', '1', '--rows-per-strip', '5');
    convertJson(dir, 'bool.npy', 'bool.tif', '--compression', 'packbits');
    convertJson(dir, 'f2.npy', 'f2.tif', '--tile', '16,16', '--pyramid', '2');
    convertJson(dir, 'i8.npy', 'i8.tif', '--tile', '16', '--pyramid', '1', '--bigtiff');
    const report = py(
      `${DOWNSAMPLE_PY}
out = {}
for name, samples, method in [('rgb', True, 'nearest'), ('f4', False, 'mean'), ('bool', False, None), ('i8', False, 'mean'), ('f2', False, 'mean')]:
    a = np.load(name + '.npy')
    with tifffile.TiffFile(name + '.tif') as tif:
        s = tif.series[0]
        ok = bool(np.array_equal(s.asarray(), a))
        if method:
            l1 = down(a, method, samples)
            got = s.levels[1].asarray()
            ok = ok and got.shape == l1.shape and bool(np.allclose(got, l1, rtol=1e-6, atol=0) if a.dtype.kind == 'f' else np.array_equal(got, l1))
            if a.dtype == np.float16:
                # exact: the mean of each block rounded once to the nearest half, as NumPy rounds
                ok = ok and bool(np.array_equal(got.view('u2'), l1.view('u2')))
        out[name] = [ok, list(s.shape), s.axes, str(s.dtype), int(s.pages[0].photometric), tif.is_bigtiff]
print(json.dumps(out))
`,
      [],
      dir,
    );
    expect(report).toEqual({
      rgb: [true, [61, 47, 3], 'YXS', 'uint8', 2, false],
      f4: [true, [2, 3, 33, 20], 'TCYX', 'float32', 1, false],
      bool: [true, [40, 50], 'YX', 'bool', 1, false],
      i8: [true, [5, 16, 17], 'QYX', 'int64', 1, true],
      f2: [true, [3, 31, 45], 'QYX', 'float16', 1, false],
    });
  });

  it('stacks inputs of one shape along a new axis (--stack T) into an ImageJ hyperstack', () => {
    py(
      `
for t in range(3):
    np.save(f'frame{t}.npy', (np.arange(2 * 20 * 30).reshape(2, 20, 30) * (t + 1)).astype('<f4'))
print(json.dumps(True))
`,
      [],
      dir,
    );
    const summary = convertJson(
      dir,
      'frame0.npy',
      'frame1.npy',
      'frame2.npy',
      'stack.tif',
      '--stack',
      'T',
      '--axes',
      'TCYX',
      '--kind',
      'imagej',
    );
    expect(summary.series[0]).toMatchObject({ shape: [3, 2, 20, 30], axes: 'TCYX' });
    const report = py(
      `
a = np.stack([np.load(f'frame{t}.npy') for t in range(3)])
with tifffile.TiffFile('stack.tif') as tif:
    s = tif.series[0]
    print(json.dumps([tif.is_imagej, s.axes, list(s.shape), bool(np.array_equal(s.asarray(), a)), tif.imagej_metadata['frames'], tif.imagej_metadata['channels']]))
`,
      [],
      dir,
    );
    expect(report).toEqual([true, 'TCYX', [3, 2, 20, 30], true, 3, 2]);
  });
});

describe.skipIf(missing('tifffile'))('convert raw binary', () => {
  it('big-endian uint16 after a header → ImageJ hyperstack with calibration', () => {
    py(
      `
a = (np.arange(4 * 2 * 40 * 50) % 4099).astype('>u2').reshape(4, 2, 40, 50)
open('raw.bin', 'wb').write(b'H' * 100 + a.tobytes())
np.save('raw-expected.npy', a)
print(json.dumps(True))
`,
      [],
      dir,
    );
    const summary = convertJson(
      dir,
      'raw.bin',
      'raw.tif',
      '--shape',
      '4,2,40,50',
      '--dtype',
      '>u2',
      '--offset',
      '100',
      '--kind',
      'imagej',
      '--axes',
      'ZCYX',
      '--resolution',
      '4',
      '--metadata',
      'spacing=2.5',
      '--metadata',
      'unit=um',
    );
    expect(summary).toMatchObject({ kind: 'imagej', byteorder: '>', bigtiff: false });
    const report = py(
      `
a = np.load('raw-expected.npy')
with tifffile.TiffFile('raw.tif') as tif:
    s = tif.series[0]
    ij = tif.imagej_metadata
    x = s.pages[0].tags['XResolution'].value
    print(json.dumps([tif.is_imagej, s.axes, list(s.shape), bool(np.array_equal(s.asarray(), a)), ij['slices'], ij['channels'], ij['spacing'], ij['unit'], x[0] / x[1], tif.byteorder]))
`,
      [],
      dir,
    );
    expect(report).toEqual([true, 'ZCYX', [4, 2, 40, 50], true, 4, 2, 2.5, 'um', 4, '>']);
  });

  it('Fortran-order raw (--order F) larger than --memory is transposed through a temporary file', () => {
    py(
      `
a = (np.arange(6 * 64 * 80, dtype=np.int32) * 7919 % 100003).reshape(6, 64, 80)
open('fortran.bin', 'wb').write(np.asfortranarray(a).tobytes(order='F'))
np.save('fortran-expected.npy', a)
print(json.dumps(True))
`,
      [],
      dir,
    );
    // 120 KiB of values against a 64 KiB budget: the transposition takes bands of the last axis.
    convertJson(
      dir,
      'fortran.bin',
      'fortran.tif',
      '--shape',
      '6,64,80',
      '--dtype',
      'int32',
      '--order',
      'F',
      '--memory',
      '64KiB',
      '--tile',
      '16,16',
    );
    const report = py(
      `
a = np.load('fortran-expected.npy')
print(json.dumps(bool(np.array_equal(tifffile.imread('fortran.tif'), a))))
`,
      [],
      dir,
    );
    expect(report).toBe(true);
    expect(tiffkit(dir, 'info', 'fortran.tif').stdout).toContain('shape [6, 64, 80]');
  });
});
