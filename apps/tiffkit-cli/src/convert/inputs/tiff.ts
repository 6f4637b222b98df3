import {
  type DType,
  type DTypeName,
  DTypes,
  entryNumbers,
  type ParsedIfd,
  PlanarConfig,
  parseTiff,
  TagCode,
  type TypedArray,
} from '@tiffkit/tiff-core';
import { openFileSource } from '@tiffkit/tiff-core/node';
import { fromFile, type GeoTIFF } from 'geotiff';
import { type SeriesSummary, summariseSeries } from '../../series.js';
import { CliError, usageError } from '../errors.js';
import { type ArraySource, pageGeometry, type SourceHints } from '../source.js';
import { tiffHints } from './tiff-hints.js';

type GeoTiffImage = Awaited<ReturnType<GeoTIFF['getImage']>>;
type ImageConstructor = new (
  fileDirectory: unknown,
  littleEndian: boolean,
  cache: boolean,
  source: unknown,
) => GeoTiffImage;

/** A TIFF file's first bytes: II*\0, MM\0*, or their BigTIFF forms. */
export function isTiffMagic(head: Uint8Array): boolean {
  const order = String.fromCharCode(head[0] ?? 0, head[1] ?? 0);
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (head.length < 4 || (order !== 'II' && order !== 'MM')) return false;
  const version = view.getUint16(2, order === 'II');
  return version === 42 || version === 43;
}

/**
 * One TIFF series, decoded by geotiff.js: pages are the series' IFDs (found by tiff-core's parser,
 * grouped as `tiffkit info` groups them — OME, ImageJ, shaped, or one page each), and a band is one
 * `readRasters` window, which decodes only the strips or tiles it covers.
 */
export class TiffSource implements ArraySource {
  readonly byteOrder: '<' | '>';
  private current: { offset: number; image: GeoTiffImage } | undefined;

  constructor(
    readonly name: string,
    private readonly geotiff: GeoTIFF,
    private readonly Image: ImageConstructor,
    readonly shape: readonly number[],
    readonly dtype: DType,
    readonly hints: SourceHints,
    /** IFD offsets of the pages, in order. */
    private readonly pages: readonly number[],
    /** Planes per IFD: samples of a planar (separate) page are frames here. */
    private readonly planes: number,
    private readonly segmentRows: number,
    readonly levels: readonly ArraySource[] = [],
  ) {
    this.byteOrder = geotiff.littleEndian ? '<' : '>';
  }

  preferredBandRows(): number {
    return this.segmentRows;
  }

  private async image(offset: number): Promise<GeoTiffImage> {
    if (this.current?.offset !== offset) {
      // The SubIFD levels are not in geotiff.js's main chain: any IFD is parsed by its offset.
      const parser = (this.geotiff as unknown as { parser: { parseFileDirectoryAt(o: number): Promise<unknown> } })
        .parser;
      const directory = await parser.parseFileDirectoryAt(offset);
      const source = (this.geotiff as unknown as { source: unknown }).source;
      this.current = { offset, image: new this.Image(directory, this.geotiff.littleEndian, false, source) };
    }
    return this.current.image;
  }

  async readBand(frame: number, y0: number, y1: number, pageDims: number): Promise<TypedArray> {
    const page = this.pages[Math.floor(frame / this.planes)];
    if (page === undefined) throw new CliError(`${this.name}: page ${frame} is missing (a truncated file?)`);
    const image = await this.image(page);
    const { width } = pageGeometry(this.shape, pageDims);
    const window = [0, y0, width, y1];
    const raster =
      this.planes > 1
        ? ((await image.readRasters({
            window,
            samples: [frame % this.planes],
            interleave: true,
          })) as unknown as TypedArray)
        : ((await image.readRasters({ window, interleave: true })) as unknown as TypedArray);
    return toCarrier(raster, this.dtype);
  }

  async close(): Promise<void> {
    this.current = undefined;
    await (this.geotiff as unknown as { close?: () => Promise<void> | void }).close?.();
  }
}

/** geotiff.js returns the nearest JavaScript array type; map it to the dtype's carrier. */
function toCarrier(raster: TypedArray, dtype: DType): TypedArray {
  if (raster instanceof dtype.carrier) return raster;
  const Carrier = dtype.carrier as unknown as new (source: ArrayLike<number>) => TypedArray;
  return new Carrier(raster as unknown as ArrayLike<number>);
}

const GEOTIFF_DTYPES: readonly DTypeName[] = [
  'uint8',
  'int8',
  'uint16',
  'int16',
  'uint32',
  'int32',
  'float32',
  'float64',
];

function levelShape(shape: readonly number[], axes: string | undefined, ifd: ParsedIfd): number[] {
  const samples = axes?.endsWith('S') ? 1 : 0;
  const out = [...shape];
  out[out.length - 2 - samples] = entryNumbers(ifd, TagCode.ImageLength)[0] ?? 0;
  out[out.length - 1 - samples] = entryNumbers(ifd, TagCode.ImageWidth)[0] ?? 0;
  return out;
}

/** Every series of a TIFF file (or only `--series N`), with their SubIFD levels. */
export async function openTiff(path: string, only: number | undefined): Promise<ArraySource[]> {
  const file = await openFileSource(path);
  let parsed: Awaited<ReturnType<typeof parseTiff>>;
  try {
    parsed = await parseTiff(file);
  } finally {
    await file.close();
  }
  const all = summariseSeries(parsed);
  if (only !== undefined && only >= all.length) {
    throw usageError('--series', `${path} has ${all.length} series (0..${all.length - 1}), not ${only}`);
  }
  const geotiff = await fromFile(path);
  const Image = (await geotiff.getImage(0)).constructor as ImageConstructor;
  const sources: ArraySource[] = [];
  for (const [index, series] of all.entries()) {
    if (only !== undefined && index !== only) continue;
    sources.push(
      seriesSource(
        path,
        all.length > 1 ? `${path}[series ${index}]` : path,
        geotiff,
        Image,
        parsed.ifds,
        series,
        index,
      ),
    );
  }
  return sources;
}

function seriesSource(
  path: string,
  name: string,
  geotiff: GeoTIFF,
  Image: ImageConstructor,
  ifds: readonly ParsedIfd[],
  series: SeriesSummary,
  index: number,
): TiffSource {
  const first = ifds[series.firstIfd];
  if (!first) throw new CliError(`${path}: series ${index} starts at IFD ${series.firstIfd}, which is missing`);
  if (!(GEOTIFF_DTYPES as readonly string[]).includes(series.dtype)) {
    throw new CliError(
      `${name}: ${series.dtype} pixels cannot be decoded (geotiff.js reads 8-64-bit integers up to 32 bits and float32/64)`,
    );
  }
  if ((entryNumbers(first, TagCode.ImageDepth)[0] ?? 1) > 1)
    throw new CliError(`${name}: volumetric (ImageDepth) pages are not supported`);
  const dtype = DTypes[series.dtype as DTypeName];
  const samples = entryNumbers(first, TagCode.SamplesPerPixel)[0] ?? 1;
  const planar = samples > 1 && (entryNumbers(first, TagCode.PlanarConfiguration)[0] ?? 1) === PlanarConfig.SEPARATE;
  const pages = ifds.slice(series.firstIfd, series.firstIfd + series.pages).map((ifd) => ifd.offset);
  if (pages.length < series.pages) {
    throw new CliError(
      `${name}: the series has ${series.pages} pages but the file holds ${pages.length} IFDs from ${series.firstIfd} (truncated?)`,
    );
  }
  const segmentRows = entryNumbers(first, TagCode.TileLength)[0] ?? entryNumbers(first, TagCode.RowsPerStrip)[0] ?? 1;
  let shape = series.shape;
  let axes = series.axes;
  if (planar) {
    // Planar samples lead the page: S becomes a frame axis, read one sample plane at a time.
    axes = axes?.replace(/S$/, '');
  }
  const hints = tiffHints(first, { ...series, axes }, index);
  const levels: TiffSource[] = [];
  for (let k = 0; k < (first.subIfds.length ?? 0); k++) {
    const levelPages = ifds.slice(series.firstIfd, series.firstIfd + series.pages).map((ifd) => ifd.subIfds[k]?.offset);
    if (levelPages.some((o) => o === undefined)) break;
    const levelIfd = first.subIfds[k] as ParsedIfd;
    levels.push(
      new TiffSource(
        `${name} level ${k + 1}`,
        geotiff,
        Image,
        levelShape(shape, axes, levelIfd),
        dtype,
        {},
        levelPages as number[],
        planar ? samples : 1,
        entryNumbers(levelIfd, TagCode.TileLength)[0] ?? entryNumbers(levelIfd, TagCode.RowsPerStrip)[0] ?? 1,
      ),
    );
  }
  shape = [...shape];
  return new TiffSource(name, geotiff, Image, shape, dtype, hints, pages, planar ? samples : 1, segmentRows, levels);
}
