import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type DType, type DTypeName, DTypes, nativeByteOrder, type TypedArray } from '@tiffkit/tiff-core';
import FileSystemStore from '@zarrita/storage/fs';
import * as zarr from 'zarrita';
import { CliError } from '../errors.js';
import { type ArraySource, type PhysicalSize, pageGeometry, type SourceHints } from '../source.js';
import { ngffHints } from './ngff.js';

/** A directory is a Zarr v2 or v3 node (array or group), possibly OME-Zarr. */
export function isZarrDirectory(path: string): boolean {
  return ['.zarray', '.zgroup', '.zattrs', 'zarr.json'].some((name) => existsSync(join(path, name)));
}

type AnyArray = zarr.Array<zarr.DataType, FileSystemStore>;

/**
 * A Zarr array read through zarrita: a band is one `get` of the rows it covers, which decodes each
 * chunk that intersects it. `bandRows` suggests reading a chunk row at a time, so that chunks taller
 * than a tile are decoded once, not once per tile row.
 */
export class ZarrSource implements ArraySource {
  readonly byteOrder = nativeByteOrder;

  constructor(
    readonly name: string,
    private readonly array: AnyArray,
    readonly dtype: DType,
    readonly hints: SourceHints,
    readonly levels: readonly ArraySource[] = [],
  ) {}

  get shape(): readonly number[] {
    return this.array.shape;
  }

  /** Rows per chunk along the page's length axis. */
  preferredBandRows(pageDims: number): number {
    return this.array.chunks[this.array.shape.length - pageDims] ?? 1;
  }

  async readBand(frame: number, y0: number, y1: number, pageDims: number): Promise<TypedArray> {
    const shape = this.array.shape;
    const lead = shape.slice(0, shape.length - pageDims);
    const index: number[] = [];
    let rest = frame;
    for (let axis = lead.length - 1; axis >= 0; axis--) {
      index.unshift(rest % (lead[axis] as number));
      rest = Math.floor(rest / (lead[axis] as number));
    }
    const selection = [...index, zarr.slice(y0, y1), ...new Array(pageDims - 1).fill(null)];
    const chunk = await zarr.get(this.array, selection);
    const { width, samples } = pageGeometry(shape, pageDims);
    const expected = (y1 - y0) * width * samples;
    const data = chunk.data as unknown;
    // zarrita returns C-order results; bool comes as its BoolArray view over bytes.
    if (data instanceof zarr.BoolArray) {
      return new Uint8Array((data as unknown as { buffer: ArrayBuffer }).buffer, 0, expected);
    }
    return data as TypedArray;
  }

  async close(): Promise<void> {}
}

const ZARR_DTYPES: Record<string, DTypeName> = {
  bool: 'bool',
  int8: 'int8',
  uint8: 'uint8',
  int16: 'int16',
  uint16: 'uint16',
  int32: 'int32',
  uint32: 'uint32',
  int64: 'int64',
  uint64: 'uint64',
  float32: 'float32',
  float64: 'float64',
};

function dtypeOf(array: AnyArray, name: string): DType {
  const dtype = ZARR_DTYPES[array.dtype as string];
  if (!dtype)
    throw new CliError(`${name}: Zarr dtype ${array.dtype} cannot be converted (zarrita reads it as ${array.dtype})`);
  return DTypes[dtype];
}

async function openArray(location: zarr.Location<FileSystemStore>, name: string): Promise<AnyArray> {
  try {
    return (await zarr.open(location, { kind: 'array' })) as AnyArray;
  } catch (error) {
    throw new CliError(`${name}: not a Zarr array (${error instanceof Error ? error.message : error})`);
  }
}

/**
 * A local Zarr v2/v3 directory: a plain array (axes from `dimension_names` or xarray's
 * `_ARRAY_DIMENSIONS`), or an OME-Zarr image (NGFF 0.4 or 0.5) whose first multiscale is the series
 * and whose other datasets are its pyramid levels, with axes, units, scales and channels as hints.
 */
export async function openZarr(path: string): Promise<ArraySource> {
  const store = new FileSystemStore(path);
  const root = zarr.root(store);
  let node: AnyArray | zarr.Group<FileSystemStore>;
  try {
    node = (await zarr.open(root)) as AnyArray | zarr.Group<FileSystemStore>;
  } catch (error) {
    throw new CliError(`${path}: cannot open as Zarr (${error instanceof Error ? error.message : error})`);
  }
  if (node instanceof zarr.Array) {
    const names = (node.dimensionNames ?? (node.attrs['_ARRAY_DIMENSIONS'] as string[] | undefined)) as
      | (string | null)[]
      | undefined;
    const hints: SourceHints = {};
    const axes = names?.map((n) => axisLetter(n ?? '')).join('');
    if (axes && axes.length === node.shape.length && !axes.includes('?')) hints.axes = axes;
    return new ZarrSource(path, node, dtypeOf(node, path), hints);
  }
  const ngff = ngffHints(node.attrs, path);
  const first = ngff.datasets[0] as string;
  const main = await openArray(root.resolve(first), `${path}/${first}`);
  const dtype = dtypeOf(main, path);
  const levels: ArraySource[] = [];
  for (const dataset of ngff.datasets.slice(1)) {
    const level = await openArray(root.resolve(dataset), `${path}/${dataset}`);
    const sameFrames = main.shape.slice(0, -2).every((n, i) => n === level.shape[i]);
    if (!sameFrames || level.shape.length !== main.shape.length) {
      // SubIFD levels reduce only the rows and columns: a level that also halves Z or C cannot be one.
      process.stderr.write(
        `tiffkit: warning: ${path}/${dataset}: shape [${level.shape.join(', ')}] reduces more than Y and X; its level is left out\n`,
      );
      continue;
    }
    levels.push(new ZarrSource(`${path}/${dataset}`, level, dtypeOf(level, path), {}));
  }
  return new ZarrSource(path, main, dtype, ngff.hints, levels);
}

/** An NGFF/xarray axis name as tifffile's axis letter; '?' for names it has no letter for. */
export function axisLetter(name: string): string {
  const lower = name.toLowerCase();
  if (['t', 'time'].includes(lower)) return 'T';
  if (['c', 'channel', 'channels', 'band'].includes(lower)) return 'C';
  if (['z', 'y', 'x'].includes(lower)) return lower.toUpperCase();
  if (['s', 'sample', 'samples', 'rgb'].includes(lower)) return 'S';
  return lower.length === 1 ? lower.toUpperCase() : '?';
}

export type { PhysicalSize };
