/**
 * `tiffkit convert` from TIFF (decoded by geotiff.js): tifffile's ImageJ stacks to tiled zlib OME-TIFF
 * and back, GDAL's tiled GeoTIFF with its georeferencing tags, several series, RGB, and SubIFD levels
 * kept as they are. tifffile (and GDAL) check the results.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertJson, tiffkit } from './helpers/cli.js';
import { DOWNSAMPLE_PY, missing, py } from './helpers/readers.js';

const dir = mkdtempSync(join(tmpdir(), 'tiffkit-convert-tiff-'));
afterAll(() => {
  if (process.env['TIFFKIT_KEEP_TMP'] !== '1') rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(missing('tifffile'))('convert TIFF', () => {
  it('a tifffile ImageJ hyperstack → tiled zlib OME-TIFF → ImageJ again, values and calibration kept', () => {
    py(
      `
a = ((np.arange(3 * 4 * 2 * 60 * 70) * 37) % 1000).astype('f4').reshape(3, 4, 2, 60, 70)
tifffile.imwrite('ij.tif', a, imagej=True, resolution=(1 / 0.25, 1 / 0.25),
                 metadata={'axes': 'TZCYX', 'spacing': 1.5, 'unit': 'um', 'finterval': 2.0})
np.save('ij.npy', a)
print(json.dumps(True))
`,
      [],
      dir,
    );
    const toOme = convertJson(dir, 'ij.tif', 'ij.ome.tif', '--tile', '32,32', '--compression', 'zlib');
    expect(toOme.series[0]).toMatchObject({ shape: [3, 4, 2, 60, 70], axes: 'TZCYX', dtype: 'float32' });
    const back = convertJson(dir, 'ij.ome.tif', 'ij-again.tif', '--kind', 'imagej');
    expect(back.series[0]).toMatchObject({ shape: [3, 4, 2, 60, 70], axes: 'TZCYX' });
    const report = py(
      `
a = np.load('ij.npy')
with tifffile.TiffFile('ij.ome.tif') as tif:
    s = tif.series[0]
    pixels = tifffile.xml2dict(tif.ome_metadata)['OME']['Image']['Pixels']
    ome = [tif.is_ome, s.axes, bool(np.array_equal(s.asarray(), a)), int(s.pages[0].compression), int(s.pages[0].predictor),
           [s.pages[0].tilelength, s.pages[0].tilewidth],
           [pixels.get(k) for k in ('PhysicalSizeX', 'PhysicalSizeY', 'PhysicalSizeZ', 'PhysicalSizeXUnit', 'TimeIncrement', 'TimeIncrementUnit')]]
with tifffile.TiffFile('ij-again.tif') as tif:
    s = tif.series[0]
    ij = tif.imagej_metadata
    x = s.pages[0].tags['XResolution'].value
    imagej = [tif.is_imagej, s.axes, bool(np.array_equal(s.asarray(), a)), ij['spacing'], ij['unit'], ij['finterval'], x[0] / x[1]]
print(json.dumps({'ome': ome, 'imagej': imagej}))
`,
      [],
      dir,
    );
    expect(report).toEqual({
      ome: [true, 'TZCYX', true, 8, 1, [32, 32], [0.25, 0.25, 1.5, 'µm', 2, 's']],
      imagej: [true, 'TZCYX', true, 1.5, 'um', 2, 4],
    });
  });

  it.skipIf(missing('gdal'))(
    'a GDAL tiled, deflated GeoTIFF → re-tiled TIFF with its GeoTIFF tags kept (extraTags)',
    () => {
      py(
        `
a = (np.arange(200 * 300) % 5000 - 1000).astype('i2').reshape(200, 300)
tifffile.imwrite('plain.tif', a, metadata=None)
np.save('geo.npy', a)
print(json.dumps(True))
`,
        [],
        dir,
      );
      const translate = spawnSync(
        'gdal_translate',
        [
          '-q',
          '-of',
          'GTiff',
          '-co',
          'TILED=YES',
          '-co',
          'BLOCKXSIZE=64',
          '-co',
          'BLOCKYSIZE=64',
          '-co',
          'COMPRESS=DEFLATE',
          '-a_srs',
          'EPSG:32633',
          '-a_ullr',
          '500000',
          '4000000',
          '503000',
          '3998000',
          '-a_nodata',
          '-1000',
          'plain.tif',
          'geo.tif',
        ],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(translate.stderr).toBe('');
      convertJson(dir, 'geo.tif', 'geo-retiled.tif', '--tile', '128,128', '--compression', 'zlib', '--kind', 'generic');
      const report = py(
        `
a = np.load('geo.npy')
tags = {}
for name in ('geo.tif', 'geo-retiled.tif'):
    with tifffile.TiffFile(name) as tif:
        page = tif.pages[0]
        tags[name] = [bool(np.array_equal(page.asarray(), a)), page.tilewidth, int(page.compression),
                      {str(k): page.tags[k].value for k in (33550, 33922, 34735, 34736, 34737, 42112, 42113) if k in page.tags}]
print(json.dumps(tags))
`,
        [],
        dir,
      ) as Record<string, [boolean, number, number, Record<string, unknown>]>;
      const [sameIn, tileIn, , geoIn] = report['geo.tif'] as [boolean, number, number, Record<string, unknown>];
      const [sameOut, tileOut, compressionOut, geoOut] = report['geo-retiled.tif'] as [
        boolean,
        number,
        number,
        Record<string, unknown>,
      ];
      expect([sameIn, tileIn, sameOut, tileOut, compressionOut]).toEqual([true, 64, true, 128, 8]);
      expect(Object.keys(geoIn)).toEqual(expect.arrayContaining(['33550', '33922', '34735', '34737', '42113']));
      expect(geoOut).toEqual(geoIn);
      // GDAL itself sees the same georeferencing in the converted file.
      const info = (name: string) =>
        JSON.parse(
          spawnSync('gdalinfo', ['-json', name], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 }).stdout,
        ) as {
          geoTransform: number[];
          coordinateSystem: { wkt: string };
          bands: { noDataValue?: number }[];
        };
      const original = info('geo.tif');
      const converted = info('geo-retiled.tif');
      expect(converted.geoTransform).toEqual([500000, 10, 0, 4000000, 0, -10]);
      expect(converted.coordinateSystem.wkt).toBe(original.coordinateSystem.wkt);
      expect(converted.bands[0]?.noDataValue).toBe(-1000);
    },
  );

  it('several series: all of them, or one with --series; RGB pages get a pyramid of samples', () => {
    py(
      `
rng = np.random.default_rng(3)
gray = rng.integers(0, 60000, (5, 40, 30), dtype=np.uint16)
rgb = rng.integers(0, 256, (50, 70, 3), dtype=np.uint8)
with tifffile.TiffWriter('multi.tif') as tif:
    tif.write(gray, metadata={'axes': 'ZYX'})
    tif.write(rgb, photometric='rgb', tile=(16, 16), compression='zlib')
np.save('gray.npy', gray)
np.save('rgb.npy', rgb)
print(json.dumps(True))
`,
      [],
      dir,
    );
    const both = convertJson(dir, 'multi.tif', 'multi-out.tif', '--byteorder', '>');
    expect(both.series.map((s) => [s['shape'], s['axes'], s['photometric']])).toEqual([
      [[5, 40, 30], 'ZYX', 'minisblack'],
      [[50, 70, 3], undefined, 'rgb'], // tifffile 2023 writes no axes for this RGB series
    ]);
    const one = convertJson(dir, 'multi.tif', 'rgb.ome.tif', '--series', '1', '--tile', '16,16', '--pyramid', '2');
    expect(one.series).toHaveLength(1);
    const report = py(
      `${DOWNSAMPLE_PY}
gray, rgb = np.load('gray.npy'), np.load('rgb.npy')
with tifffile.TiffFile('multi-out.tif') as tif:
    multi = [tif.byteorder, len(tif.series), bool(np.array_equal(tif.series[0].asarray(), gray)), bool(np.array_equal(tif.series[1].asarray(), rgb))]
with tifffile.TiffFile('rgb.ome.tif') as tif:
    s = tif.series[0]
    l1 = down(rgb, samples=True)
    ome = [s.axes, bool(np.array_equal(s.asarray(), rgb)), bool(np.array_equal(s.levels[1].asarray(), l1)),
           bool(np.array_equal(s.levels[2].asarray(), down(l1, samples=True)))]
print(json.dumps({'multi': multi, 'ome': ome}))
`,
      [],
      dir,
    );
    expect(report).toEqual({ multi: ['>', 2, true, true], ome: ['YXS', true, true, true] });
    const bad = tiffkit(dir, 'convert', 'multi.tif', 'x.tif', '--series', '2');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('tiffkit: --series: multi.tif has 2 series (0..1), not 2\n');
  });

  it("an OME-TIFF's SubIFD pyramid is kept as it is (levels not recomputed) when recompressing", () => {
    py(
      `
rng = np.random.default_rng(5)
base = rng.integers(0, 4000, (2, 96, 80), dtype=np.uint16)
# Levels that no downsampling would produce: the converter must copy them, not compute them.
levels = [rng.integers(0, 4000, (2, 48, 40), dtype=np.uint16), rng.integers(0, 4000, (2, 24, 20), dtype=np.uint16)]
with tifffile.TiffWriter('pyr.ome.tif', ome=True) as tif:
    tif.write(base, subifds=2, tile=(16, 16), metadata={'axes': 'CYX', 'Channel': {'Name': ['a', 'b']}})
    for level in levels:
        tif.write(level, subfiletype=1, tile=(16, 16))
np.savez('pyr.npz', base=base, l1=levels[0], l2=levels[1])
print(json.dumps(True))
`,
      [],
      dir,
    );
    const summary = convertJson(dir, 'pyr.ome.tif', 'pyr-zlib.ome.tif', '--tile', '32,32', '--compression', 'zlib');
    expect(summary.series[0]?.['levels']).toEqual([
      [2, 48, 40],
      [2, 24, 20],
    ]);
    const report = py(
      `
e = np.load('pyr.npz')
with tifffile.TiffFile('pyr-zlib.ome.tif') as tif:
    s = tif.series[0]
    names = [c['Name'] for c in tifffile.xml2dict(tif.ome_metadata)['OME']['Image']['Pixels']['Channel']]
    print(json.dumps([s.axes, names, int(s.pages[0].compression)] + [bool(np.array_equal(level.asarray(), e[k])) for level, k in zip(s.levels, ('base', 'l1', 'l2'))]))
`,
      [],
      dir,
    );
    expect(report).toEqual(['CYX', ['a', 'b'], 8, true, true, true]);
  });
});
