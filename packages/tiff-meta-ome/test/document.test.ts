import { describe, expect, it } from 'vitest';
import { OmeError, OmeXml, parseOmeXml, planOmeImage } from '../src/index.js';
import { body, HEAD, render, request, schemaCheckOfProducedDocuments, single, TAIL, UUID } from './helpers/ome.js';

const channel = (i: number, c: number, samples = 1): string =>
  `<Channel ID="Channel:${i}:${c}" SamplesPerPixel="${samples}"><LightPath/></Channel>`;

describe('verified tifffile examples, byte for byte', () => {
  it('writes the minimal 16×16 uint16 document', () => {
    expect(single(request([16, 16]))).toBe(
      `${HEAD}<Image ID="Image:0" Name="Image0"><Pixels ID="Pixels:0" DimensionOrder="XYCZT" Type="uint16" ` +
        'SizeX="16" SizeY="16" SizeC="1" SizeZ="1" SizeT="1"><Channel ID="Channel:0:0" SamplesPerPixel="1">' +
        `<LightPath/></Channel><TiffData IFD="0" PlaneCount="1"/></Pixels></Image>${TAIL}`,
    );
  });

  it('orders TCYX as XYZCT, sizes in that order, one Channel per C', () => {
    expect(body(single(request([2, 3, 16, 16], { axes: 'TCYX' })))).toBe(
      '<Image ID="Image:0" Name="Image0"><Pixels ID="Pixels:0" DimensionOrder="XYZCT" Type="uint16" ' +
        'SizeX="16" SizeY="16" SizeZ="1" SizeC="3" SizeT="2">' +
        `${channel(0, 0)}${channel(0, 1)}${channel(0, 2)}<TiffData IFD="0" PlaneCount="6"/></Pixels></Image>`,
    );
  });

  it.each([
    ['ZCYX', [4, 3, 16, 16], 'SizeC="3" SizeZ="4" SizeT="1"', 3, 12],
    ['CYX', [3, 16, 16], 'SizeC="3" SizeZ="1" SizeT="1"', 3, 3],
    ['YX', [16, 16], 'SizeC="1" SizeZ="1" SizeT="1"', 1, 1],
  ] as const)('orders %s as XYCZT', (axes, shape, sizes, channels, planes) => {
    const expected =
      `<Image ID="Image:0" Name="Image0"><Pixels ID="Pixels:0" DimensionOrder="XYCZT" Type="uint16" ` +
      `SizeX="16" SizeY="16" ${sizes}>${Array.from({ length: channels }, (_, c) => channel(0, c)).join('')}` +
      `<TiffData IFD="0" PlaneCount="${planes}"/></Pixels></Image>`;
    expect(body(single(request(shape, { axes })))).toBe(expected);
    // The same shape without axes infers the same thing: a 3-D stack is channels, 4-D is ZCYX.
    expect(body(single(request(shape)))).toBe(expected);
  });

  it('orders ZTCSYX (separate samples) as XYCTZ with Interleaved="false"', () => {
    const xml = single(request([2, 3, 4, 3, 16, 16], { axes: 'ZTCSYX' }, { samples: 3, planar: true }));
    expect(body(xml)).toBe(
      '<Image ID="Image:0" Name="Image0"><Pixels ID="Pixels:0" DimensionOrder="XYCTZ" Type="uint16" ' +
        'SizeX="16" SizeY="16" SizeC="12" SizeT="3" SizeZ="2" Interleaved="false">' +
        `${[0, 1, 2, 3].map((c) => channel(0, c, 3)).join('')}<TiffData IFD="0" PlaneCount="24"/></Pixels></Image>`,
    );
  });

  it('folds (3,5,16,16) EPYX into T (lambda) and Z (phase) with one modulo XMLAnnotation', () => {
    expect(body(single(request([3, 5, 16, 16], { axes: 'EPYX' })))).toBe(
      '<Image ID="Image:0" Name="Image0"><Pixels ID="Pixels:0" DimensionOrder="XYCZT" Type="uint16" ' +
        `SizeX="16" SizeY="16" SizeC="1" SizeZ="5" SizeT="3">${channel(0, 0)}<TiffData IFD="0" PlaneCount="15"/>` +
        '</Pixels><AnnotationRef ID="Annotation:0"/></Image><StructuredAnnotations>' +
        '<XMLAnnotation ID="Annotation:0" Namespace="openmicroscopy.org/omero/dimension/modulo"><Value>' +
        '<Modulo namespace="http://www.openmicroscopy.org/Schemas/Additions/2011-09">' +
        '<ModuloAlongT Type="lambda" Start="0" End="2"/><ModuloAlongZ Type="phase" Start="0" End="4"/>' +
        '</Modulo></Value></XMLAnnotation></StructuredAnnotations>',
    );
  });

  it('counts TiffData IFDs across images: 0/1, 1/4, 5/6', () => {
    const doc = new OmeXml({}, { uuid: UUID });
    const shapes = [
      [16, 16],
      [4, 8, 8],
      [2, 3, 8, 8],
    ];
    let ifd = 0;
    shapes.forEach((shape, index) => {
      const plan = planOmeImage(request(shape, { axes: ['YX', 'ZYX', 'TCYX'][index] }, { index }));
      doc.addImage(plan, { ifd, planeCount: plan.planeCount });
      ifd += plan.planeCount;
    });
    const xml = render(doc);
    expect([...xml.matchAll(/<TiffData [^>]*>/g)].map((m) => m[0])).toEqual([
      '<TiffData IFD="0" PlaneCount="1"/>',
      '<TiffData IFD="1" PlaneCount="4"/>',
      '<TiffData IFD="5" PlaneCount="6"/>',
    ]);
    expect([...xml.matchAll(/<Image ID="([^"]+)" Name="([^"]+)"/g)].map((m) => [m[1], m[2]])).toEqual([
      ['Image:0', 'Image0'],
      ['Image:1', 'Image1'],
      ['Image:2', 'Image2'],
    ]);
    expect(xml).toContain('<Channel ID="Channel:2:2" SamplesPerPixel="1">');
  });

  it('leaves room for pages it does not describe (e.g. other series written generically)', () => {
    const doc = new OmeXml({}, { uuid: UUID });
    const first = planOmeImage(request([16, 16]));
    doc.addImage(first, { ifd: 0, planeCount: 1 });
    doc.addImage(planOmeImage(request([16, 16], {}, { index: 1 })), { ifd: 7, planeCount: 1 });
    expect(render(doc)).toContain('<TiffData IFD="7" PlaneCount="1"/>');
  });
});

describe('RGB and samples', () => {
  it('writes contiguous RGB as one Channel with SamplesPerPixel 3 and Interleaved="true"', () => {
    const xml = single(request([32, 48, 3], {}, { dtype: 'uint8', samples: 3 }));
    expect(body(xml)).toBe(
      '<Image ID="Image:0" Name="Image0"><Pixels ID="Pixels:0" DimensionOrder="XYCZT" Type="uint8" ' +
        `SizeX="48" SizeY="32" SizeC="3" SizeZ="1" SizeT="1" Interleaved="true">${channel(0, 0, 3)}` +
        '<TiffData IFD="0" PlaneCount="1"/></Pixels></Image>',
    );
  });

  it('writes a time series of RGB frames (TYXS)', () => {
    const xml = single(request([5, 32, 48, 3], { axes: 'TYXS' }, { dtype: 'uint8', samples: 3 }));
    expect(xml).toContain('DimensionOrder="XYCZT" Type="uint8" SizeX="48" SizeY="32" SizeC="3" SizeZ="1" SizeT="5"');
    expect(xml).toContain('<TiffData IFD="0" PlaneCount="5"/>');
  });

  it('accepts C in place of S for stored samples (YXC, CYX planar)', () => {
    expect(single(request([8, 8, 4], { axes: 'YXC' }, { dtype: 'uint8', samples: 4 }))).toContain(
      'SizeC="4" SizeZ="1" SizeT="1" Interleaved="true"><Channel ID="Channel:0:0" SamplesPerPixel="4">',
    );
    expect(single(request([3, 8, 8], { axes: 'CYX' }, { samples: 3, planar: true }))).toContain(
      'SizeC="3" SizeZ="1" SizeT="1" Interleaved="false"><Channel ID="Channel:0:0" SamplesPerPixel="3">',
    );
  });
});

describe('document level', () => {
  it('takes Creator and UUID from metadata over options, and a UUID after its last colon', () => {
    const doc = new OmeXml(
      { Creator: 'my app 2.0', UUID: 'urn:uuid:12345678-1234-1234-1234-123456789ABC' },
      { creator: 'tiffkit 9', uuid: UUID },
    );
    expect(doc.uuid).toBe('urn:uuid:12345678-1234-1234-1234-123456789ABC');
    expect(doc.creator).toBe('my app 2.0');
    expect(render(doc)).toContain('UUID="urn:uuid:12345678-1234-1234-1234-123456789ABC" Creator="my app 2.0"/>');
    expect(new OmeXml({}, { creator: 'tiffkit 0.1.0' }).creator).toBe('tiffkit 0.1.0');
    expect(new OmeXml({ OME: { Creator: 'nested' } }).creator).toBe('nested');
  });

  it('makes a random version-4 UUID per document by default', () => {
    const a = new OmeXml();
    const b = new OmeXml();
    expect(a.uuid).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.uuid).not.toBe(b.uuid);
    expect(render(a)).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><OME [^>]*\/>$/);
  });

  it('falls back to getRandomValues where randomUUID is missing (insecure browser contexts)', () => {
    const crypto = globalThis.crypto;
    const calls: number[] = [];
    Object.defineProperty(globalThis, 'crypto', {
      configurable: true,
      value: {
        getRandomValues: (a: Uint8Array) => {
          calls.push(a.length);
          return a.fill(0xff);
        },
      },
    });
    try {
      expect(new OmeXml().uuid).toBe('urn:uuid:ffffffff-ffff-4fff-bfff-ffffffffffff');
      expect(calls).toEqual([16]);
    } finally {
      Object.defineProperty(globalThis, 'crypto', { configurable: true, value: crypto });
    }
  });

  it('rejects malformed UUIDs and creators naming the key', () => {
    expect(() => new OmeXml({ UUID: 'not-a-uuid' })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', option: 'metadata.UUID' }),
    );
    expect(() => new OmeXml({}, { uuid: '1234' })).toThrow(expect.objectContaining({ option: 'options.uuid' }));
    expect(() => new OmeXml({ Creator: { name: 'x' } })).toThrow(
      expect.objectContaining({ option: 'metadata.Creator' }),
    );
    expect(() => new OmeXml({ OME: 'x' })).toThrow(expect.objectContaining({ option: 'metadata.OME' }));
  });

  it('writes Projects, Datasets and Experimenters with references, in schema order', () => {
    const metadata = {
      Project: { Name: 'Screen 7', Description: 'all of it', CommentAnnotation: 'project note' },
      Experimenter: [
        { FirstName: 'Ada', LastName: 'Lovelace', Email: 'ada@example.org', Institution: 'AE' },
        { UserName: 'bob' },
      ],
      Dataset: { Name: 'day 1', Description: 'first', BooleanAnnotation: false },
      Name: 'first',
    };
    const doc = new OmeXml(metadata, { uuid: UUID });
    doc.addImage(planOmeImage(request([8, 8], metadata)), { ifd: 0, planeCount: 1 });
    // Dataset omitted: joins the previous one; Experimenter by index.
    doc.addImage(planOmeImage(request([8, 8], { Name: 'second', Experimenter: 1 }, { index: 1 })), {
      ifd: 1,
      planeCount: 1,
    });
    // Dataset null: in no dataset.
    doc.addImage(planOmeImage(request([8, 8], { Name: 'third', Dataset: null }, { index: 2 })), {
      ifd: 2,
      planeCount: 1,
    });
    const xml = render(doc);
    expect(body(xml).replace(/<Image ID.*<\/Image>/, '<Image…/>')).toBe(
      '<Project ID="Project:0" Name="Screen 7"><Description>all of it</Description><DatasetRef ID="Dataset:0"/>' +
        '<AnnotationRef ID="Annotation:0"/></Project>' +
        '<Dataset ID="Dataset:0" Name="day 1"><Description>first</Description><ImageRef ID="Image:0"/>' +
        '<ImageRef ID="Image:1"/><AnnotationRef ID="Annotation:1"/></Dataset>' +
        '<Experimenter ID="Experimenter:0" FirstName="Ada" LastName="Lovelace" Email="ada@example.org" ' +
        'Institution="AE"/><Experimenter ID="Experimenter:1" UserName="bob"/>' +
        '<Image…/>' +
        '<StructuredAnnotations><CommentAnnotation ID="Annotation:0"><Value>project note</Value></CommentAnnotation>' +
        '<BooleanAnnotation ID="Annotation:1"><Value>false</Value></BooleanAnnotation></StructuredAnnotations>',
    );
    expect(xml).toContain('<Image ID="Image:0" Name="first"><ExperimenterRef ID="Experimenter:0"/><Pixels');
    expect(xml).toContain('<Image ID="Image:1" Name="second"><ExperimenterRef ID="Experimenter:1"/><Pixels');
    expect(xml).toContain('<Image ID="Image:2" Name="third"><Pixels');
  });

  it('adds an experimenter first named by a later image, and reuses equal ones', () => {
    const doc = new OmeXml({ Experimenter: { FirstName: 'Ada' } }, { uuid: UUID });
    doc.addImage(planOmeImage(request([8, 8], { Experimenter: { FirstName: 'Ada' } })), { ifd: 0, planeCount: 1 });
    doc.addImage(planOmeImage(request([8, 8], { Experimenter: { FirstName: 'Bob' } }, { index: 1 })), {
      ifd: 1,
      planeCount: 1,
    });
    const parsed = parseOmeXml(render(doc));
    expect(parsed.experimenters.map((e) => [e.id, e.firstName])).toEqual([
      ['Experimenter:0', 'Ada'],
      ['Experimenter:1', 'Bob'],
    ]);
    expect(parsed.images.map((i) => i.experimenterRef)).toEqual(['Experimenter:0', 'Experimenter:1']);
  });

  it('links no Dataset to any Project when there are several Projects', () => {
    const metadata = { Project: [{ Name: 'a' }, { Name: 'b' }], Dataset: { Name: 'd' } };
    const doc = new OmeXml(metadata, { uuid: UUID });
    doc.addImage(planOmeImage(request([8, 8], metadata)), { ifd: 0, planeCount: 1 });
    const xml = render(doc);
    expect(xml).toContain(
      '<Project ID="Project:0" Name="a"/><Project ID="Project:1" Name="b"/><Dataset ID="Dataset:0"',
    );
  });

  it('starts a new Dataset for every Dataset dict, as tifffile does', () => {
    const doc = new OmeXml({}, { uuid: UUID });
    for (const index of [0, 1]) {
      doc.addImage(planOmeImage(request([8, 8], { Dataset: { Name: 'same' } }, { index })), {
        ifd: index,
        planeCount: 1,
      });
    }
    expect(parseOmeXml(render(doc)).datasets.map((d) => [d.id, d.imageRefs])).toEqual([
      ['Dataset:0', ['Image:0']],
      ['Dataset:1', ['Image:1']],
    ]);
  });
});

describe('addImage checks', () => {
  const plan = planOmeImage(request([4, 8, 8]));

  it('rejects a series whose page count changed after planning (e.g. contiguous appends)', () => {
    const doc = new OmeXml();
    expect(() => doc.addImage(plan, { ifd: 0, planeCount: 5 })).toThrow(
      expect.objectContaining({ code: 'INVALID_DATA', message: expect.stringContaining('shape does not match') }),
    );
    expect(doc.imageCount).toBe(0);
  });

  it('rejects images out of order, overlapping IFD ranges and bad IFD numbers', () => {
    const doc = new OmeXml();
    expect(() => doc.addImage(planOmeImage(request([8, 8], {}, { index: 1 })), { ifd: 0, planeCount: 1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_DATA', option: 'index' }),
    );
    doc.addImage(plan, { ifd: 0, planeCount: 4 });
    const next = planOmeImage(request([8, 8], {}, { index: 1 }));
    expect(() => doc.addImage(next, { ifd: 3, planeCount: 1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_DATA', option: 'placement.ifd' }),
    );
    expect(() => doc.addImage(next, { ifd: -1, planeCount: 1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', option: 'placement.ifd' }),
    );
    expect(() => doc.addImage(next, { ifd: 2 ** 31, planeCount: 1 })).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED' }),
    );
    doc.addImage(next, { ifd: 4, planeCount: 1 });
    expect(doc.imageCount).toBe(2);
  });

  it('rejects an Experimenter index the document does not have, leaving the document unchanged', () => {
    const doc = new OmeXml({}, { uuid: UUID });
    const bad = planOmeImage(request([8, 8], { Experimenter: 2, Dataset: { Name: 'x' } }));
    expect(() => doc.addImage(bad, { ifd: 0, planeCount: 1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', option: 'metadata.Experimenter' }),
    );
    expect(render(doc)).toBe(`${HEAD.slice(0, -1)}/>`);
  });

  it('throws OmeError instances', () => {
    try {
      new OmeXml({ UUID: 1 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(OmeError);
      expect(error).toBeInstanceOf(Error);
      expect((error as OmeError).name).toBe('OmeError');
    }
  });
});

schemaCheckOfProducedDocuments();
