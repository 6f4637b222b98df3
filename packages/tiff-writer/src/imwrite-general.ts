import { type DType, parseDType } from '@tiffkit/tiff-core/dtype.js';
import { invalidOption } from '@tiffkit/tiff-core/errors.js';
import type { ArrayLike, FileTarget, OpenOptions, WriteData, WriteOptions, WriteResult } from './options.js';
import { BIGTIFF_THRESHOLD } from './plan/auto-bigtiff.js';
import { isUncompressed } from './plan/compression.js';
import { TiffWriter } from './writer.js';

const FILE_OPTIONS = [
  'mode',
  'bigtiff',
  'byteorder',
  'append',
  'kind',
  'imagej',
  'ome',
  'shaped',
  'onWarning',
] as const;

function declaredDType(data: WriteData, options: WriteOptions): { dtype?: DType; byteOrder?: '<' | '>' } {
  const spec =
    data !== null && data !== undefined && typeof data === 'object' && 'data' in data
      ? ((data as ArrayLike).dtype ?? options.dtype)
      : options.dtype;
  if (spec === undefined || spec === null) return {};
  const parsed = parseDType(spec);
  return parsed.byteOrder ? { dtype: parsed.dtype, byteOrder: parsed.byteOrder } : { dtype: parsed.dtype };
}

function dataSize(data: WriteData, options: WriteOptions, dtype: DType | undefined): number {
  if (data === null || data === undefined) {
    return options.shape && dtype ? options.shape.reduce((a, b) => a * b, 1) * dtype.itemSize : 0;
  }
  const values = typeof data === 'object' && 'data' in data ? (data as ArrayLike).data : data;
  // Iterators: unknown size, never an automatic BigTIFF (as tifffile).
  return ArrayBuffer.isView(values) ? values.byteLength : 0;
}

/** `imwrite` by the general path: open a `TiffWriter`, write, close (loaded when the plain path does not apply). */
export async function imwriteGeneral(
  file: FileTarget,
  data: WriteData,
  options: OpenOptions & Omit<WriteOptions, 'subIfds'>,
): Promise<WriteResult | undefined> {
  if (typeof options !== 'object' || options === null) throw invalidOption('options', options, 'an options object');
  if ('subIfds' in options && (options as WriteOptions).subIfds !== undefined) {
    throw invalidOption(
      'subIfds',
      (options as WriteOptions).subIfds,
      'no value: SubIFDs need TiffWriter.open() and several write() calls',
    );
  }
  const openOptions: OpenOptions = {};
  const writeOptions: WriteOptions = {};
  for (const [key, value] of Object.entries(options)) {
    if ((FILE_OPTIONS as readonly string[]).includes(key)) (openOptions as Record<string, unknown>)[key] = value;
    else (writeOptions as Record<string, unknown>)[key] = value;
  }
  const { dtype, byteOrder } = declaredDType(data, writeOptions);
  if (openOptions.byteorder === undefined && byteOrder) openOptions.byteorder = byteOrder;
  if (openOptions.bigtiff === undefined) {
    const uncompressed = isUncompressed(writeOptions.compression);
    const imagej = openOptions.kind === 'imagej' || (openOptions.kind === undefined && openOptions.imagej === true);
    openOptions.bigtiff =
      uncompressed && !imagej && !writeOptions.truncate && dataSize(data, writeOptions, dtype) > BIGTIFF_THRESHOLD;
  }
  const writer = await TiffWriter.open(file, openOptions);
  let result: WriteResult | undefined;
  try {
    result = await writer.write(data, writeOptions);
  } finally {
    await writer.close();
  }
  return result;
}
