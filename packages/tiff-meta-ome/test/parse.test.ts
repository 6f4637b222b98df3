import { describe, expect, it } from 'vitest';
import { isOmeXml, OmeXml, parseOmeXml, planOmeImage } from '../src/index.js';
import { HEAD, render, request, schemaCheckOfProducedDocuments, single, UUID } from './helpers/ome.js';

const NS = 'http://www.openmicroscopy.org/Schemas/OME/2016-06';

describe('parseOmeXml reads tiffkit documents back', () => {
  it('returns the document as plain data', () => {
    const metadata = {
      axes: 'TCYX',
      Name: 'cells',
      Description: 'two channels',
      AcquisitionDate: '2024-01-02T03:04:05',
      PhysicalSizeX: 0.325,
      PhysicalSizeXUnit: 'µm',
      PhysicalSizeY: 0.325,
      TimeIncrement: 30,
      TimeIncrementUnit: 's',
      SignificantBits: 12,
      Channel: { Name: ['DAPI', 'GFP'], Color: [-16776961, 16711935], EmissionWavelength: [461, 509] },
      Plane: { DeltaT: [0, 0, 30, 30], ExposureTime: 0.1 },
    };
    const doc = parseOmeXml(single(request([2, 2, 16, 32], metadata)));
    expect(doc).toEqual({
      namespace: NS,
      uuid: `urn:uuid:${UUID}`,
      creator: 'tiffkit',
      projects: [],
      datasets: [],
      experimenters: [],
      annotations: [],
      images: [
        {
          id: 'Image:0',
          name: 'cells',
          acquisitionDate: '2024-01-02T03:04:05',
          description: 'two channels',
          annotationRefs: [],
          modulo: [],
          pixels: {
            id: 'Pixels:0',
            dimensionOrder: 'XYZCT',
            type: 'uint16',
            sizeX: 32,
            sizeY: 16,
            sizeZ: 1,
            sizeC: 2,
            sizeT: 2,
            significantBits: 12,
            physicalSizeX: 0.325,
            physicalSizeY: 0.325,
            timeIncrement: 30,
            physicalSizeXUnit: 'µm',
            timeIncrementUnit: 's',
            channels: [
              { id: 'Channel:0:0', samplesPerPixel: 1, color: -16776961, name: 'DAPI', emissionWavelength: 461 },
              { id: 'Channel:0:1', samplesPerPixel: 1, color: 16711935, name: 'GFP', emissionWavelength: 509 },
            ],
            tiffData: [{ ifd: 0, planeCount: 4, firstZ: 0, firstT: 0, firstC: 0 }],
            planes: [
              { theC: 0, theZ: 0, theT: 0, deltaT: 0, exposureTime: 0.1 },
              { theC: 1, theZ: 0, theT: 0, deltaT: 0, exposureTime: 0.1 },
              { theC: 0, theZ: 0, theT: 1, deltaT: 30, exposureTime: 0.1 },
              { theC: 1, theZ: 0, theT: 1, deltaT: 30, exposureTime: 0.1 },
            ],
          },
        },
      ],
    });
  });

  it('reads interleaved RGB and modulo axes', () => {
    const rgb = parseOmeXml(single(request([8, 8, 3], {}, { dtype: 'uint8', samples: 3 }))).images[0];
    expect([rgb?.pixels.interleaved, rgb?.pixels.channels[0]?.samplesPerPixel]).toEqual([true, 3]);
    const modulo = parseOmeXml(single(request([3, 5, 8, 8], { axes: 'EPYX', TypeDescription: { P: 'FLIM' } })));
    expect(modulo.images[0]?.modulo).toEqual([
      { along: 'T', type: 'lambda', start: 0, end: 2, labels: [] },
      { along: 'Z', type: 'phase', typeDescription: 'FLIM', start: 0, end: 4, labels: [] },
    ]);
    expect(modulo.annotations[0]?.kind).toBe('XMLAnnotation');
  });

  it('reads several images with their IFD ranges', () => {
    const doc = new OmeXml({}, { uuid: UUID });
    doc.addImage(planOmeImage(request([3, 8, 8])), { ifd: 0, planeCount: 3 });
    doc.addImage(planOmeImage(request([8, 8], {}, { index: 1 })), { ifd: 3, planeCount: 1 });
    const images = parseOmeXml(render(doc)).images;
    expect(images.map((i) => [i.id, i.pixels.tiffData[0]?.ifd, i.pixels.tiffData[0]?.planeCount])).toEqual([
      ['Image:0', 0, 3],
      ['Image:1', 3, 1],
    ]);
  });
});

describe('parseOmeXml reads OME-XML from other writers', () => {
  const prefixed = `\uFEFF<?xml version="1.0" encoding="UTF-8"?>
<!-- written by hand -->
<ome:OME xmlns:ome="http://www.openmicroscopy.org/Schemas/OME/2015-01"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" UUID="urn:uuid:${UUID}">
  <ome:Image ID="Image:0" Name="a&#10;b&#x9;c&amp;d
e">
    <ome:Description><![CDATA[<raw> & ]]>&amp;&#169;\r\nend</ome:Description>
    <ome:Pixels ID="Pixels:0" DimensionOrder="XYZTC" Type="float" BigEndian="1" Interleaved="false"
                SizeX="4" SizeY=" 4 " SizeZ="2" SizeC="1" SizeT="1" PhysicalSizeZ="INF">
      <ome:Channel ID="Channel:0:0" NDFilter="-1.5E2"/>
      <ome:TiffData IFD="3" FirstZ="1" PlaneCount="1">
        <ome:UUID FileName="other.ome.tif">urn:uuid:${UUID}</ome:UUID>
      </ome:TiffData>
      <ome:TiffData/>
    </ome:Pixels>
  </ome:Image>
  <ome:StructuredAnnotations>
    <ome:TagAnnotation ID="Annotation:0"><ome:Value>tag</ome:Value></ome:TagAnnotation>
    <ome:LongAnnotation ID="Annotation:1"><ome:Value> 12 </ome:Value></ome:LongAnnotation>
    <ome:FileAnnotation ID="Annotation:2"><ome:BinaryFile FileName="f" Size="0"/></ome:FileAnnotation>
  </ome:StructuredAnnotations>
</ome:OME>\0\0\0`;

  it('handles prefixes, pretty-printing, CDATA, references, line ends, defaults and trailing NULs', () => {
    const doc = parseOmeXml(prefixed);
    expect(doc.namespace).toBe('http://www.openmicroscopy.org/Schemas/OME/2015-01');
    expect(doc.creator).toBeUndefined();
    const image = doc.images[0];
    // Character references survive; a literal newline in an attribute is normalised to a space.
    expect(image?.name).toBe('a\nb\tc&d e');
    expect(image?.description).toBe('<raw> & &©\nend');
    expect(image?.pixels).toMatchObject({
      dimensionOrder: 'XYZTC',
      type: 'float',
      bigEndian: true,
      interleaved: false,
      sizeY: 4,
      physicalSizeZ: Number.POSITIVE_INFINITY,
      channels: [{ id: 'Channel:0:0', ndFilter: -150 }],
      tiffData: [
        { ifd: 3, planeCount: 1, firstZ: 1, firstT: 0, firstC: 0, uuid: `urn:uuid:${UUID}`, fileName: 'other.ome.tif' },
        { ifd: 0, firstZ: 0, firstT: 0, firstC: 0 },
      ],
    });
    expect(doc.annotations.map((a) => [a.kind, a.value])).toEqual([
      ['TagAnnotation', 'tag'],
      ['LongAnnotation', 12],
      ['FileAnnotation', undefined],
    ]);
  });

  it.each([
    ['', 'not well-formed'],
    ['hello', 'not well-formed'],
    ['<OME><Image></OME>', 'not well-formed'],
    ['<OME/><OME/>', 'not well-formed'],
    ['<Root xmlns="x"/>', 'the root element is <Root>'],
    ['<OME><Image ID="Image:0"/></OME>', 'has no <Pixels>'],
    [
      '<OME><Image ID="Image:0"><Pixels ID="P" DimensionOrder="XYZCT" Type="uint8" SizeY="1" SizeZ="1" SizeC="1" SizeT="1"/></Image></OME>',
      'has no SizeX',
    ],
    [
      '<OME><Image ID="Image:0"><Pixels ID="P" DimensionOrder="XYZCT" Type="uint8" SizeX="a" SizeY="1" SizeZ="1" SizeC="1" SizeT="1"/></Image></OME>',
      'not an integer',
    ],
    [
      '<OME><Image ID="Image:0"><Pixels ID="P" Type="uint8" SizeX="1" SizeY="1" SizeZ="1" SizeC="1" SizeT="1"/></Image></OME>',
      'has no DimensionOrder',
    ],
    ['<OME Creator="&nbsp;"/>', 'entity'],
    ['<OME Creator="&#0;"/>', 'entity'],
    ['<OME>\u0001</OME>', 'U+0001'],
    ['<!DOCTYPE OME [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><OME Creator="&b;"/>', 'DOCTYPE'],
    [
      '<OME><StructuredAnnotations><DoubleAnnotation ID="A:0"><Value>x</Value></DoubleAnnotation></StructuredAnnotations></OME>',
      'not a number',
    ],
    [
      '<OME><StructuredAnnotations><BooleanAnnotation ID="A:0"><Value>yes</Value></BooleanAnnotation></StructuredAnnotations></OME>',
      'not a boolean',
    ],
  ])('rejects %j', (xml, message) => {
    expect(() => parseOmeXml(xml)).toThrow(
      expect.objectContaining({ code: 'INVALID_DATA', message: expect.stringContaining(message) }),
    );
  });

  it('rejects what is not a string', () => {
    expect(() => parseOmeXml(5 as unknown as string)).toThrow(expect.objectContaining({ code: 'INVALID_DATA' }));
  });
});

describe('isOmeXml', () => {
  const ours = new OmeXml({}, { uuid: UUID });
  ours.addImage(planOmeImage(request([8, 8])), { ifd: 0, planeCount: 1 });
  const xml = render(ours);

  it.each([
    ['a tiffkit document', xml],
    ['with NUL padding', `${xml}\0\0\0\0`],
    ['without declaration, pretty-printed', `<OME xmlns="${NS}">\n  <Image/>\n</OME>\n`],
    ['with a comment and a prefix', `<?xml version="1.0"?><!-- x --><ome:OME xmlns:ome="${NS}"></ome:OME>`],
    ['an older schema', '<OME xmlns="http://www.openmicroscopy.org/Schemas/OME/2012-06"></OME>'],
    ['an empty root element', `<?xml version="1.0"?><OME xmlns="${NS}"/>\0`],
  ])('accepts %s', (_, text) => {
    expect(isOmeXml(text)).toBe(true);
  });

  it.each([
    ['an ImageJ description', 'ImageJ=1.11a\nimages=1\n'],
    ['shaped JSON', '{"shape": [8, 8]}'],
    ['another XML root', `<?xml version="1.0"?><OMEX xmlns="${NS}"></OMEX>`],
    ['OME without its namespace', '<OME></OME>'],
    ['a truncated document', xml.slice(0, -3)],
    ['an empty root followed by more', `<OME xmlns="${NS}"/><Image/>`],
    ['an empty string', ''],
    ['not a string', 42],
  ])('rejects %s', (_, text) => {
    expect(isOmeXml(text as string)).toBe(false);
  });

  it('agrees with the document HEAD used in these tests', () => {
    expect(isOmeXml(`${HEAD}</OME>`)).toBe(true);
  });
});

schemaCheckOfProducedDocuments();
