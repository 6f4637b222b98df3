/**
 * `tiffkit convert` from Zarr: v2 arrays and OME-Zarr (NGFF 0.4) written by Python's zarr, and Zarr v3
 * / NGFF 0.5 stores written byte by byte from the specification (Debian's zarr 2.13 cannot write v3).
 * tifffile reads the results: values, axes, levels, physical sizes, channel names.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertJson } from './helpers/cli.js';
import { missing, py } from './helpers/readers.js';

const dir = mkdtempSync(join(tmpdir(), 'tiffkit-convert-zarr-'));
afterAll(() => {
  if (process.env['TIFFKIT_KEEP_TMP'] !== '1') rmSync(dir, { recursive: true, force: true });
});

/** Python: the OME-XML of a file as {axes, shape, levels, sizes, units, channels, equal levels}. */
const OME_REPORT = `
def ome_report(path, expected_levels):
    with tifffile.TiffFile(path) as tif:
        s = tif.series[0]
        meta = tifffile.xml2dict(tif.ome_metadata)['OME']['Image']
        pixels = meta['Pixels']
        channels = pixels['Channel'] if isinstance(pixels['Channel'], list) else [pixels['Channel']]
        return {
            'ome': tif.is_ome, 'axes': s.axes, 'shape': list(s.shape),
            'levels': [list(level.shape) for level in s.levels],
            'values': [bool(np.array_equal(level.asarray(), expected)) for level, expected in zip(s.levels, expected_levels)],
            'physical': [pixels.get(k) for k in ('PhysicalSizeX', 'PhysicalSizeY', 'PhysicalSizeZ')],
            'units': [pixels.get(k) for k in ('PhysicalSizeXUnit', 'PhysicalSizeZUnit')],
            'time': [pixels.get('TimeIncrement'), pixels.get('TimeIncrementUnit')],
            'channels': [c.get('Name') for c in channels],
            'colors': [c.get('Color') for c in channels],
        }
`;

describe.skipIf(missing('tifffile') || missing('zarr'))('convert Zarr', () => {
  it('a Zarr v2 array (big-endian, Blosc chunks, xarray dimension names) → OME-TIFF', () => {
    py(
      `
import zarr
a = (np.arange(2 * 3 * 70 * 90) % 251).astype('>u2').reshape(2, 3, 70, 90)
z = zarr.open('plain.zarr', mode='w', shape=a.shape, chunks=(1, 2, 32, 40), dtype='>u2')
z[:] = a
z.attrs['_ARRAY_DIMENSIONS'] = ['t', 'c', 'y', 'x']
print(json.dumps(z.compressor.codec_id))
`,
      [],
      dir,
    );
    const summary = convertJson(dir, 'plain.zarr', 'plain.ome.tif', '--tile', '32,32', '--compression', 'zlib');
    expect(summary.series[0]).toMatchObject({ shape: [2, 3, 70, 90], axes: 'TCYX', dtype: 'uint16' });
    const report = py(
      `import zarr
${OME_REPORT}
print(json.dumps(ome_report('plain.ome.tif', [zarr.open('plain.zarr', mode='r')[:]])))
`,
      [],
      dir,
    );
    expect(report).toMatchObject({
      ome: true,
      axes: 'TCYX',
      shape: [2, 3, 70, 90],
      levels: [[2, 3, 70, 90]],
      values: [true],
    });
  });

  it('an OME-Zarr (NGFF 0.4) image with 3 levels → OME-TIFF with SubIFD levels, sizes and channels', () => {
    py(
      `
import zarr
g = zarr.open_group('img.ome.zarr', mode='w')
base = (np.arange(2 * 5 * 128 * 96) % 4093).astype('u2').reshape(2, 5, 128, 96)
for i, level in enumerate([base, base[:, :, ::2, ::2], base[:, :, ::4, ::4]]):
    g.create_dataset(str(i), data=level, chunks=(1, 1, 64, 64))
space = lambda name: {'name': name, 'type': 'space', 'unit': 'micrometer'}
g.attrs['multiscales'] = [{
    'version': '0.4', 'name': 'img',
    'axes': [{'name': 'c', 'type': 'channel'}, space('z'), space('y'), space('x')],
    'datasets': [{'path': str(i), 'coordinateTransformations': [{'type': 'scale', 'scale': [1, 2.0, 0.5 * 2**i, 0.25 * 2**i]}]} for i in range(3)],
}]
g.attrs['omero'] = {'channels': [{'label': 'DAPI', 'color': '0000FF'}, {'label': 'GFP', 'color': '00FF00'}]}
print(json.dumps(True))
`,
      [],
      dir,
    );
    const summary = convertJson(dir, 'img.ome.zarr', 'img.ome.tif', '--tile', '32,32', '--compression', 'zlib');
    expect(summary.series[0]?.['levels']).toEqual([
      [2, 5, 64, 48],
      [2, 5, 32, 24],
    ]);
    const report = py(
      `import zarr
${OME_REPORT}
g = zarr.open_group('img.ome.zarr', mode='r')
print(json.dumps(ome_report('img.ome.tif', [g[str(i)][:] for i in range(3)])))
`,
      [],
      dir,
    );
    expect(report).toEqual({
      ome: true,
      axes: 'CZYX',
      shape: [2, 5, 128, 96],
      levels: [
        [2, 5, 128, 96],
        [2, 5, 64, 48],
        [2, 5, 32, 24],
      ],
      values: [true, true, true],
      physical: [0.25, 0.5, 2],
      units: ['µm', 'µm'],
      time: [null, null],
      channels: ['DAPI', 'GFP'],
      colors: [0xff | (0xff << 8), 0xff | (0xff << 16)],
    });
  });
});

/** Python writing Zarr v3 from the specification: zarr.json and chunk files (bytes codec, gzip). */
const ZARR_V3_PY = `
import gzip, os
def write_v3(path, a, chunks, attributes=None, dimension_names=None, compress=False):
    os.makedirs(path, exist_ok=True)
    codecs = [{'name': 'bytes', 'configuration': {'endian': 'little' if a.dtype.byteorder != '>' else 'big'}}]
    if compress:
        codecs.append({'name': 'gzip', 'configuration': {'level': 5}})
    meta = {
        'zarr_format': 3, 'node_type': 'array', 'shape': list(a.shape), 'data_type': a.dtype.name,
        'chunk_grid': {'name': 'regular', 'configuration': {'chunk_shape': list(chunks)}},
        'chunk_key_encoding': {'name': 'default', 'configuration': {'separator': '/'}},
        'fill_value': 0, 'codecs': codecs, 'attributes': attributes or {},
    }
    if dimension_names:
        meta['dimension_names'] = dimension_names
    json.dump(meta, open(os.path.join(path, 'zarr.json'), 'w'))
    for index in np.ndindex(*[-(-n // c) for n, c in zip(a.shape, chunks)]):
        block = np.zeros(chunks, a.dtype)
        part = a[tuple(slice(i * c, (i + 1) * c) for i, c in zip(index, chunks))]
        block[tuple(slice(0, n) for n in part.shape)] = part
        raw = block.tobytes()
        key = os.path.join(path, 'c', *map(str, index))
        os.makedirs(os.path.dirname(key), exist_ok=True)
        open(key, 'wb').write(gzip.compress(raw) if compress else raw)
`;

describe.skipIf(missing('tifffile'))('convert Zarr v3', () => {
  it('a Zarr v3 array with dimension_names → ImageJ hyperstack', () => {
    py(
      `${ZARR_V3_PY}
a = (np.arange(3 * 2 * 40 * 50) * 3 % 1001).astype('>f4').reshape(3, 2, 40, 50)
write_v3('v3.zarr', a, (1, 2, 16, 32), dimension_names=['z', 'c', 'y', 'x'], compress=True)
np.save('v3-expected.npy', a)
print(json.dumps(True))
`,
      [],
      dir,
    );
    convertJson(dir, 'v3.zarr', 'v3.tif', '--kind', 'imagej');
    const report = py(
      `
with tifffile.TiffFile('v3.tif') as tif:
    s = tif.series[0]
    print(json.dumps([tif.is_imagej, s.axes, list(s.shape), str(s.dtype), bool(np.array_equal(s.asarray(), np.load('v3-expected.npy')))]))
`,
      [],
      dir,
    );
    expect(report).toEqual([true, 'ZCYX', [3, 2, 40, 50], 'float32', true]);
  });

  it('an OME-Zarr 0.5 image (Zarr v3 group, attributes under "ome") with its levels and time scale', () => {
    py(
      `${ZARR_V3_PY}
os.makedirs('v05.ome.zarr', exist_ok=True)
base = (np.arange(4 * 100 * 60) % 777).astype('u2').reshape(4, 100, 60)
levels = [base, base[:, ::2, ::2], base[:, ::4, ::4]]
for i, level in enumerate(levels):
    write_v3(f'v05.ome.zarr/s{i}', level, (1, 32, 32))
ome = {'version': '0.5', 'multiscales': [{
    'axes': [{'name': 't', 'type': 'time', 'unit': 'second'}, {'name': 'y', 'type': 'space', 'unit': 'nanometer'}, {'name': 'x', 'type': 'space', 'unit': 'nanometer'}],
    'datasets': [{'path': f's{i}', 'coordinateTransformations': [{'type': 'scale', 'scale': [1.5, 100.0 * 2**i, 100.0 * 2**i]}]} for i in range(3)],
}], 'omero': {'channels': [{'label': 'brightfield', 'color': 'FFFFFF'}]}}
json.dump({'zarr_format': 3, 'node_type': 'group', 'attributes': {'ome': ome}}, open('v05.ome.zarr/zarr.json', 'w'))
print(json.dumps(True))
`,
      [],
      dir,
    );
    const summary = convertJson(dir, 'v05.ome.zarr', 'v05.ome.tif', '--tile', '16,16');
    expect(summary.series[0]).toMatchObject({
      axes: 'TYX',
      levels: [
        [4, 50, 30],
        [4, 25, 15],
      ],
    });
    const report = py(
      `${OME_REPORT}
base = (np.arange(4 * 100 * 60) % 777).astype('u2').reshape(4, 100, 60)
print(json.dumps(ome_report('v05.ome.tif', [base, base[:, ::2, ::2], base[:, ::4, ::4]])))
`,
      [],
      dir,
    );
    expect(report).toMatchObject({
      axes: 'TYX',
      values: [true, true, true],
      physical: [100, 100, null],
      units: ['nm', null],
      time: [1.5, 's'],
    });
  });
});
