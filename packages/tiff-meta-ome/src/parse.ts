import type {
  OmeAnnotationInfo,
  OmeChannelInfo,
  OmeDocument,
  OmeImageInfo,
  OmeModuloInfo,
  OmePixelsInfo,
  OmePlaneInfo,
  OmeTiffDataInfo,
} from './document-info.js';
import { OmeError } from './errors.js';
import {
  boolean,
  children,
  childText,
  id,
  integer,
  integers,
  number,
  numbers,
  optional,
  parseBoolean,
  parseInteger,
  parseNumber,
  refs,
  strings,
} from './tree-values.js';
import { parseXmlTree, type XmlTreeElement } from './xml-tree.js';

/**
 * Reads OME-XML (any schema version with the 2016-06 element names) back into plain data: for append
 * checks, tests and `tiffkit info`. Malformed XML, a root other than <OME>, or required Pixels attributes
 * that are missing or not numbers raise OmeError 'INVALID_DATA'. Unknown elements are ignored.
 */
export function parseOmeXml(xml: string): OmeDocument {
  if (typeof xml !== 'string') throw new OmeError('INVALID_DATA', 'OME-XML must be a string');
  // An ImageDescription may keep its NUL terminator (and tifffile's reserved NUL padding).
  const root = parseXmlTree(xml.replace(/^\uFEFF/, '').replace(/[\0\s]+$/, ''));
  if (root.name !== 'OME') throw new OmeError('INVALID_DATA', `not OME-XML: the root element is <${root.name}>`);
  const annotations = children(root, 'StructuredAnnotations').flatMap((sa) => sa.children.map(readAnnotation));
  const namespace = root.attributes.get('xmlns') ?? root.attributes.get(`xmlns:${prefixOf(xml)}`);
  return {
    ...optional('namespace', namespace),
    ...optional('uuid', root.attributes.get('UUID')),
    ...optional('creator', root.attributes.get('Creator')),
    projects: children(root, 'Project').map((e) => ({
      id: id(e),
      ...strings(e, ['Name']),
      ...optional('description', childText(e, 'Description')),
      datasetRefs: refs(e, 'DatasetRef'),
      annotationRefs: refs(e, 'AnnotationRef'),
    })),
    datasets: children(root, 'Dataset').map((e) => ({
      id: id(e),
      ...strings(e, ['Name']),
      ...optional('description', childText(e, 'Description')),
      imageRefs: refs(e, 'ImageRef'),
      annotationRefs: refs(e, 'AnnotationRef'),
    })),
    experimenters: children(root, 'Experimenter').map((e) => ({
      id: id(e),
      ...strings(e, ['FirstName', 'MiddleName', 'LastName', 'Email', 'Institution', 'UserName']),
      annotationRefs: refs(e, 'AnnotationRef'),
    })),
    images: children(root, 'Image').map((e) => readImage(e, annotations)),
    annotations,
  };
}

function prefixOf(xml: string): string {
  return /<([A-Za-z_][\w.-]*):OME[\s>]/.exec(xml)?.[1] ?? '';
}

function readImage(e: XmlTreeElement, annotations: readonly OmeAnnotationInfo[]): OmeImageInfo {
  const pixelsElement = children(e, 'Pixels')[0];
  if (pixelsElement === undefined) throw new OmeError('INVALID_DATA', `<Image ID="${id(e)}"> has no <Pixels>`);
  const annotationRefs = refs(e, 'AnnotationRef');
  const experimenterRef = refs(e, 'ExperimenterRef')[0];
  return {
    id: id(e),
    ...strings(e, ['Name']),
    ...optional('acquisitionDate', childText(e, 'AcquisitionDate')),
    ...optional('description', childText(e, 'Description')),
    ...optional('experimenterRef', experimenterRef),
    annotationRefs,
    pixels: readPixels(pixelsElement),
    modulo: annotations
      .filter((a) => annotationRefs.includes(a.id) && a.kind === 'XMLAnnotation')
      .filter((a) => a.namespace === 'openmicroscopy.org/omero/dimension/modulo' && typeof a.value === 'string')
      .flatMap((a) => readModulo(a.value as string)),
  };
}

function readPixels(e: XmlTreeElement): OmePixelsInfo {
  const where = `<Pixels ID="${e.attributes.get('ID') ?? ''}">`;
  const size = (axis: string): number => {
    const value = integer(e, `Size${axis}`);
    if (value === undefined) throw new OmeError('INVALID_DATA', `${where} has no Size${axis}`);
    return value;
  };
  const required = (name: string): string => {
    const value = e.attributes.get(name);
    if (value === undefined) throw new OmeError('INVALID_DATA', `${where} has no ${name}`);
    return value;
  };
  return {
    id: id(e),
    dimensionOrder: required('DimensionOrder'),
    type: required('Type'),
    sizeX: size('X'),
    sizeY: size('Y'),
    sizeZ: size('Z'),
    sizeC: size('C'),
    sizeT: size('T'),
    ...optional('interleaved', boolean(e, 'Interleaved')),
    ...optional('significantBits', integer(e, 'SignificantBits')),
    ...optional('bigEndian', boolean(e, 'BigEndian')),
    ...numbers(e, ['PhysicalSizeX', 'PhysicalSizeY', 'PhysicalSizeZ', 'TimeIncrement']),
    ...strings(e, ['PhysicalSizeXUnit', 'PhysicalSizeYUnit', 'PhysicalSizeZUnit', 'TimeIncrementUnit']),
    channels: children(e, 'Channel').map(readChannel),
    tiffData: children(e, 'TiffData').map(readTiffData),
    planes: children(e, 'Plane').map(readPlane),
  };
}

function readChannel(e: XmlTreeElement): OmeChannelInfo {
  return {
    id: id(e),
    ...integers(e, ['SamplesPerPixel', 'Color', 'PockelCellSetting']),
    ...strings(e, ['Name', 'AcquisitionMode', 'ContrastMethod', 'Fluor', 'IlluminationType']),
    ...numbers(e, ['EmissionWavelength', 'ExcitationWavelength', 'PinholeSize']),
    ...strings(e, ['EmissionWavelengthUnit', 'ExcitationWavelengthUnit', 'PinholeSizeUnit']),
    ...optional('ndFilter', number(e, 'NDFilter')),
  };
}

function readTiffData(e: XmlTreeElement): OmeTiffDataInfo {
  const uuid = children(e, 'UUID')[0];
  return {
    ifd: integer(e, 'IFD') ?? 0,
    ...optional('planeCount', integer(e, 'PlaneCount')),
    firstZ: integer(e, 'FirstZ') ?? 0,
    firstT: integer(e, 'FirstT') ?? 0,
    firstC: integer(e, 'FirstC') ?? 0,
    ...optional('uuid', uuid?.text.trim()),
    ...optional('fileName', uuid?.attributes.get('FileName')),
  };
}

function readPlane(e: XmlTreeElement): OmePlaneInfo {
  return {
    theC: integer(e, 'TheC') ?? 0,
    theZ: integer(e, 'TheZ') ?? 0,
    theT: integer(e, 'TheT') ?? 0,
    ...numbers(e, ['DeltaT', 'ExposureTime', 'PositionX', 'PositionY', 'PositionZ']),
    ...strings(e, ['DeltaTUnit', 'ExposureTimeUnit', 'PositionXUnit', 'PositionYUnit', 'PositionZUnit']),
  };
}

function readAnnotation(e: XmlTreeElement): OmeAnnotationInfo {
  const valueElement = children(e, 'Value')[0];
  const text = valueElement?.text;
  let value: OmeAnnotationInfo['value'];
  switch (e.name) {
    case 'MapAnnotation':
      value = children(valueElement, 'M').map((m) => [m.attributes.get('K') ?? '', m.text] as const);
      break;
    case 'XMLAnnotation':
      value = valueElement?.raw;
      break;
    case 'LongAnnotation': {
      const n = text === undefined ? undefined : parseInteger(text, `<LongAnnotation ID="${id(e)}"> Value`);
      value = n === undefined ? undefined : Number.isSafeInteger(Number(n)) ? Number(n) : n;
      break;
    }
    case 'DoubleAnnotation':
      value = text === undefined ? undefined : parseNumber(text, `<DoubleAnnotation ID="${id(e)}"> Value`);
      break;
    case 'BooleanAnnotation':
      value = text === undefined ? undefined : parseBoolean(text, `<BooleanAnnotation ID="${id(e)}"> Value`);
      break;
    default:
      value = text;
  }
  return {
    id: id(e),
    kind: e.name,
    ...optional('namespace', e.attributes.get('Namespace')),
    ...optional('description', childText(e, 'Description')),
    annotationRefs: refs(e, 'AnnotationRef'),
    value,
  };
}

function readModulo(raw: string): OmeModuloInfo[] {
  let value: XmlTreeElement;
  try {
    value = parseXmlTree(`<Value>${raw}</Value>`);
  } catch {
    return [];
  }
  return children(value, 'Modulo').flatMap((modulo) =>
    modulo.children
      .filter((m) => /^ModuloAlong[TZC]$/.test(m.name))
      .map((m) => ({
        along: m.name.slice(-1) as OmeModuloInfo['along'],
        ...optional('type', m.attributes.get('Type')),
        ...optional('typeDescription', m.attributes.get('TypeDescription')),
        ...optional('unit', m.attributes.get('Unit')),
        ...numbers(m, ['Start', 'Step', 'End']),
        labels: children(m, 'Label').map((label) => label.text),
      })),
  );
}
