import type { OmeAnnotationSpec } from './annotations.js';
import type { OmeImagePlan } from './plan.js';
import { element, rawXml, textElement, type XmlElement, type XmlNode } from './xml-builder.js';

/** The <Image>, modulo and annotation elements of an OME document, from validated plans and specs. */

/** The convention Bio-Formats and OMERO read modulo dimensions from (OME "Additions" 2011-09). */
const MODULO_ANNOTATION_NAMESPACE = 'openmicroscopy.org/omero/dimension/modulo';
const MODULO_NAMESPACE = 'http://www.openmicroscopy.org/Schemas/Additions/2011-09';

export type RefsOf = (name: string, ids: readonly string[]) => XmlElement[];

export interface PlacedImage {
  readonly plan: OmeImagePlan;
  readonly ifd: number;
  readonly annotationIds: readonly string[];
  readonly experimenterId: string | undefined;
}

export function imageElement(image: PlacedImage, refs: RefsOf): XmlElement {
  const { plan, ifd } = image;
  const i = plan.index;
  const sizes = [...plan.dimensionOrder].map((axis) => [`Size${axis}`, String(plan.sizes[axis as 'X'])] as const);
  const pixels = element(
    'Pixels',
    [
      ['ID', `Pixels:${i}`],
      ['DimensionOrder', plan.dimensionOrder],
      ['Type', plan.type],
      ...sizes,
      ['Interleaved', plan.interleaved === undefined ? undefined : String(plan.interleaved)],
      ...plan.pixelsAttributes,
    ],
    [
      ...plan.channels.map((attributes, c) =>
        element(
          'Channel',
          [['ID', `Channel:${i}:${c}`], ['SamplesPerPixel', String(plan.samples)], ...attributes],
          [element('LightPath')],
        ),
      ),
      element('TiffData', [
        ['IFD', String(ifd)],
        ['PlaneCount', String(plan.planeCount)],
      ]),
      ...plan.planes.map((attributes) => element('Plane', attributes)),
    ],
  );
  return element(
    'Image',
    [
      ['ID', `Image:${i}`],
      ['Name', plan.name],
    ],
    [
      textElement('AcquisitionDate', plan.acquisitionDate),
      ...refs('ExperimenterRef', image.experimenterId === undefined ? [] : [image.experimenterId]),
      textElement('Description', plan.description),
      pixels,
      ...refs('AnnotationRef', image.annotationIds),
    ],
  );
}

/** All modulo axes of one image in one XMLAnnotation, as Bio-Formats and tifffile write them. */
export function moduloAnnotation(plan: OmeImagePlan): (id: string) => XmlElement {
  const along = plan.modulo.map((m) =>
    element(`ModuloAlong${m.along}`, [
      ['Type', m.type],
      ['TypeDescription', m.typeDescription],
      ['Start', '0'],
      ['End', String(m.size - 1)],
    ]),
  );
  return (id) =>
    element(
      'XMLAnnotation',
      [
        ['ID', id],
        ['Namespace', MODULO_ANNOTATION_NAMESPACE],
      ],
      [element('Value', [], [element('Modulo', [['namespace', MODULO_NAMESPACE]], along)])],
    );
}

export function annotationElement(id: string, spec: OmeAnnotationSpec): XmlElement {
  let value: XmlNode;
  if (typeof spec.value !== 'string') {
    value = element(
      'Value',
      [],
      spec.value.map(([key, text]) => element('M', [['K', key]], [{ kind: 'text', text }])),
    );
  } else if (spec.kind === 'XMLAnnotation') {
    value = element('Value', [], [rawXml(spec.value)]);
  } else {
    value = element('Value', [], [{ kind: 'text', text: spec.value }]);
  }
  return element(
    spec.kind,
    [
      ['ID', id],
      ['Namespace', spec.namespace],
    ],
    [textElement('Description', spec.description), value],
  );
}
