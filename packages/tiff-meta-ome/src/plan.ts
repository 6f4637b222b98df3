import type { OmeAnnotationSpec, OmeWarning } from './annotations.js';
import { readAnnotations } from './annotations.js';
import { type AxesLayout, type OmeModulo, resolveAxes } from './axes.js';
import { CHANNEL_FIELDS, PLANE_FIELDS, readPerEntry } from './entries.js';
import { describeValue, invalidOption, OmeError } from './errors.js';
import { type OmeExperimenterLink, type OmeGroupSpec, readDataset, readExperimenterLink } from './groups.js';
import { imageView, type MetaView } from './metadata-view.js';
import { type OmeDType, omePixelType } from './pixel-type.js';
import { DIMENSION_ORDERS, type OmeDimensionOrder, type OmePixelType } from './schema-enums.js';
import { isDict, readDateTime, readEnum, readFloat, readInteger, readText, readUnit } from './values.js';
import type { XmlAttribute } from './xml-builder.js';

export interface OmeImageRequest {
  /** The series shape as the caller passed it. */
  readonly shape: readonly number[];
  readonly dtype: OmeDType;
  /** Samples per pixel as stored in the TIFF and whether they are planar (separate) — from the writer's layout. */
  readonly samples: number;
  readonly planar: boolean;
  /** Number of TIFF pages (IFDs) the series occupies in the main chain. */
  readonly pages: number;
  /** The write() call's metadata. */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Image number in the file (for Image:<i> IDs and list-indexed metadata). */
  readonly index: number;
}

/** Everything one <Image> needs, validated and formatted; plain data, so it can be inspected or logged. */
export interface OmeImagePlan {
  readonly index: number;
  readonly name: string;
  readonly acquisitionDate?: string;
  readonly description?: string;
  /** The resolved axes, one letter per shape dimension (samples as S). */
  readonly axes: string;
  readonly type: OmePixelType;
  readonly dimensionOrder: OmeDimensionOrder;
  readonly sizes: AxesLayout['sizes'];
  readonly samples: number;
  /** `true` for contiguous samples, `false` for planar ones, absent for one sample per pixel. */
  readonly interleaved?: boolean;
  /** Pages the image occupies: Z × C × T (C without samples). */
  readonly planeCount: number;
  readonly modulo: readonly OmeModulo[];
  /** Pixels attributes after ID, DimensionOrder, Type, Size* and Interleaved, in writing order. */
  readonly pixelsAttributes: readonly XmlAttribute[];
  /** One entry per <Channel> (SizeC / samples): attributes after ID and SamplesPerPixel. */
  readonly channels: readonly (readonly XmlAttribute[])[];
  /** One entry per page when Plane metadata was given (TheC, TheZ, TheT first), else empty. */
  readonly planes: readonly (readonly XmlAttribute[])[];
  /** `undefined`: join the previous Dataset; `null`: none. */
  readonly dataset: OmeGroupSpec | null | undefined;
  readonly experimenter?: OmeExperimenterLink;
  readonly annotations: readonly OmeAnnotationSpec[];
  /** Reported through the document's `onWarning` when the image is added. */
  readonly warnings: readonly OmeWarning[];
}

/**
 * Validates and resolves one image at write() time, before any pixel data is written, so that every
 * problem surfaces as an error naming the metadata key (tifffile only finds most of them at close()).
 */
export function planOmeImage(request: OmeImageRequest): OmeImagePlan {
  checkRequest(request);
  const { type, bits } = omePixelType(request.dtype);
  const view = imageView(request.metadata, request.index);
  const warnings: OmeWarning[] = [];

  const givenType = view.get('Type');
  if (givenType !== undefined && givenType !== type) {
    throw new OmeError(
      'INVALID_OPTION',
      `${view.path('Type')}=${describeValue(givenType)} does not match the data type '${request.dtype}' (OME '${type}')`,
      view.path('Type'),
    );
  }
  const dimensionOrderValue = view.get('DimensionOrder');
  const dimensionOrder =
    dimensionOrderValue === undefined
      ? undefined
      : (readEnum(dimensionOrderValue, view.path('DimensionOrder'), DIMENSION_ORDERS) as OmeDimensionOrder);
  const axesValue = view.get('axes') ?? request.metadata['axes'];
  const axesPath = view.has('axes') ? view.path('axes') : 'metadata.axes';
  const layout = resolveAxes({
    shape: request.shape,
    samples: request.samples,
    planar: request.planar,
    pages: request.pages,
    axes: axesValue,
    axesPath,
    dimensionOrder,
    dimensionOrderPath: view.path('DimensionOrder'),
    typeDescription: view.child('TypeDescription'),
  });
  if (layout.planeCount !== request.pages) {
    const given = axesValue !== undefined;
    throw new OmeError(
      given ? 'INVALID_OPTION' : 'INVALID_DATA',
      `shape [${request.shape.join(', ')}] with axes '${layout.axes}' has ${layout.planeCount} planes, but the ` +
        `series is stored in ${request.pages} pages (shape does not match stored shape)`,
      given ? axesPath : 'shape',
    );
  }
  for (const axis of ['X', 'Y', 'Z', 'C', 'T'] as const) {
    const given = view.get(`Size${axis}`);
    if (given !== undefined && Number(given) !== layout.sizes[axis]) {
      throw new OmeError(
        'INVALID_OPTION',
        `${view.path(`Size${axis}`)}=${describeValue(given)} does not match the data: Size${axis} is ${layout.sizes[axis]}`,
        view.path(`Size${axis}`),
      );
    }
  }

  const name = view.get('Name');
  const acquisitionDate = view.get('AcquisitionDate');
  const description = view.get('Description');
  const experimenter = readExperimenterLink(view, warnings);
  const plane = view.get('Plane');
  return {
    index: request.index,
    name: name === undefined ? `Image${request.index}` : readText(name, view.path('Name')),
    ...(acquisitionDate === undefined
      ? {}
      : { acquisitionDate: readDateTime(acquisitionDate, view.path('AcquisitionDate')) }),
    ...(description === undefined ? {} : { description: readText(description, view.path('Description')) }),
    axes: layout.axes,
    type,
    dimensionOrder: layout.dimensionOrder,
    sizes: layout.sizes,
    samples: request.samples,
    ...(request.samples > 1 ? { interleaved: !request.planar } : {}),
    planeCount: layout.planeCount,
    modulo: layout.modulo,
    pixelsAttributes: pixelsAttributes(view, bits),
    channels: readPerEntry(
      view.get('Channel'),
      view.path('Channel'),
      layout.sizes.C / request.samples,
      'channel',
      CHANNEL_FIELDS,
    ),
    planes: hasEntries(plane) ? planes(plane, view.path('Plane'), layout) : [],
    dataset: readDataset(view, warnings),
    ...(experimenter === undefined ? {} : { experimenter }),
    annotations: readAnnotations(view, warnings),
    warnings,
  };
}

function checkRequest({ shape, samples, planar, pages, metadata, index }: OmeImageRequest): void {
  if (!Array.isArray(shape) || shape.some((n) => !Number.isSafeInteger(n) || n < 0)) {
    throw invalidOption('shape', shape, 'a list of non-negative integers');
  }
  if (shape.length < 2)
    throw new OmeError(
      'INVALID_DATA',
      `OME images need 2 dimensions at least, got shape [${shape.join(', ')}]`,
      'shape',
    );
  if (shape.includes(0))
    throw new OmeError('UNSUPPORTED', `OME-XML cannot describe an empty image of shape [${shape.join(', ')}]`, 'shape');
  if (!Number.isSafeInteger(samples) || samples < 1) throw invalidOption('samples', samples, 'a positive integer');
  if (typeof planar !== 'boolean') throw invalidOption('planar', planar, 'true or false');
  if (!Number.isSafeInteger(pages) || pages < 0) throw invalidOption('pages', pages, 'a non-negative integer');
  if (!Number.isSafeInteger(index) || index < 0) throw invalidOption('index', index, 'a non-negative integer');
  if (!isDict(metadata)) throw invalidOption('metadata', metadata, 'an object');
}

function pixelsAttributes(view: MetaView, bits: number): XmlAttribute[] {
  const attributes: XmlAttribute[] = [];
  const add = (name: string, read: (value: unknown, path: string) => string): void => {
    const value = view.get(name);
    if (value !== undefined && value !== null) attributes.push([name, read(value, view.path(name))]);
  };
  add('SignificantBits', (v, p) => readInteger(v, p, 1, bits));
  for (const axis of ['X', 'Y', 'Z']) {
    add(`PhysicalSize${axis}`, (v, p) => readFloat(v, p, { positive: true }));
    add(`PhysicalSize${axis}Unit`, (v, p) => readUnit(v, p, 'length'));
  }
  add('TimeIncrement', readFloat);
  add('TimeIncrementUnit', (v, p) => readUnit(v, p, 'time'));
  return attributes;
}

/** tifffile writes Plane elements only for non-empty Plane metadata. */
function hasEntries(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return isDict(value) && Object.keys(value).length > 0;
}

/** Page p's C, Z and T: an unravel of p over DimensionOrder[2:] with the first letter varying fastest. */
function planes(value: unknown, path: string, layout: AxesLayout): XmlAttribute[][] {
  const sizes: Record<string, number> = { ...layout.sizes, C: layout.planeCount / (layout.sizes.Z * layout.sizes.T) };
  const extra = readPerEntry(value, path, layout.planeCount, 'plane', PLANE_FIELDS);
  return extra.map((attributes, page) => {
    const at: Record<string, number> = {};
    let rest = page;
    for (const axis of layout.dimensionOrder.slice(2)) {
      const size = sizes[axis] ?? 1;
      at[axis] = rest % size;
      rest = Math.floor(rest / size);
    }
    return [['TheC', String(at['C'])], ['TheZ', String(at['Z'])], ['TheT', String(at['T'])], ...attributes];
  });
}
