import { invalidOption, OmeError } from './errors.js';
import type { MetaView } from './metadata-view.js';
import { INT32_MAX, type OmeDimensionOrder } from './schema-enums.js';
import { readText } from './values.js';

/**
 * From a shape and its axes to OME's fixed 5-D model (X, Y, Z, C, T + samples), following tifffile's
 * rules so that the same call describes the same image, with its bugs fixed where noted.
 */

export type OmeSizeAxis = 'X' | 'Y' | 'Z' | 'C' | 'T';

/** A modulo axis (A P R H E Q) folded into T, Z or C; written as one ModuloAlong<along> element. */
export interface OmeModulo {
  /** The letter in `axes`. */
  readonly axis: string;
  readonly along: 'T' | 'Z' | 'C';
  readonly type: 'angle' | 'phase' | 'tile' | 'lifetime' | 'lambda' | 'other';
  readonly typeDescription?: string;
  readonly size: number;
}

export interface AxesRequest {
  readonly shape: readonly number[];
  readonly samples: number;
  readonly planar: boolean;
  readonly pages: number;
  /** The caller's `axes` value, `undefined` to infer. */
  readonly axes: unknown;
  readonly axesPath: string;
  readonly dimensionOrder: OmeDimensionOrder | undefined;
  readonly dimensionOrderPath: string;
  readonly typeDescription: MetaView | undefined;
}

export interface AxesLayout {
  /** One letter per shape dimension; samples are always 'S' here. */
  readonly axes: string;
  readonly dimensionOrder: OmeDimensionOrder;
  /** SizeC includes the samples (an RGB image has SizeC 3 and one Channel). */
  readonly sizes: Readonly<Record<OmeSizeAxis, number>>;
  /** Z × C × T with C counted without samples: the number of TIFF pages the image needs. */
  readonly planeCount: number;
  readonly modulo: readonly OmeModulo[];
}

const AXIS_LETTERS = 'TZCYXSAPRHEQ';
const MODULO_TYPES: Readonly<Record<string, OmeModulo['type']>> = {
  A: 'angle',
  P: 'phase',
  R: 'tile',
  H: 'lifetime',
  E: 'lambda',
  Q: 'other',
};

export function resolveAxes(request: AxesRequest): AxesLayout {
  const { shape, samples, axesPath } = request;
  const axes = request.axes === undefined ? inferAxes(request) : checkAxes(request);
  const sampleIndex = axes.indexOf('S');
  if (sampleIndex >= 0 && shape[sampleIndex] !== samples) {
    throw new OmeError(
      'INVALID_OPTION',
      `${axesPath}='${axes}' does not match the stored shape: dimension S has size ${shape[sampleIndex]} but the pages ` +
        `store ${samples} sample(s) per pixel`,
      axesPath,
    );
  }

  const y = axes.indexOf('Y');
  const upper = [...axes.slice(0, sampleIndex >= 0 && sampleIndex < y ? sampleIndex : y)];
  const { order, modulo } = foldModulo(upper, shape, request);
  const sizes: Record<OmeSizeAxis, number> = { X: shape[axes.indexOf('X')] ?? 1, Y: shape[y] ?? 1, Z: 1, C: 1, T: 1 };
  for (const along of ['Z', 'C', 'T'] as const) {
    const at = axes.indexOf(along);
    sizes[along] = (at >= 0 ? (shape[at] ?? 1) : 1) * (modulo.find((m) => m.along === along)?.size ?? 1);
  }
  const planeCount = sizes.Z * sizes.C * sizes.T;
  const dimensionOrder = chooseDimensionOrder(order.reverse().join(''), sizes, request);
  sizes.C *= samples;
  for (const [axis, size] of Object.entries(sizes)) {
    if (size > INT32_MAX) {
      throw new OmeError('UNSUPPORTED', `Size${axis}=${size} exceeds what OME-XML can record (${INT32_MAX})`, axesPath);
    }
  }
  return { axes, dimensionOrder, sizes, planeCount, modulo };
}

/** tifffile's inference: name the page dimensions, then the rest from the end of `TZC`. */
function inferAxes({ shape, samples, planar, pages, dimensionOrder, axesPath }: AxesRequest): string {
  const n = shape.length;
  let base: string;
  if (samples > 1) base = planar ? 'SYX' : 'YXS';
  // A trailing 1 that the writer stored as one contiguous sample (explicit planarConfig 'contig'); when
  // page counts cannot tell, a trailing 1 is a width of 1, as tifffile writes OME/generic data.
  else if (
    n >= 3 &&
    shape[n - 1] === 1 &&
    product(shape.slice(0, -3)) === pages &&
    product(shape.slice(0, -2)) !== pages
  )
    base = 'YXS';
  else if (n === 6 && shape[n - 3] === 1) base = 'SYX';
  else base = 'YX';
  const max = base.includes('S') ? 6 : 5;
  if (n < base.length || n > max) {
    throw new OmeError(
      'UNSUPPORTED',
      `a ${n}-dimensional shape [${shape.join(', ')}] needs ${axesPath}: without it ${base.length} to ${max} ` +
        `dimensions are understood (${base} with leading T, Z, C)`,
      axesPath,
    );
  }
  const leading = [...(dimensionOrder ?? 'XYCZT').slice(2)].reverse().join('');
  return leading.slice(leading.length - (n - base.length)) + base;
}

function checkAxes({ shape, samples, planar, axes: value, axesPath: path }: AxesRequest): string {
  if (typeof value !== 'string') throw invalidOption(path, value, "a string of axis letters such as 'TCYX'");
  const fail = (code: 'INVALID_OPTION' | 'UNSUPPORTED', why: string): never => {
    throw new OmeError(code, `${path}='${value}' ${why}`, path);
  };
  let axes = value.toUpperCase();
  const n = axes.length;
  if (n !== shape.length)
    fail('INVALID_OPTION', `does not match the shape [${shape.join(', ')}]: one letter per dimension`);
  for (const [i, axis] of [...axes].entries()) {
    if (!AXIS_LETTERS.includes(axis)) {
      fail('INVALID_OPTION', `has dimension '${axis}', which OME does not support: use T Z C Y X S or A P R H E Q`);
    }
    if (axes.indexOf(axis) !== i) fail('INVALID_OPTION', `has more than one '${axis}' dimension`);
  }
  if (n > (axes.includes('S') || (samples > 1 && axes.includes('C')) ? 9 : 8)) {
    fail('UNSUPPORTED', 'has more than 8 dimensions (9 with S), which OME cannot describe');
  }
  // Stored samples may be called C instead of S (tifffile accepts 'YXC' for RGB).
  const sampleAt = samples > 1 && planar ? n - 3 : n - 1;
  if (samples > 1) {
    if (n < 3) fail('INVALID_OPTION', `does not match the stored shape: the pages hold ${samples} samples per pixel`);
    const letter = axes[sampleAt];
    if (letter === 'C' && !axes.includes('S')) axes = `${axes.slice(0, sampleAt)}S${axes.slice(sampleAt + 1)}`;
    else if (letter !== 'S') {
      fail(
        'INVALID_OPTION',
        `does not match the stored shape: the ${samples} ${planar ? 'separate' : 'contiguous'} samples are ` +
          `dimension ${sampleAt} ('${letter}'), which must be S (or C)`,
      );
    }
  } else if (axes.endsWith('YXC') && !axes.includes('S') && shape[n - 1] === 1) {
    axes = `${axes.slice(0, -1)}S`;
  }
  if (!axes.endsWith('YX') && !axes.endsWith('YXS')) fail('INVALID_OPTION', 'must end with YX or YXS');
  const s = axes.indexOf('S');
  if (s >= 0 && s !== n - 1 && !(s === n - 3 && axes.endsWith('SYX'))) {
    fail('INVALID_OPTION', 'must have S right after YX (contiguous samples) or right before it (separate samples)');
  }
  return axes;
}

/**
 * Modulo axes join the T, Z or C axis right before them, or else take the next of T, Z, C that the
 * image does not use; OME has no other place for a 6th+ dimension.
 */
function foldModulo(
  upper: readonly string[],
  shape: readonly number[],
  { axesPath, typeDescription }: AxesRequest,
): { order: string[]; modulo: OmeModulo[] } {
  const order: string[] = [];
  const modulo: OmeModulo[] = [];
  upper.forEach((axis, i) => {
    const type = MODULO_TYPES[axis];
    if (type === undefined) {
      order.push(axis);
      return;
    }
    const previous = upper[i - 1];
    let along = (['T', 'Z', 'C'] as const).find((x) => x === previous && !modulo.some((m) => m.along === x));
    if (along === undefined) {
      along = (['T', 'Z', 'C'] as const).find((x) => !order.includes(x) && !upper.includes(x));
      if (along === undefined) {
        throw new OmeError(
          'UNSUPPORTED',
          `${axesPath}: modulo dimension '${axis}' has no T, Z or C dimension left to be folded into`,
          axesPath,
        );
      }
      order.push(along);
    }
    const description = typeDescription?.get(axis);
    modulo.push({
      axis,
      along,
      type,
      size: shape[i] ?? 1,
      ...(description === undefined
        ? {}
        : { typeDescription: readText(description, typeDescription?.path(axis) ?? axis) }),
    });
  });
  return { order, modulo };
}

/**
 * `fastest` lists the page axes fastest-varying first (e.g. 'CT' for TCYX). Without a DimensionOrder in
 * the metadata the first of tifffile's candidates containing it wins, which reproduces its output. A given
 * DimensionOrder must order the axes that have more than one plane the same way (tifffile also compared
 * length-1 axes and rejected valid orders, e.g. XYZTC for TCYX with T=1).
 */
function chooseDimensionOrder(
  fastest: string,
  planeSizes: Readonly<Record<OmeSizeAxis, number>>,
  { dimensionOrder, dimensionOrderPath, axes, axesPath }: AxesRequest,
): OmeDimensionOrder {
  if (dimensionOrder !== undefined) {
    const moving = (text: string): string =>
      [...text].filter((x) => (x === 'T' || x === 'Z' || x === 'C') && planeSizes[x] > 1).join('');
    if (moving(fastest) !== moving(dimensionOrder.slice(2))) {
      throw new OmeError(
        'INVALID_OPTION',
        `${dimensionOrderPath}='${dimensionOrder}' does not match ${axes === undefined ? 'the inferred axes' : axesPath}: ` +
          `its planes vary fastest along ${[...fastest].join(', then ') || 'no axis'}`,
        dimensionOrderPath,
      );
    }
    return dimensionOrder;
  }
  const candidates: readonly OmeDimensionOrder[] = ['XYCZT', 'XYZCT', 'XYZTC', 'XYCTZ', 'XYTCZ', 'XYTZC'];
  // Every ordering of up to three distinct letters of TZC is a substring of one candidate.
  const found = candidates.find((order) => order.includes(fastest));
  if (found === undefined) throw new OmeError('UNSUPPORTED', `no DimensionOrder fits the axes '${fastest}'`, axesPath);
  return found;
}

export function product(values: readonly number[]): number {
  return values.reduce((a, b) => a * b, 1);
}
