import { defaultRowsPerStrip } from '@tiffkit/tiff-codecs';
import {
  Compression,
  type DType,
  describeValue,
  FieldType,
  type IfdEntry,
  ifdByteLength,
  invalidOption,
  TiffError,
  type TiffFormat,
} from '@tiffkit/tiff-core';
import { planColormap } from './colormap.js';
import { checkBilevelCompression, parseCompression, parseCompressionArgs, parsePredictor } from './compression.js';
import { type EncoderOptions, parseEncoderOptions } from '../encode/encoder.js';
import { parseExtraTags } from './extra-tags.js';
import { parseTile, planGeometry, type SegmentGeometry, segmentSizes } from './geometry.js';
import type { SeriesInput } from '../intake/intake.js';
import { planJpeg } from './jpeg.js';
import type { WriteOptions, WriterKind } from '../options.js';
import { buildPageTags } from './page-tags.js';
import { planSamples, type SampleLayout, type StoredShape } from './samples.js';
import { checkTruncate, parseSubIfds, planBitsPerSample, positiveInteger } from './series-options.js';
import { SHAPED_RESERVE, shapedDescription } from '../formats/shaped/shaped.js';
import { asciiTagBytes } from './tag-values.js';

export type Warn = (code: string, message: string) => void;

/** What the writer knows when it plans a series. */
export interface PlanContext {
  readonly format: TiffFormat;
  readonly kind: WriterKind;
  /** Shaped JSON is still written (tifffile turns it off for good once `metadata: null` is passed). */
  readonly shaped: boolean;
  /** This series is a SubIFD level of the previous main series. */
  readonly level: boolean;
  /** OME-TIFF: this series' first page holds the ImageDescription the OME-XML is written into at close. */
  readonly omePlaceholder?: boolean;
  /** First-page entries of the metadata format (ImageJ: its description and IJMetadata tags). */
  readonly formatEntries?: readonly IfdEntry[];
  readonly warn: Warn;
}

/** The complete, validated description of one series: nothing is written before this exists. */
export interface SeriesPlan {
  readonly input: SeriesInput;
  readonly dtype: DType;
  /** The caller's shape, as recorded in the shaped JSON. */
  readonly shape: readonly number[];
  readonly layout: SampleLayout;
  readonly stored: StoredShape;
  readonly geometry: SegmentGeometry;
  readonly compression: number;
  readonly compressionArgs: Readonly<Record<string, unknown>>;
  readonly predictor: number;
  readonly bitsPerSample: number;
  /** Samples are bit-packed (bool, or bitsPerSample below the dtype's width). */
  readonly packed: boolean;
  /** Uncompressed, unpacked bytes of each segment of a page (edge tiles padded). */
  readonly rawSegmentBytes: readonly number[];
  /** Stored bytes of each segment when uncompressed (packed sizes for bit-packed data). */
  readonly segmentBytes: readonly number[];
  readonly pageBytes: number;
  /** Uncompressed, unpacked strips (or one tile covering the page): all pages' data is one block. */
  readonly contiguousCapable: boolean;
  readonly offsetType: FieldType;
  readonly byteCountType: FieldType;
  readonly colormap: Uint16Array | undefined;
  /** Tags of the first page, without segment offsets, byte counts and SubIFDs. */
  readonly firstPageEntries: readonly IfdEntry[];
  /** Tags of the other pages (no write-once tags). */
  readonly otherPageEntries: readonly IfdEntry[];
  /** SubIFD levels that follow as the next series: a tree of `count` slots, or a chain (one slot). */
  readonly subIfds: { readonly count: number; readonly chain: boolean } | undefined;
  readonly truncate: boolean;
  /** Metadata of the shaped JSON, kept to rewrite it when the series grows. */
  readonly shapedMetadata: Readonly<Record<string, unknown>> | undefined;
  /** The writer is to stop writing shaped JSON from this series on. */
  readonly disablesShaped: boolean;
  readonly align: number;
  readonly returnOffset: boolean;
  /** Workers and memory budget for encoding. */
  readonly encoding: EncoderOptions;
}

function descriptionEntry(description: unknown): IfdEntry | undefined {
  if (description === undefined || description === null) return undefined;
  return { code: 270, type: FieldType.ASCII, value: { packed: asciiTagBytes(description) }, label: 'description' };
}

export function planSeries(input: SeriesInput, options: WriteOptions, context: PlanContext): SeriesPlan {
  const { format, kind, warn } = context;
  const { dtype } = input;
  const zeroSize = input.shape.includes(0);

  const metadata = options.metadata === undefined ? {} : options.metadata;
  if (metadata !== null && (typeof metadata !== 'object' || Array.isArray(metadata))) {
    throw invalidOption('metadata', metadata, 'a plain object, or null for no metadata');
  }
  const writeShaped = kind === 'shaped' && context.shaped && metadata !== null;

  let compression = parseCompression(options.compression);
  const compressionArgs = parseCompressionArgs(compression, options.compressionArgs);
  let predictor = parsePredictor(options.predictor, dtype, compression);
  checkBilevelCompression(dtype, compression);
  if (predictor !== 1 && compression === Compression.PACKBITS) {
    warn(
      'predictor-packbits',
      'libtiff ignores the predictor of PackBits-compressed images: readers other than tifffile will show differenced values',
    );
  }
  if (zeroSize) {
    // Nothing to compress: tifffile drops compression for zero-size data too.
    compression = Compression.NONE;
    predictor = 1;
  }
  const bitsPerSample = zeroSize ? dtype.bitsPerSample : planBitsPerSample(options.bitsPerSample, dtype, compression);
  const bilevel = dtype.kind === 'bool';
  const packed = bilevel || bitsPerSample < dtype.itemSize * 8;

  const truncate = options.truncate === true || (zeroSize && writeShaped);
  if (options.truncate === true) checkTruncate(options, kind, writeShaped, compression, packed);
  const subIfds = parseSubIfds(options.subIfds);
  if (subIfds && context.level) {
    throw new TiffError(
      'UNSUPPORTED',
      'SubIFDs in SubIFDs are not supported: a pyramid level cannot have levels of its own',
      { option: 'subIfds' },
    );
  }
  if (subIfds && truncate) {
    throw new TiffError('INCOMPATIBLE_OPTIONS', 'SubIFDs cannot be used with truncated series', { option: 'subIfds' });
  }

  const { colormap: useColormap, photometric: photometricOption } = planColormap(options, dtype, kind, warn);

  const tile = zeroSize ? undefined : parseTile(options.tile);
  const layout = planSamples({
    shape: zeroSize ? [0, 0] : input.shape,
    dtype,
    photometric: photometricOption,
    planarConfig: options.planarConfig,
    extraSamples: options.extraSamples,
    volumetric: options.volumetric === true || tile?.length === 3,
    kind,
    squeezeTrailing: writeShaped,
    subfileType: options.subfileType,
  });
  if (zeroSize)
    warn(
      'zero-size',
      `writing zero-size array of shape ${describeValue(input.shape)} to a nonconformant TIFF (one empty page)`,
    );
  if (layout.inferredRgb && dtype.name !== 'uint8' && dtype.name !== 'uint16') {
    warn(
      'rgb-inferred',
      `data with shape ${describeValue(input.shape)} and dtype ${dtype.name} are stored as RGB with contiguous samples; ` +
        "pass photometric: 'minisblack' (or 'rgb') to say what you mean",
    );
  }
  const stored = layout.storedShape;
  const jpeg = compression === Compression.JPEG ? planJpeg(dtype, layout, options, warn) : undefined;
  const { subsampling } = options;
  if (!jpeg && subsampling !== undefined && subsampling !== null && `${subsampling}` !== '1,1') {
    warn(
      'subsampling-ignored',
      `cannot apply subsampling=${describeValue(subsampling)}: only JPEG-compressed RGB is subsampled`,
    );
  }

  // Compressed strips hold about 256 KiB of raw data (tifffile's default), uncompressed ones a whole plane.
  let rowsPerStrip = defaultRowsPerStrip(
    stored.width * stored.contigSamples * dtype.itemSize,
    compression !== Compression.NONE,
    stored.length,
  );
  if (options.rowsPerStrip !== undefined && options.rowsPerStrip !== null) {
    rowsPerStrip = positiveInteger(options.rowsPerStrip, 'rowsPerStrip');
  }
  if (jpeg) {
    // Strips and tiles of whole MCUs (tifffile rounds RowsPerStrip up, and refuses other tiles).
    rowsPerStrip = Math.ceil(rowsPerStrip / jpeg.blockSize) * jpeg.blockSize;
    if (tile && ((tile.at(-1) as number) % jpeg.blockSize) + ((tile.at(-2) as number) % jpeg.blockSize) !== 0) {
      throw invalidOption(
        'tile',
        tile,
        `a tile shape whose length and width are multiples of ${jpeg.blockSize} for this JPEG subsampling`,
      );
    }
  }
  const geometry = planGeometry(stored, tile, layout.volumetric, rowsPerStrip);
  const singleTile =
    !geometry.tiled ||
    (geometry.tile[0] === stored.depth && geometry.tile[1] === stored.length && geometry.tile[2] === stored.width);
  // Iterators of tiles or of encoded segments give segments, not pages: they are written page by page.
  const segmentItems = input.kind === 'iterator' && (input.encoded || geometry.tiled);
  const contiguousCapable = compression === Compression.NONE && !packed && singleTile && !segmentItems;
  if (input.kind === 'empty' && !contiguousCapable && (compression !== Compression.NONE || packed)) {
    throw new TiffError(
      'INCOMPATIBLE_OPTIONS',
      'empty (null) data cannot be compressed or bit-packed: write zeros instead',
      {
        option: compression !== Compression.NONE ? 'compression' : 'dtype',
      },
    );
  }

  const itemBits = bilevel ? 1 : bitsPerSample;
  const rawSegmentBytes = segmentSizes(geometry, stored, (values) => values * dtype.itemSize);
  const segmentBytes = packed
    ? segmentSizes(geometry, stored, (values) => Math.ceil((values * itemBits) / 8))
    : rawSegmentBytes;
  const pageBytes = segmentBytes.reduce((a, b) => a + b, 0);

  const offsetType = format.bigtiff ? FieldType.LONG8 : FieldType.LONG;
  let byteCountType: FieldType = offsetType;
  if (rawSegmentBytes.length > 1) {
    // tifffile's rule: from the first segment's uncompressed size (×10 when compressed).
    const first = (rawSegmentBytes[0] as number) * (compression === Compression.NONE ? 1 : 10);
    byteCountType =
      first < 2 ** 16 ? FieldType.SHORT : first < 2 ** 32 || !format.bigtiff ? FieldType.LONG : FieldType.LONG8;
  }

  const align = options.align === undefined || options.align === null ? 16 : positiveInteger(options.align, 'align');

  const descriptions: IfdEntry[] = [];
  if (kind === 'ome' && options.description !== undefined && options.description !== null) {
    warn(
      'description-ignored',
      'not writing description to OME-TIFF: the OME-XML is the description (use metadata.Description)',
    );
  }
  const userDescription = kind === 'ome' ? undefined : descriptionEntry(options.description);
  if (userDescription) descriptions.push(userDescription);
  descriptions.push(...(context.formatEntries ?? []));
  if (context.omePlaceholder) {
    // Four NULs now, the OME-XML at close (appended at the end of the file and pointed to).
    descriptions.push({ code: 270, type: FieldType.ASCII, value: { packed: new Uint8Array(4) }, label: 'ome' });
  }
  const shapedMetadata = writeShaped ? (metadata as Record<string, unknown>) : undefined;
  if (shapedMetadata) {
    const json = shapedDescription(input.shape, shapedMetadata, truncate, warn);
    descriptions.push({
      code: 270,
      type: FieldType.ASCII,
      value: { packed: json },
      reserve: SHAPED_RESERVE,
      label: 'shaped',
    });
  }
  const { every, once } = buildPageTags({
    options,
    kind,
    dtype,
    layout,
    stored,
    geometry,
    compression,
    predictor,
    bitsPerSample,
    colormap: useColormap,
    descriptions,
    ...(jpeg ? { codecTags: jpeg.tags, photometric: jpeg.photometric } : {}),
  });
  const own = new Set([...every, ...once].map((e) => e.code));
  const extra = parseExtraTags(options.extraTags, warn, own);

  return {
    input,
    dtype,
    shape: input.shape,
    layout,
    stored,
    geometry,
    compression,
    compressionArgs: jpeg ? jpeg.args : compressionArgs,
    predictor,
    bitsPerSample,
    packed,
    rawSegmentBytes,
    segmentBytes,
    pageBytes,
    contiguousCapable,
    offsetType,
    byteCountType,
    colormap: useColormap,
    firstPageEntries: [...every, ...once, ...extra.map((t) => t.entry)],
    otherPageEntries: [...every, ...extra.filter((t) => !t.writeOnce).map((t) => t.entry)],
    subIfds,
    truncate,
    shapedMetadata,
    disablesShaped: metadata === null,
    align,
    returnOffset: options.returnOffset === true,
    encoding: parseEncoderOptions(options),
  };
}

const ifdLengthCache = new WeakMap<SeriesPlan, { readonly first: number; readonly other: number }>();

/** Byte length of the first and of the other pages' IFDs (values only influence it through counts). */
export function ifdLengths(plan: SeriesPlan, format: TiffFormat): { readonly first: number; readonly other: number } {
  let lengths = ifdLengthCache.get(plan);
  if (!lengths) {
    const zeros = plan.segmentBytes.map(() => 0);
    lengths = {
      first: ifdByteLength(pageEntries(plan, true, zeros, zeros), format),
      other: ifdByteLength(pageEntries(plan, false, zeros, zeros), format),
    };
    ifdLengthCache.set(plan, lengths);
  }
  return lengths;
}

/** A page's entries with its segment offsets, byte counts and (empty) SubIFD slots added. */
export function pageEntries(
  plan: SeriesPlan,
  first: boolean,
  offsets: readonly number[],
  byteCounts: readonly number[],
): IfdEntry[] {
  const tiled = plan.geometry.tiled;
  const entries = [
    ...(first ? plan.firstPageEntries : plan.otherPageEntries),
    { code: tiled ? 324 : 273, type: plan.offsetType, value: offsets },
    { code: tiled ? 325 : 279, type: plan.byteCountType, value: byteCounts },
  ];
  if (plan.subIfds) {
    const slots = plan.subIfds.chain ? 1 : plan.subIfds.count;
    const type = plan.offsetType === FieldType.LONG8 ? FieldType.IFD8 : FieldType.IFD;
    entries.push({ code: 330, type, value: new Array<number>(slots).fill(0), label: 'subifds' });
  }
  return entries;
}
