import type { TiffWriter, WriteOptions, WriterKind } from '@tiffkit/tiff-writer';
import { CliError, usageError } from './errors.js';
import type { StackSource } from './inputs/stack.js';
import { sourceItems } from './items.js';
import { defaultAxes, seriesMetadata } from './metadata.js';
import type { ConvertOptions } from './options.js';
import { PyramidBuilder } from './pyramid.js';
import { formatBytes } from './sizes.js';
import { type ArraySource, pageGeometry, product } from './source.js';

/** What was written for one series (the `--json` summary's entry). */
export interface SeriesSummary {
  readonly input: string;
  readonly shape: number[];
  readonly dtype: string;
  readonly axes: string | undefined;
  readonly photometric: string;
  /** Shapes of the SubIFD pyramid levels. */
  readonly levels: number[][];
  /** Bytes of values written (decoded), levels included. */
  readonly bytes: number;
}

/** A page holds trailing RGB(A)-like samples: a last dimension of 3 or 4 that the axes call S. */
export function hasSamples(source: ArraySource, axes: string | undefined, options: ConvertOptions): boolean {
  const last = source.shape[source.shape.length - 1] as number;
  if (source.shape.length < 3 || (last !== 3 && last !== 4)) return false;
  const photometric = options.photometric?.toLowerCase();
  if (photometric === 'rgb' || photometric === 'ycbcr' || photometric === 'separated') return true;
  if (photometric !== undefined) return false;
  if (axes !== undefined) return axes.endsWith('S');
  return source.hints.photometric === 2 || source.hints.photometric === undefined;
}

/** The axes of a series: --axes, the input's, or defaults for a stack; checked against the shape. */
export function seriesAxes(source: ArraySource, options: ConvertOptions): string | undefined {
  const stackAxis = (source as Partial<StackSource>).stackAxis;
  let axes = options.axes ?? source.hints.axes;
  if (axes === undefined && stackAxis !== undefined) {
    const inner = source.shape.slice(1);
    const last = inner[inner.length - 1];
    const inner_ = defaultAxes(inner.length, inner.length >= 3 && (last === 3 || last === 4));
    if (inner_ === undefined) {
      throw usageError(
        '--axes',
        `the stacked inputs are ${inner.length}-D: name all axes, e.g. --axes ${stackAxis}ZYX`,
      );
    }
    axes = stackAxis + inner_;
  }
  if (axes !== undefined && axes.length !== source.shape.length) {
    throw usageError(
      '--axes',
      `'${axes}' has ${axes.length} letters but the data is ${source.shape.length}-D [${source.shape.join(', ')}]`,
    );
  }
  return axes;
}

/**
 * The input's own levels that are written: none when --pyramid computes new ones, and none for ImageJ
 * (hyperstacks have no SubIFDs).
 */
export function existingLevels(source: ArraySource, kind: WriterKind, options: ConvertOptions): readonly ArraySource[] {
  return options.pyramid || kind === 'imagej' ? [] : (source.levels ?? []);
}

/** Bytes of values of a source, of the input levels written, and of the levels a computed pyramid adds. */
export function seriesBytes(
  source: ArraySource,
  pageDims: number,
  pyramidLevels: number,
  existing: readonly ArraySource[],
): number {
  const { frames, length, width, samples } = pageGeometry(source.shape, pageDims);
  let total = product(source.shape) * source.dtype.itemSize;
  for (const level of existing) total += product(level.shape) * level.dtype.itemSize;
  let l = length;
  let w = width;
  for (let k = 0; k < pyramidLevels; k++) {
    l = Math.ceil(l / 2);
    w = Math.ceil(w / 2);
    total += frames * l * w * samples * source.dtype.itemSize;
  }
  return total;
}

/** Context shared by the series of one conversion. */
export interface SeriesContext {
  readonly writer: TiffWriter;
  readonly kind: WriterKind;
  readonly options: ConvertOptions;
  readonly tempDir: string;
  readonly check: () => void;
  readonly advance: (bytes: number) => void;
  readonly stage: (label: string) => void;
}

/**
 * Write one series through the writer's iterator input, band by band, then its pyramid levels as
 * SubIFDs: levels the input has are written as they are; `--pyramid` computes them while the full
 * resolution streams (and wins over the input's own).
 */
export async function writeSeries(source: ArraySource, index: number, context: SeriesContext): Promise<SeriesSummary> {
  const { writer, kind, options } = context;
  if (source.shape.length < 2) {
    throw new CliError(
      `${source.name}: a ${source.shape.length}-D array is not an image; give --shape with 2 or more dimensions`,
    );
  }
  const axes = seriesAxes(source, options);
  const samples = hasSamples(source, axes, options);
  const pageDims = samples ? 3 : 2;
  const geometry = pageGeometry(source.shape, pageDims);
  const bandRows = options.tile ? options.tile[0] : geometry.length;
  const bandBytes = bandRows * geometry.width * geometry.samples * source.dtype.itemSize;
  // Bands, their tiles and the writer's segments in flight each get a share of --memory.
  const share = Math.floor(options.memory / 8);
  if (bandBytes > share) {
    const what = options.tile ? `a band of ${bandRows} rows` : 'a page (strips are written page by page)';
    throw usageError(
      '--memory',
      `${source.name}: ${what} is ${formatBytes(bandBytes)}, over the ${formatBytes(share)} a band may take of --memory ${formatBytes(options.memory)}; ${options.tile ? 'use smaller tiles or' : 'write tiles (--tile 512,512) or'} raise --memory`,
    );
  }
  // Read whole chunk rows at once when the input is chunked (and the budget allows).
  let tileBand = bandRows;
  if (options.tile && source.preferredBandRows) {
    const preferred = Math.ceil(source.preferredBandRows(pageDims) / bandRows) * bandRows;
    tileBand = Math.max(bandRows, Math.min(preferred, Math.floor(share / bandBytes) * bandRows));
  }
  const photometric =
    options.photometric ?? (samples ? 'rgb' : source.hints.photometric === 0 ? 'miniswhite' : 'minisblack');
  const pyramidLevels = options.pyramid?.levels ?? 0;
  const existing = existingLevels(source, kind, options);
  if (kind === 'imagej' && (source.levels?.length ?? 0) > 0 && pyramidLevels === 0 && !options.quiet) {
    process.stderr.write(
      `tiffkit: warning: ${source.name}: its ${source.levels?.length} pyramid levels are left out: ImageJ files have no SubIFDs\n`,
    );
  }
  const base: WriteOptions = {
    dtype: source.dtype.name,
    // Command-line text: the writer checks the name and says what it accepts.
    photometric: photometric as WriteOptions['photometric'],
    ...(options.tile ? { tile: options.tile } : {}),
    ...(options.rowsPerStrip !== undefined ? { rowsPerStrip: options.rowsPerStrip } : {}),
    ...(options.compression !== undefined ? { compression: options.compression as WriteOptions['compression'] } : {}),
    ...(Object.keys(options.compressionArgs).length > 0
      ? { compressionArgs: options.compressionArgs as WriteOptions['compressionArgs'] }
      : {}),
    ...(options.predictor !== undefined ? { predictor: predictorOption(options.predictor) } : {}),
    ...(options.workers !== undefined ? { maxWorkers: options.workers } : {}),
    bufferSize: share,
  };
  const levelCount = pyramidLevels || existing.length;
  const pyramid =
    pyramidLevels > 0
      ? await PyramidBuilder.create(
          source.dtype,
          geometry.length,
          geometry.width,
          geometry.samples,
          pyramidLevels,
          options.pyramid?.method ?? 'mean',
          context.tempDir,
        )
      : undefined;
  const levelShapes: number[][] = [];
  try {
    const stream = { pageDims, tile: options.tile, bandRows: tileBand, check: context.check, advance: context.advance };
    context.stage(`series ${index}`);
    await writer.write(sourceItems(source, { ...stream, ...(pyramid ? { pyramid } : {}) }), {
      ...base,
      shape: source.shape,
      ...seriesMetadata(kind, axes, source.hints, options),
      ...(levelCount > 0 ? { subIfds: levelCount } : {}),
    });
    const levels = pyramid ? await pyramid.sources(source.name, source.shape, pageDims) : existing;
    try {
      for (const [k, level] of levels.entries()) {
        context.stage(`series ${index} level ${k + 1}`);
        levelShapes.push([...level.shape]);
        // Levels are stored as the full resolution is: same photometric, tiles, compression.
        await writer.write(sourceItems(level, stream), {
          ...base,
          dtype: level.dtype.name,
          shape: level.shape,
          subfileType: 1,
          ...(kind === 'generic' ? {} : { metadata: seriesMetadata(kind, axes, source.hints, options).metadata ?? {} }),
        });
      }
    } finally {
      if (pyramid) for (const level of levels) await level.close();
    }
  } catch (error) {
    await pyramid?.discard();
    throw error;
  }
  return {
    input: source.name,
    shape: [...source.shape],
    dtype: source.dtype.name,
    axes,
    photometric,
    levels: levelShapes,
    bytes: seriesBytes(source, pageDims, pyramidLevels, existing),
  };
}

/** `--predictor` alone means "pick one"; else a name or code. */
function predictorOption(value: boolean | string): WriteOptions['predictor'] {
  if (typeof value === 'boolean') return value;
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  return value as WriteOptions['predictor']; // a name: the writer checks it
}
