import { afterEach, describe, expect, it, vi } from 'vitest';
import { OmeXml, parseOmeXml, planOmeImage } from '../src/index.js';
import { render, request, schemaCheckOfProducedDocuments, single, UUID } from './helpers/ome.js';

const invalid = (option: string, message?: string) =>
  expect.objectContaining({
    code: 'INVALID_OPTION',
    option,
    ...(message === undefined ? {} : { message: expect.stringContaining(message) }),
  });

describe('where image metadata is looked up', () => {
  it('reads the OME sub-dict, its Image dict, and merges a Pixels dict over it (ignoring its ID)', () => {
    const metadata = { OME: { Image: { Name: 'outer', Pixels: { ID: 'Pixels:99', PhysicalSizeX: 0.5 } } } };
    const xml = single(request([8, 8], metadata));
    expect(xml).toContain('<Image ID="Image:0" Name="outer"><Pixels ID="Pixels:0" ');
    expect(xml).toContain('SizeT="1" PhysicalSizeX="0.5">');
  });

  it('indexes a list of image dicts by image number', () => {
    const metadata = { Image: [{ Name: 'a' }, { Name: 'b', Pixels: { PhysicalSizeX: -1 } }] };
    expect(planOmeImage(request([8, 8], metadata, { index: 0 })).name).toBe('a');
    expect(() => planOmeImage(request([8, 8], metadata, { index: 1 }))).toThrow(
      invalid('metadata.Image[1].Pixels.PhysicalSizeX', 'a positive finite number'),
    );
    expect(() => planOmeImage(request([8, 8], metadata, { index: 2 }))).toThrow(
      invalid('metadata.Image', 'there is none for image 2'),
    );
    expect(() => planOmeImage(request([8, 8], { Image: [5] }))).toThrow(invalid('metadata.Image[0]'));
  });
});

describe('Image and Pixels values', () => {
  it('writes Name, AcquisitionDate, Description and Pixels attributes in schema order', () => {
    const metadata = {
      Name: 42,
      AcquisitionDate: '2024-05-01T12:30:00.5+02:00',
      Description: 'two\nlines\tand µ',
      SignificantBits: 12,
      PhysicalSizeX: 0.325,
      PhysicalSizeXUnit: 'µm',
      PhysicalSizeY: '0.325',
      PhysicalSizeYUnit: 'um',
      PhysicalSizeZ: 1e-7,
      PhysicalSizeZUnit: 'm',
      TimeIncrement: 2.5,
      TimeIncrementUnit: 'ms',
    };
    const xml = single(request([3, 8, 8], { ...metadata, axes: 'ZYX' }));
    expect(xml).toContain(
      '<Image ID="Image:0" Name="42"><AcquisitionDate>2024-05-01T12:30:00.5+02:00</AcquisitionDate>' +
        '<Description>two\nlines\tand µ</Description><Pixels ID="Pixels:0" DimensionOrder="XYCZT" Type="uint16" ' +
        'SizeX="8" SizeY="8" SizeC="1" SizeZ="3" SizeT="1" SignificantBits="12" PhysicalSizeX="0.325" ' +
        'PhysicalSizeXUnit="µm" PhysicalSizeY="0.325" PhysicalSizeYUnit="µm" PhysicalSizeZ="1e-7" ' +
        'PhysicalSizeZUnit="m" TimeIncrement="2.5" TimeIncrementUnit="ms">',
    );
  });

  it('writes a Date as ISO text', () => {
    const xml = single(request([8, 8], { AcquisitionDate: new Date(Date.UTC(2020, 1, 29, 23, 59, 58)) }));
    expect(xml).toContain('<AcquisitionDate>2020-02-29T23:59:58.000Z</AcquisitionDate>');
  });

  it.each([
    ['AcquisitionDate', '2024-05-01 12:30:00', 'xsd:dateTime'],
    ['AcquisitionDate', new Date(Number.NaN), 'xsd:dateTime'],
    ['SignificantBits', 17, 'from 1 to 16'],
    ['SignificantBits', 0, 'from 1 to 16'],
    ['PhysicalSizeX', 0, 'positive'],
    ['PhysicalSizeX', Number.POSITIVE_INFINITY, 'positive finite'],
    ['PhysicalSizeX', '1,5', 'positive finite'],
    ['PhysicalSizeXUnit', 'microns', "'µm'"],
    ['PhysicalSizeYUnit', 's', 'length unit'],
    ['TimeIncrement', Number.NaN, 'finite number'],
    ['TimeIncrementUnit', 'sec', 'time unit'],
    ['Name', { first: 'x' }, 'a string'],
    ['Description', ['a'], 'a string'],
  ])('rejects %s=%j naming the key', (key, value, message) => {
    expect(() => planOmeImage(request([8, 8], { [key]: value }))).toThrow(invalid(`metadata.${key}`, message));
  });

  it('maps the micro and angstrom spellings people type to the schema symbols', () => {
    const xml = single(
      request([8, 8], { PhysicalSizeXUnit: '\u03bcm', PhysicalSizeYUnit: '\u212b', TimeIncrementUnit: 'us' }),
    );
    expect(xml).toContain('PhysicalSizeXUnit="µm" PhysicalSizeYUnit="Å" TimeIncrementUnit="µs"');
  });
});

describe('Channel metadata', () => {
  it('takes a dict of per-channel lists, with scalars applying to every channel', () => {
    const Channel = {
      Name: ['DAPI', 'GFP'],
      Color: [0xff0000ff, -1],
      EmissionWavelength: [461, 509.5],
      EmissionWavelengthUnit: 'nm',
      ExcitationWavelength: [358, 488],
      AcquisitionMode: 'WideField',
      ContrastMethod: ['Fluorescence', null],
      Fluor: ['DAPI', 'EGFP'],
      IlluminationType: 'Epifluorescence',
      NDFilter: 0.5,
      PinholeSize: [1, 1.5],
      PinholeSizeUnit: 'µm',
      PockelCellSetting: 3,
    };
    const xml = single(request([2, 8, 8], { Channel }));
    expect(xml).toContain(
      '<Channel ID="Channel:0:0" SamplesPerPixel="1" Name="DAPI" AcquisitionMode="WideField" Color="-16776961" ' +
        'ContrastMethod="Fluorescence" EmissionWavelength="461" EmissionWavelengthUnit="nm" ' +
        'ExcitationWavelength="358" Fluor="DAPI" IlluminationType="Epifluorescence" NDFilter="0.5" ' +
        'PinholeSize="1" PinholeSizeUnit="µm" PockelCellSetting="3"><LightPath/></Channel>' +
        '<Channel ID="Channel:0:1" SamplesPerPixel="1" Name="GFP" AcquisitionMode="WideField" Color="-1" ' +
        'EmissionWavelength="509.5" EmissionWavelengthUnit="nm" ExcitationWavelength="488" Fluor="EGFP" ' +
        'IlluminationType="Epifluorescence" NDFilter="0.5" PinholeSize="1.5" PinholeSizeUnit="µm" ' +
        'PockelCellSetting="3"><LightPath/></Channel>',
    );
  });

  it('takes a list of dicts, one per channel', () => {
    const xml = single(request([2, 8, 8], { Channel: [{ Name: 'a', Color: 65535 }, null] }));
    expect(xml).toContain(
      '<Channel ID="Channel:0:0" SamplesPerPixel="1" Name="a" Color="65535"><LightPath/></Channel>' +
        '<Channel ID="Channel:0:1" SamplesPerPixel="1"><LightPath/></Channel>',
    );
  });

  it('names one RGB channel', () => {
    const xml = single(request([8, 8, 3], { Channel: { Name: 'brightfield' } }, { dtype: 'uint8', samples: 3 }));
    expect(xml).toContain('<Channel ID="Channel:0:0" SamplesPerPixel="3" Name="brightfield"><LightPath/></Channel>');
  });

  it('rejects lists whose length is not the channel count, instead of truncating them', () => {
    expect(() => planOmeImage(request([3, 8, 8], { Channel: { Name: ['a', 'b'] } }))).toThrow(
      invalid('metadata.Channel.Name', 'has 2 entries but the image has 3 channels'),
    );
    expect(() => planOmeImage(request([3, 8, 8], { Channel: [{}, {}, {}, {}] }))).toThrow(
      invalid('metadata.Channel', 'has 4 entries'),
    );
  });

  it.each([
    [{ AcquisitionMode: ['WideField', 'Confocal'] }, 'metadata.Channel.AcquisitionMode[1]'],
    [{ ContrastMethod: 'DIC ' }, 'metadata.Channel.ContrastMethod'],
    [{ IlluminationType: 'epifluorescence' }, 'metadata.Channel.IlluminationType'],
    [{ Color: 2 ** 32 }, 'metadata.Channel.Color'],
    [{ Color: 1.5 }, 'metadata.Channel.Color'],
    [{ EmissionWavelength: [500, 0] }, 'metadata.Channel.EmissionWavelength[1]'],
    [{ ExcitationWavelengthUnit: 'nanometer' }, 'metadata.Channel.ExcitationWavelengthUnit'],
    [{ PockelCellSetting: 2 ** 31 }, 'metadata.Channel.PockelCellSetting'],
  ])('rejects %j naming the entry', (Channel, option) => {
    expect(() => planOmeImage(request([2, 8, 8], { Channel }))).toThrow(invalid(option));
  });

  it('names the dict entry in the list form', () => {
    expect(() => planOmeImage(request([2, 8, 8], { Channel: [{}, { AcquisitionMode: 'x' }] }))).toThrow(
      invalid('metadata.Channel[1].AcquisitionMode'),
    );
    expect(() => planOmeImage(request([2, 8, 8], { Channel: 'DAPI' }))).toThrow(invalid('metadata.Channel'));
  });
});

describe('Plane metadata', () => {
  it('writes one Plane per page with per-plane lists, typed arrays and shared units', () => {
    const Plane = {
      DeltaT: new Float64Array([0, 0.5, 1, 1.5]),
      DeltaTUnit: 's',
      ExposureTime: [10, 10, 20, 20],
      ExposureTimeUnit: 'ms',
      PositionX: -1.25,
      PositionXUnit: 'mm',
      PositionY: [0, 0, 0, 0],
      PositionZ: 3,
      PositionZUnit: 'reference frame',
    };
    const xml = single(request([2, 2, 8, 8], { axes: 'TZYX', Plane }));
    const planes = parseOmeXml(xml).images[0]?.pixels.planes;
    expect(planes?.map((p) => [p.theC, p.theZ, p.theT, p.deltaT, p.exposureTime])).toEqual([
      [0, 0, 0, 0, 10],
      [0, 1, 0, 0.5, 10],
      [0, 0, 1, 1, 20],
      [0, 1, 1, 1.5, 20],
    ]);
    expect(xml).toContain(
      '<Plane TheC="0" TheZ="1" TheT="0" DeltaT="0.5" DeltaTUnit="s" ExposureTime="10" ExposureTimeUnit="ms" ' +
        'PositionX="-1.25" PositionXUnit="mm" PositionY="0" PositionZ="3" PositionZUnit="reference frame"/>',
    );
  });

  it('takes a list of dicts, and writes no Plane for empty Plane metadata', () => {
    expect(single(request([2, 8, 8], { Plane: [{ DeltaT: 0 }, { DeltaT: 1 }] }))).toContain(
      '<Plane TheC="0" TheZ="0" TheT="0" DeltaT="0"/><Plane TheC="1" TheZ="0" TheT="0" DeltaT="1"/>',
    );
    expect(single(request([2, 8, 8], { Plane: {} }))).not.toContain('<Plane');
    expect(single(request([2, 8, 8], { Plane: [] }))).not.toContain('<Plane');
  });

  it('rejects per-plane lists of the wrong length and bad values', () => {
    expect(() => planOmeImage(request([3, 8, 8], { Plane: { DeltaT: [0, 1] } }))).toThrow(
      invalid('metadata.Plane.DeltaT', 'has 2 entries but the image has 3 planes'),
    );
    expect(() => planOmeImage(request([2, 8, 8], { Plane: { ExposureTimeUnit: 'msec' } }))).toThrow(
      invalid('metadata.Plane.ExposureTimeUnit'),
    );
    expect(() => planOmeImage(request([2, 8, 8], { Plane: { PositionX: [0, 'left'] } }))).toThrow(
      invalid('metadata.Plane.PositionX[1]'),
    );
  });
});

describe('StructuredAnnotations', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('writes every supported kind in the shapes tifffile takes, keeping false, 0 and empty text', () => {
    const metadata = {
      BooleanAnnotation: [true, false, 'true'],
      DoubleAnnotation: [0, -1.5e-10, Number.POSITIVE_INFINITY, Number.NaN],
      LongAnnotation: [0, -(2 ** 53), 9223372036854775807n, '-9223372036854775808'],
      CommentAnnotation: ['', { Value: 'with description', Description: 'why', Namespace: 'urn:example:notes' }],
      MapAnnotation: [
        { key: 'value', n: 1, yes: true },
        {
          Namespace: 'openmicroscopy.org/omero/client/mapAnnotation',
          Value: [
            ['k', 'v1'],
            ['k', 'v2'],
          ],
        },
      ],
      XMLAnnotation: '<data xmlns="urn:example"><x a="1">2</x></data>',
    };
    const xml = single(request([8, 8], metadata));
    const annotations = xml.slice(xml.indexOf('<StructuredAnnotations>'));
    expect(annotations).toBe(
      '<StructuredAnnotations>' +
        '<BooleanAnnotation ID="Annotation:0"><Value>true</Value></BooleanAnnotation>' +
        '<BooleanAnnotation ID="Annotation:1"><Value>false</Value></BooleanAnnotation>' +
        '<BooleanAnnotation ID="Annotation:2"><Value>true</Value></BooleanAnnotation>' +
        '<DoubleAnnotation ID="Annotation:3"><Value>0</Value></DoubleAnnotation>' +
        '<DoubleAnnotation ID="Annotation:4"><Value>-1.5e-10</Value></DoubleAnnotation>' +
        '<DoubleAnnotation ID="Annotation:5"><Value>INF</Value></DoubleAnnotation>' +
        '<DoubleAnnotation ID="Annotation:6"><Value>NaN</Value></DoubleAnnotation>' +
        '<LongAnnotation ID="Annotation:7"><Value>0</Value></LongAnnotation>' +
        '<LongAnnotation ID="Annotation:8"><Value>-9007199254740992</Value></LongAnnotation>' +
        '<LongAnnotation ID="Annotation:9"><Value>9223372036854775807</Value></LongAnnotation>' +
        '<LongAnnotation ID="Annotation:10"><Value>-9223372036854775808</Value></LongAnnotation>' +
        '<CommentAnnotation ID="Annotation:11"><Value></Value></CommentAnnotation>' +
        '<CommentAnnotation ID="Annotation:12" Namespace="urn:example:notes"><Description>why</Description>' +
        '<Value>with description</Value></CommentAnnotation>' +
        '<MapAnnotation ID="Annotation:13"><Value><M K="key">value</M><M K="n">1</M><M K="yes">true</M></Value>' +
        '</MapAnnotation>' +
        '<MapAnnotation ID="Annotation:14" Namespace="openmicroscopy.org/omero/client/mapAnnotation"><Value>' +
        '<M K="k">v1</M><M K="k">v2</M></Value></MapAnnotation>' +
        '<XMLAnnotation ID="Annotation:15"><Value><data xmlns="urn:example"><x a="1">2</x></data></Value>' +
        '</XMLAnnotation></StructuredAnnotations></OME>',
    );
    expect(xml).toContain(
      `</Pixels>${Array.from({ length: 16 }, (_, i) => `<AnnotationRef ID="Annotation:${i}"/>`).join('')}</Image>`,
    );
    const parsed = parseOmeXml(xml);
    expect(parsed.annotations.map((a) => a.value)).toEqual([
      true,
      false,
      true,
      0,
      -1.5e-10,
      Number.POSITIVE_INFINITY,
      Number.NaN,
      0,
      -9007199254740992n, // beyond Number.MAX_SAFE_INTEGER: a bigint
      9223372036854775807n,
      -9223372036854775808n,
      '',
      'with description',
      [
        ['key', 'value'],
        ['n', '1'],
        ['yes', 'true'],
      ],
      [
        ['k', 'v1'],
        ['k', 'v2'],
      ],
      '<data xmlns="urn:example"><x a="1">2</x></data>',
    ]);
  });

  it('uses a StructuredAnnotations dict instead of top-level keys when given', () => {
    const xml = single(
      request([8, 8], { CommentAnnotation: 'ignored', StructuredAnnotations: { CommentAnnotation: 'used' } }),
    );
    expect(xml).toContain('<Value>used</Value>');
    expect(xml).not.toContain('ignored');
  });

  it('skips File/List/Timestamp/Tag/Term annotations with a warning', () => {
    const warnings: [string, string][] = [];
    const metadata = { TagAnnotation: 'x', TimestampAnnotation: '2024-01-01T00:00:00', CommentAnnotation: 'kept' };
    const doc = new OmeXml(metadata, { uuid: UUID, onWarning: (code, message) => warnings.push([code, message]) });
    doc.addImage(planOmeImage(request([8, 8], metadata)), { ifd: 0, planeCount: 1 });
    expect(warnings).toEqual([
      ['ome-annotation-skipped', 'metadata.TagAnnotation is not supported by tiffkit and was not written'],
      ['ome-annotation-skipped', 'metadata.TimestampAnnotation is not supported by tiffkit and was not written'],
    ]);
    const xml = render(doc);
    expect(xml).toContain('<CommentAnnotation ID="Annotation:0"><Value>kept</Value></CommentAnnotation>');
    expect(xml).not.toContain('TagAnnotation');
  });

  it('warns once per message, through console.warn by default', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const metadata = { Project: { Name: 'p', FileAnnotation: 'f.txt' }, Experimenter: { ListAnnotation: [1] } };
    const doc = new OmeXml(metadata, { uuid: UUID });
    doc.addImage(planOmeImage(request([8, 8], metadata)), { ifd: 0, planeCount: 1 });
    expect(warn.mock.calls.map((call) => call[0])).toEqual([
      'tiffkit (ome-annotation-skipped): metadata.Project.FileAnnotation is not supported by tiffkit and was not written',
      'tiffkit (ome-annotation-skipped): metadata.Experimenter.ListAnnotation is not supported by tiffkit and was not written',
    ]);
    render(doc);
  });

  it('annotates Projects, Datasets and Experimenters too', () => {
    const metadata = {
      Project: { Name: 'p', MapAnnotation: { a: 'b' } },
      Experimenter: { UserName: 'u', LongAnnotation: 7 },
      Dataset: { Name: 'd', DoubleAnnotation: 0.5 },
    };
    const doc = new OmeXml(metadata, { uuid: UUID });
    doc.addImage(planOmeImage(request([8, 8], metadata)), { ifd: 0, planeCount: 1 });
    const parsed = parseOmeXml(render(doc));
    expect(parsed.projects[0]?.annotationRefs).toEqual(['Annotation:0']);
    expect(parsed.experimenters[0]?.annotationRefs).toEqual(['Annotation:1']);
    expect(parsed.datasets[0]?.annotationRefs).toEqual(['Annotation:2']);
    expect(parsed.images[0]?.annotationRefs).toEqual([]);
    expect(parsed.annotations.map((a) => [a.kind, a.value])).toEqual([
      ['MapAnnotation', [['a', 'b']]],
      ['LongAnnotation', 7],
      ['DoubleAnnotation', 0.5],
    ]);
  });

  it.each([
    [{ BooleanAnnotation: 'yes' }, 'metadata.BooleanAnnotation'],
    [{ DoubleAnnotation: 'abc' }, 'metadata.DoubleAnnotation'],
    [{ LongAnnotation: 2 ** 64 }, 'metadata.LongAnnotation'],
    [{ LongAnnotation: [1, 1.5] }, 'metadata.LongAnnotation[1]'],
    [{ LongAnnotation: 2n ** 63n }, 'metadata.LongAnnotation'],
    [{ CommentAnnotation: { Namespace: 'x' } }, 'metadata.CommentAnnotation'],
    [{ MapAnnotation: 'a=b' }, 'metadata.MapAnnotation'],
    [{ MapAnnotation: { a: { nested: 1 } } }, 'metadata.MapAnnotation.a'],
    [{ MapAnnotation: { Value: [['k']] } }, 'metadata.MapAnnotation.Value[0]'],
    [{ XMLAnnotation: 5 }, 'metadata.XMLAnnotation'],
    [{ CommentAnnotation: { Value: 'x', Namespace: 'has space' } }, 'metadata.CommentAnnotation.Namespace'],
    [{ CommentAnnotation: { Value: 'x', Namespace: 'a"b' } }, 'metadata.CommentAnnotation.Namespace'],
    [{ CommentAnnotation: { Value: 'x', Namespace: '<urn>' } }, 'metadata.CommentAnnotation.Namespace'],
    [{ CommentAnnotation: { Value: 'x', Namespace: 'urn:%zz' } }, 'metadata.CommentAnnotation.Namespace'],
    [{ CommentAnnotation: { Value: 'x', Namespace: 'x[1]' } }, 'metadata.CommentAnnotation.Namespace'],
    [{ MapAnnotation: { Namespace: 7, a: 'b' } }, 'metadata.MapAnnotation.Namespace'],
    [{ StructuredAnnotations: 'x' }, 'metadata.StructuredAnnotations'],
  ])('rejects %o naming the key', (metadata, option) => {
    expect(() => planOmeImage(request([8, 8], metadata))).toThrow(invalid(option));
  });
});

describe('document-level groups', () => {
  it('rejects malformed Project, Experimenter and Dataset values', () => {
    expect(() => new OmeXml({ Project: 'p' })).toThrow(invalid('metadata.Project'));
    expect(() => new OmeXml({ Project: [{ Name: 'a' }, 3] })).toThrow(invalid('metadata.Project[1]'));
    expect(() => new OmeXml({ Experimenter: { Email: ['a@b'] } })).toThrow(invalid('metadata.Experimenter.Email'));
    expect(() => planOmeImage(request([8, 8], { Dataset: 'd' }))).toThrow(invalid('metadata.Dataset'));
    expect(() => planOmeImage(request([8, 8], { Experimenter: -1 }))).toThrow(invalid('metadata.Experimenter'));
  });
});

schemaCheckOfProducedDocuments();
