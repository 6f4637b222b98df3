import { describe, expect, it } from 'vitest';
import { type OmeDType, type OmeImageRequest, planOmeImage } from '../src/index.js';
import { request, schemaCheckOfProducedDocuments, single } from './helpers/ome.js';

/** Plans `req` and also renders it, so every accepted layout is schema-checked at the end. */
function plan(req: OmeImageRequest) {
  const result = planOmeImage(req);
  single(req);
  return result;
}

const sizes = (s: Record<string, number>) => [s['X'], s['Y'], s['Z'], s['C'], s['T']];

describe('inferred axes (no metadata.axes)', () => {
  it.each([
    [[16, 16], 1, false, 'YX', 'XYCZT', [16, 16, 1, 1, 1], 1],
    [[3, 16, 8], 1, false, 'CYX', 'XYCZT', [8, 16, 1, 3, 1], 3],
    [[4, 3, 16, 8], 1, false, 'ZCYX', 'XYCZT', [8, 16, 4, 3, 1], 12],
    [[2, 4, 3, 16, 8], 1, false, 'TZCYX', 'XYCZT', [8, 16, 4, 3, 2], 24],
    [[16, 8, 3], 3, false, 'YXS', 'XYCZT', [8, 16, 1, 3, 1], 1],
    [[2, 16, 8, 4], 4, false, 'CYXS', 'XYCZT', [8, 16, 1, 8, 1], 2],
    [[5, 2, 2, 16, 8, 3], 3, false, 'TZCYXS', 'XYCZT', [8, 16, 2, 6, 5], 20],
    [[3, 16, 8], 3, true, 'SYX', 'XYCZT', [8, 16, 1, 3, 1], 1],
    [[2, 3, 16, 8], 3, true, 'CSYX', 'XYCZT', [8, 16, 1, 6, 1], 2],
    [[2, 3, 4, 1, 16, 8], 1, false, 'TZCSYX', 'XYCZT', [8, 16, 3, 4, 2], 24],
  ] as const)('%j with %i sample(s), planar %s → %s', (shape, samples, planar, axes, order, expected, planes) => {
    const result = plan(request(shape, {}, { samples, planar }));
    expect([result.axes, result.dimensionOrder, sizes(result.sizes), result.planeCount]).toEqual([
      axes,
      order,
      expected,
      planes,
    ]);
  });

  it('reads a trailing 1 as one contiguous sample only when the page count says so', () => {
    expect(plan(request([4, 16, 8, 1], {}, { pages: 4 })).axes).toBe('CYXS');
    // Generic/OME writers keep a trailing 1 as the width: 64 pages of 8×1.
    const tall = plan(request([4, 16, 8, 1], {}, { pages: 64 }));
    expect([tall.axes, tall.sizes.X, tall.sizes.Y]).toEqual(['ZCYX', 1, 8]);
  });

  it('names leading axes from the end of the metadata DimensionOrder', () => {
    const zyx = plan(request([4, 16, 8], { DimensionOrder: 'XYZCT' }));
    expect([zyx.axes, zyx.dimensionOrder, zyx.sizes.Z]).toEqual(['ZYX', 'XYZCT', 4]);
    const ztyx = plan(request([3, 4, 16, 8], { DimensionOrder: 'XYTZC' }));
    expect([ztyx.axes, ztyx.dimensionOrder, ztyx.sizes.Z, ztyx.sizes.T]).toEqual(['ZTYX', 'XYTZC', 3, 4]);
  });

  it.each([
    [[2, 2, 2, 2, 16, 8], 1],
    [[1, 2, 2, 2, 2, 16, 8, 3], 3],
    [[8], 1],
  ])('rejects %j without axes', (shape, samples) => {
    expect(() => planOmeImage(request(shape, {}, { samples, pages: 1 }))).toThrow(
      expect.objectContaining({ code: shape.length < 2 ? 'INVALID_DATA' : 'UNSUPPORTED' }),
    );
  });

  it('names metadata.axes when the dimensionality needs it', () => {
    expect(() => planOmeImage(request([2, 2, 2, 2, 16, 8]))).toThrow(
      expect.objectContaining({ option: 'metadata.axes', message: expect.stringContaining('needs metadata.axes') }),
    );
  });
});

describe('given axes', () => {
  it.each([
    ['TCYX', [2, 3, 8, 8], 'XYZCT'],
    ['CTYX', [2, 3, 8, 8], 'XYZTC'],
    ['ZTYX', [2, 3, 8, 8], 'XYCTZ'],
    ['TZYX', [2, 3, 8, 8], 'XYCZT'],
    ['ZCTYX', [2, 3, 4, 8, 8], 'XYTCZ'],
    ['CZTYX', [2, 3, 4, 8, 8], 'XYTZC'],
    ['TYX', [5, 8, 8], 'XYCZT'],
    ['zyx', [5, 8, 8], 'XYCZT'],
  ] as const)('%s picks %s', (axes, shape, order) => {
    const result = plan(request(shape, { axes }));
    expect([result.axes, result.dimensionOrder]).toEqual([axes.toUpperCase(), order]);
  });

  it('takes axes from the image dict before the top-level metadata', () => {
    const result = planOmeImage(request([2, 3, 8, 8], { axes: 'CZYX', Image: { axes: 'TZYX' } }));
    expect(result.axes).toBe('TZYX');
    expect(() => planOmeImage(request([3, 8, 8], { Image: { axes: 'TZYX' } }))).toThrow(
      expect.objectContaining({ option: 'metadata.Image.axes' }),
    );
  });

  const bad = (
    axes: unknown,
    shape: number[],
    code: string,
    message: string,
    extra: Partial<OmeImageRequest> = {},
  ): void => {
    expect(() => planOmeImage(request(shape, { axes }, extra))).toThrow(
      expect.objectContaining({ code, option: 'metadata.axes', message: expect.stringContaining(message) }),
    );
  };

  it('rejects axes that do not describe the shape', () => {
    bad('TYX', [8, 8], 'INVALID_OPTION', 'does not match the shape [8, 8]');
    bad(5, [8, 8], 'INVALID_OPTION', 'expected a string of axis letters');
    bad('WYX', [2, 8, 8], 'INVALID_OPTION', "dimension 'W'");
    bad('TTYX', [2, 2, 8, 8], 'INVALID_OPTION', "more than one 'T'");
    bad('YXT', [8, 8, 2], 'INVALID_OPTION', 'must end with YX or YXS');
    bad('XY', [8, 8], 'INVALID_OPTION', 'must end with YX or YXS');
    bad('SZYX', [1, 2, 8, 8], 'INVALID_OPTION', 'S right after YX');
    bad('TAZPCRQYX', [1, 1, 1, 1, 1, 1, 1, 8, 8], 'UNSUPPORTED', 'more than 8 dimensions');
  });

  it('accepts 8 dimensions, and 9 with S', () => {
    expect(plan(request([2, 2, 2, 2, 2, 2, 8, 8], { axes: 'TAZPCRYX' })).planeCount).toBe(64);
    const nine = plan(request([2, 2, 2, 2, 2, 2, 8, 8, 3], { axes: 'TAZPCRYXS' }, { samples: 3, dtype: 'uint8' }));
    expect([nine.sizes.C, nine.planeCount]).toEqual([12, 64]);
  });

  it('rejects axes that disagree with the stored samples', () => {
    bad('YXS', [8, 8, 3], 'INVALID_OPTION', 'dimension S has size 3 but the pages store 1 sample', { pages: 1 });
    bad('ZYX', [3, 8, 8], 'INVALID_OPTION', 'contiguous samples are dimension 2', { samples: 8, pages: 1 });
    bad('YXS', [8, 8, 3], 'INVALID_OPTION', 'separate samples are dimension 0', { samples: 3, planar: true });
    bad('CYXS', [2, 8, 8, 3], 'INVALID_OPTION', 'dimension S has size 3 but the pages store 4', { samples: 4 });
    bad('YX', [8, 8], 'INVALID_OPTION', 'pages hold 3 samples', { samples: 3 });
  });

  it('rejects axes whose plane count is not the page count', () => {
    bad('TYX', [4, 8, 8], 'INVALID_OPTION', 'has 4 planes, but the series is stored in 5 pages', { pages: 5 });
    expect(() => planOmeImage(request([4, 8, 8], {}, { pages: 8 }))).toThrow(
      expect.objectContaining({ code: 'INVALID_DATA', option: 'shape' }),
    );
  });
});

describe('modulo axes', () => {
  it('folds a modulo axis into the T, Z or C right before it', () => {
    const result = plan(request([2, 3, 4, 8, 8], { axes: 'TEZYX', TypeDescription: { E: 'emission' } }));
    expect(result.modulo).toEqual([{ axis: 'E', along: 'T', type: 'lambda', size: 3, typeDescription: 'emission' }]);
    expect([result.sizes.T, result.sizes.Z, result.dimensionOrder]).toEqual([6, 4, 'XYCZT']);
    const xml = single(request([2, 3, 4, 8, 8], { axes: 'TEZYX', TypeDescription: { E: 'emission' } }));
    expect(xml).toContain('<ModuloAlongT Type="lambda" TypeDescription="emission" Start="0" End="2"/>');
  });

  it('uses the next T, Z, C the image does not use otherwise', () => {
    expect(plan(request([3, 8, 8], { axes: 'QYX' })).modulo).toEqual([
      { axis: 'Q', along: 'T', type: 'other', size: 3 },
    ]);
    const rz = plan(request([2, 3, 8, 8], { axes: 'RTYX' }));
    expect(rz.modulo.map((m) => m.along)).toEqual(['Z']);
    expect(rz.dimensionOrder).toBe('XYCTZ');
    const all = plan(request([2, 3, 4, 8, 8], { axes: 'APRYX' }));
    expect(all.modulo.map((m) => [m.axis, m.along, m.type])).toEqual([
      ['A', 'T', 'angle'],
      ['P', 'Z', 'phase'],
      ['R', 'C', 'tile'],
    ]);
    expect([all.dimensionOrder, sizes(all.sizes)]).toEqual(['XYCZT', [8, 8, 3, 4, 2]]);
    expect(plan(request([2, 3, 8, 8], { axes: 'CHYX' })).modulo[0]).toMatchObject({ along: 'C', type: 'lifetime' });
  });

  it('counts one Channel per folded C index (tifffile wrote SizeC/samples too few)', () => {
    const result = plan(request([2, 3, 8, 8], { axes: 'CHYX' }));
    expect([result.sizes.C, result.channels.length, result.planeCount]).toEqual([6, 6, 6]);
  });

  it('rejects a fourth modulo axis, or one with no free T, Z, C', () => {
    for (const axes of ['APRHYX', 'TZCAPYX']) {
      expect(() => planOmeImage(request([1, 1, 1, 1, 1, 8, 8].slice(-axes.length), { axes }))).toThrow(
        expect.objectContaining({ code: 'UNSUPPORTED', option: 'metadata.axes' }),
      );
    }
  });
});

describe('DimensionOrder in metadata', () => {
  it('is used when the axes with more than one plane vary in its order', () => {
    expect(plan(request([2, 3, 8, 8], { axes: 'TCYX', DimensionOrder: 'XYZCT' })).dimensionOrder).toBe('XYZCT');
    // T has one plane, so XYZTC describes the same page order (tifffile rejected this).
    expect(plan(request([1, 3, 8, 8], { axes: 'TCYX', DimensionOrder: 'XYZTC' })).dimensionOrder).toBe('XYZTC');
  });

  it('is rejected when it contradicts the axes, or is not a schema value', () => {
    expect(() => planOmeImage(request([2, 3, 8, 8], { axes: 'TCYX', DimensionOrder: 'XYZTC' }))).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', option: 'metadata.DimensionOrder' }),
    );
    expect(() => planOmeImage(request([8, 8], { DimensionOrder: 'XYZ' }))).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', option: 'metadata.DimensionOrder' }),
    );
  });
});

describe('planes and sizes', () => {
  it("numbers planes by a Fortran-order unravel over the DimensionOrder's last three letters", () => {
    const result = plan(request([2, 3, 8, 8], { axes: 'TCYX', Plane: { DeltaT: [0, 0, 0, 1, 1, 1] } }));
    expect(result.planes.map((p) => p.slice(0, 4).map((a) => a[1]))).toEqual([
      ['0', '0', '0', '0'],
      ['1', '0', '0', '0'],
      ['2', '0', '0', '0'],
      ['0', '0', '1', '1'],
      ['1', '0', '1', '1'],
      ['2', '0', '1', '1'],
    ]);
  });

  it('checks Size* and Type metadata against the data', () => {
    expect(plan(request([4, 8, 16], { axes: 'ZYX', SizeZ: 4, SizeX: '16', Type: 'uint16' })).sizes.X).toBe(16);
    expect(() => planOmeImage(request([4, 8, 16], { axes: 'ZYX', SizeZ: 5 }))).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', option: 'metadata.SizeZ' }),
    );
    expect(() => planOmeImage(request([8, 8], { Type: 'float' }))).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', option: 'metadata.Type' }),
    );
  });

  it('rejects sizes beyond xsd:int and empty or malformed shapes', () => {
    expect(() => planOmeImage(request([2 ** 31, 1]))).toThrow(expect.objectContaining({ code: 'UNSUPPORTED' }));
    expect(() => planOmeImage(request([0, 8, 8]))).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED', option: 'shape' }),
    );
    expect(() => planOmeImage(request([2.5, 8]))).toThrow(expect.objectContaining({ option: 'shape' }));
    expect(() => planOmeImage({ ...request([8, 8]), samples: 0 })).toThrow(
      expect.objectContaining({ option: 'samples' }),
    );
    expect(() => planOmeImage({ ...request([8, 8]), index: -1 })).toThrow(expect.objectContaining({ option: 'index' }));
    expect(() => planOmeImage({ ...request([8, 8]), metadata: [] as never })).toThrow(
      expect.objectContaining({ option: 'metadata' }),
    );
  });
});

describe('data types', () => {
  it.each([
    ['bool', 'bit'],
    ['int8', 'int8'],
    ['uint8', 'uint8'],
    ['int16', 'int16'],
    ['uint16', 'uint16'],
    ['int32', 'int32'],
    ['uint32', 'uint32'],
    ['float32', 'float'],
    ['float64', 'double'],
    ['complex64', 'complex'],
    ['complex128', 'double-complex'],
  ] as const)('%s is Type="%s"', (dtype, type) => {
    expect(single(request([8, 8], {}, { dtype }))).toContain(`DimensionOrder="XYCZT" Type="${type}" SizeX="8"`);
  });

  it.each(['int64', 'uint64', 'float16'] as const)('%s is not supported by OME-TIFF', (dtype) => {
    expect(() => planOmeImage(request([8, 8], {}, { dtype }))).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED', option: 'dtype', message: expect.stringContaining(dtype) }),
    );
  });

  it('rejects names that are not dtypes', () => {
    expect(() => planOmeImage(request([8, 8], {}, { dtype: 'toString' as OmeDType }))).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', option: 'dtype' }),
    );
  });
});

schemaCheckOfProducedDocuments();
