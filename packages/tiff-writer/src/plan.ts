import {
  Compression,
  type DType,
  describeValue,
  FieldType,
  type IfdEntry,
  invalidOption,
  Photometric,
  PlanarConfig,
  Predictor,
  parseEnum,
  TiffError,
  type TiffFormat,
} from '@tiffkit/tiff-core';
import { checkColormapSize, parseColormap } from './colormap.js';
import { type ParsedExtraTag, parseExtraTags } from './extra-tags.js';
import type { SeriesInput } from './intake.js';
import type { WriteOptions, WriterKind } from './options.js';
import { parsePhotometric, planSamples, type SampleLayout, type StoredShape } from './samples.js';
import { SHAPED_RESERVE, shapedDescription } from './shaped.js';
import { asciiValue, datetimeValue, resolutionUnitValue, resolutionValue } from './tag-values.js';

export type Warn = (code: string, message: string) => void;

/** What the writer knows when it plans a series. */
export interface PlanContext {
  readonly format: TiffFormat;
  readonly kind: WriterKind;
  /** Shaped JSON is still written (tifffile turns it off for good once `metadata: null` is passed). */
  readonly shaped: boolean;
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
  readonly rowsPerStrip: number;
  /** Uncompressed bytes of each segment of one page, in segment order. */
  readonly segmentBytes: readonly number[];
  readonly pageBytes: number;
  /** Uncompressed strips: all pages' data can be one contiguous block (and grow by contiguous writes). */
  readonly contiguousCapable: boolean;
  readonly offsetType: FieldType;
  readonly byteCountType: FieldType;
  readonly colormap: Uint16Array | undefined;
  /** Tags of the first page, without segment offsets and byte counts. */
  readonly firstPageEntries: readonly IfdEntry[];
  /** Tags of the other pages (no write-once tags). */
  readonly otherPageEntries: readonly IfdEntry[];
  /** Metadata of the shaped JSON, kept to rewrite it when the series grows. */
  readonly shapedMetadata: Readonly<Record<string, unknown>> | undefined;
  /** The writer is to stop writing shaped JSON from this series on. */
  readonly disablesShaped: boolean;
  readonly align: number;
  readonly returnOffset: boolean;
}

const NONE_SPELLINGS = new Set<unknown>([undefined, null, false, 0, 1, 'none', 'NONE', 'None']);

function notYet(option: string, value: unknown): TiffError {
  return new TiffError(
    'UNSUPPORTED',
    `${option}=${describeValue(value)} is not supported yet by this version of tiffkit`,
    {
      option,
    },
  );
}

function positiveInteger(value: unknown, option: string): number {
  if (!Number.isInteger(value) || (value as number) < 1) throw invalidOption(option, value, 'a positive integer');
  return value as number;
}

export function planSeries(input: SeriesInput, options: WriteOptions, context: PlanContext): SeriesPlan {
  const { format, kind, warn } = context;
  const { dtype } = input;

  if (!NONE_SPELLINGS.has(options.compression)) {
    parseEnum(Compression, options.compression === true ? 'ADOBE_DEFLATE' : options.compression, 'compression', {
      zlib: 8,
    });
    throw notYet('compression', options.compression);
  }
  if (!NONE_SPELLINGS.has(options.predictor)) {
    if (options.predictor !== true) parseEnum(Predictor, options.predictor, 'predictor');
    throw new TiffError(
      'INCOMPATIBLE_OPTIONS',
      `predictor=${describeValue(options.predictor)} cannot be used without compression`,
      {
        option: 'predictor',
      },
    );
  }
  if (options.tile !== undefined && options.tile !== null) throw notYet('tile', options.tile);
  if (dtype.kind === 'bool') throw notYet('dtype', dtype.name);
  if (
    options.bitsPerSample !== undefined &&
    options.bitsPerSample !== null &&
    options.bitsPerSample !== dtype.bitsPerSample
  ) {
    throw notYet('bitsPerSample', options.bitsPerSample);
  }
  if (options.subIfds !== undefined && options.subIfds !== null && options.subIfds !== 0)
    throw notYet('subIfds', options.subIfds);
  if (options.truncate) throw notYet('truncate', options.truncate);

  const metadata = options.metadata === undefined ? {} : options.metadata;
  if (metadata !== null && (typeof metadata !== 'object' || Array.isArray(metadata))) {
    throw invalidOption('metadata', metadata, 'a plain object, or null for no metadata');
  }
  const writeShaped = kind === 'shaped' && context.shaped && metadata !== null;

  const colormap = parseColormap(options.colormap);
  let photometricOption = options.photometric;
  const explicit = parsePhotometric(photometricOption);
  let useColormap = colormap;
  if (colormap) {
    const paletteDType = dtype.name === 'uint8' || dtype.name === 'uint16';
    if (explicit === undefined && paletteDType) photometricOption = Photometric.PALETTE;
    else if (explicit === Photometric.PALETTE && !paletteDType) {
      throw new TiffError('INVALID_DATA', `palette images need uint8 or uint16 data, not ${dtype.name}`, {
        option: 'colormap',
      });
    } else if (explicit !== Photometric.PALETTE) {
      warn(
        'colormap-ignored',
        `not writing colormap: it needs uint8 or uint16 data without photometric (or 'palette'), got ${dtype.name}`,
      );
      useColormap = undefined;
    }
    if (useColormap) checkColormapSize(useColormap, dtype);
  }

  const layout = planSamples({
    shape: input.shape,
    dtype,
    photometric: photometricOption,
    planarConfig: options.planarConfig,
    extraSamples: options.extraSamples,
    volumetric: options.volumetric === true,
    kind,
    squeezeTrailing: writeShaped,
    subfileType: options.subfileType,
  });
  if (layout.inferredRgb && dtype.name !== 'uint8' && dtype.name !== 'uint16') {
    warn(
      'rgb-inferred',
      `data with shape ${describeValue(input.shape)} and dtype ${dtype.name} are stored as RGB with contiguous samples; ` +
        "pass photometric: 'minisblack' (or 'rgb') to say what you mean",
    );
  }
  const stored = layout.storedShape;
  if (stored.frames > 1 && stored.width * stored.length === 0) {
    throw new TiffError('UNSUPPORTED', `zero-size pages are not supported yet (shape ${describeValue(input.shape)})`, {
      option: 'shape',
    });
  }

  // Strips (§6.1): uncompressed data is one strip per plane unless rowsPerStrip asks for fewer rows.
  let rowsPerStrip = stored.length;
  if (options.rowsPerStrip !== undefined && options.rowsPerStrip !== null) {
    rowsPerStrip = Math.min(positiveInteger(options.rowsPerStrip, 'rowsPerStrip'), stored.length);
  }
  rowsPerStrip = Math.max(rowsPerStrip, 1);
  const rowBytes = stored.width * stored.contigSamples * dtype.itemSize;
  const stripsPerPlane = Math.max(1, Math.ceil(stored.length / rowsPerStrip));
  const segmentBytes: number[] = [];
  for (let plane = 0; plane < stored.separateSamples * stored.depth; plane++) {
    for (let strip = 0; strip < stripsPerPlane; strip++) {
      const rows = Math.min(rowsPerStrip, stored.length - strip * rowsPerStrip);
      segmentBytes.push(rows * rowBytes);
    }
  }
  const pageBytes = segmentBytes.reduce((a, b) => a + b, 0);

  const offsetType = format.bigtiff ? FieldType.LONG8 : FieldType.LONG;
  let byteCountType: FieldType = offsetType;
  if (segmentBytes.length > 1) {
    const first = segmentBytes[0] as number;
    byteCountType =
      first < 2 ** 16 ? FieldType.SHORT : first < 2 ** 32 || !format.bigtiff ? FieldType.LONG : FieldType.LONG8;
  }

  const align = options.align === undefined || options.align === null ? 16 : positiveInteger(options.align, 'align');

  // Tags (§4): tiffkit's own first, then extra tags; write-once tags only on the first page.
  const every: IfdEntry[] = [];
  const once: IfdEntry[] = [];
  const { samples } = layout;
  if (options.subfileType !== undefined && options.subfileType !== null) {
    if (!Number.isInteger(options.subfileType) || options.subfileType < 0 || options.subfileType > 0xffff_ffff) {
      throw invalidOption('subfileType', options.subfileType, 'a NewSubfileType bit mask (0..2**32-1)');
    }
    every.push({ code: 254, type: FieldType.LONG, value: [options.subfileType] });
  }
  every.push({ code: 256, type: FieldType.LONG, value: [stored.width] });
  every.push({ code: 257, type: FieldType.LONG, value: [stored.length] });
  every.push({ code: 258, type: FieldType.SHORT, value: new Array(samples).fill(dtype.bitsPerSample) });
  every.push({ code: 259, type: FieldType.SHORT, value: [Compression.NONE] });
  every.push({ code: 262, type: FieldType.SHORT, value: [layout.photometric] });
  if (options.description !== undefined && options.description !== null) {
    const { description } = options;
    if (description instanceof Uint8Array) {
      once.push({
        code: 270,
        type: FieldType.ASCII,
        value: { packed: description.at(-1) === 0 ? description : Uint8Array.of(...description, 0) },
        label: 'description',
      });
    } else if (typeof description === 'string') {
      once.push({
        code: 270,
        type: FieldType.ASCII,
        value: asciiValue(description, 'description'),
        label: 'description',
      });
    } else {
      throw invalidOption('description', description, 'a string (7-bit ASCII) or a Uint8Array');
    }
  }
  const shapedMetadata = writeShaped ? (metadata as Record<string, unknown>) : undefined;
  if (shapedMetadata) {
    const json = shapedDescription(input.shape, shapedMetadata, false, warn);
    once.push({ code: 270, type: FieldType.ASCII, value: { packed: json }, reserve: SHAPED_RESERVE, label: 'shaped' });
  }
  every.push({ code: 277, type: FieldType.SHORT, value: [samples] });
  every.push({ code: 278, type: FieldType.LONG, value: [rowsPerStrip] });
  const [xres, yres] = resolutionValue(options.resolution);
  every.push({ code: 282, type: FieldType.RATIONAL, value: xres as [number, number] });
  every.push({ code: 283, type: FieldType.RATIONAL, value: yres as [number, number] });
  if (samples > 1)
    every.push({ code: 284, type: FieldType.SHORT, value: [layout.planarConfig ?? PlanarConfig.CONTIG] });
  every.push({
    code: 296,
    type: FieldType.SHORT,
    value: [
      resolutionUnitValue(
        options.resolutionUnit,
        options.resolution !== undefined && options.resolution !== null,
        kind === 'imagej',
      ),
    ],
  });
  const software = options.software === undefined || options.software === null ? 'tiffkit' : options.software;
  if (software !== false && software !== '') {
    if (typeof software !== 'string') throw invalidOption('software', software, 'a string, or false to omit the tag');
    once.push({ code: 305, type: FieldType.ASCII, value: asciiValue(software, 'software') });
  }
  const datetime = datetimeValue(options.datetime);
  if (datetime !== undefined) once.push({ code: 306, type: FieldType.ASCII, value: datetime });
  if (useColormap) every.push({ code: 320, type: FieldType.SHORT, value: useColormap });
  if (layout.extraSamples !== false && layout.extraSamples.length > 0) {
    every.push({ code: 338, type: FieldType.SHORT, value: layout.extraSamples });
  }
  if (dtype.sampleFormat !== 1)
    every.push({ code: 339, type: FieldType.SHORT, value: new Array(samples).fill(dtype.sampleFormat) });
  if (layout.volumetric) every.push({ code: 32997, type: FieldType.LONG, value: [stored.depth] });
  if (options.jpegTables !== undefined && options.jpegTables !== null) {
    if (!(options.jpegTables instanceof Uint8Array))
      throw invalidOption('jpegTables', options.jpegTables, 'a Uint8Array');
    every.push({ code: 347, type: FieldType.UNDEFINED, value: { packed: options.jpegTables } });
  }
  if (options.iccProfile !== undefined && options.iccProfile !== null) {
    if (!(options.iccProfile instanceof Uint8Array))
      throw invalidOption('iccProfile', options.iccProfile, 'a Uint8Array');
    every.push({ code: 34675, type: FieldType.UNDEFINED, value: { packed: options.iccProfile } });
  }

  const own = new Set([...every, ...once].map((e) => e.code));
  const extra: ParsedExtraTag[] = parseExtraTags(options.extraTags, warn, own);
  const firstPageEntries = [...every, ...once, ...extra.map((t) => t.entry)];
  const otherPageEntries = [...every, ...extra.filter((t) => !t.writeOnce).map((t) => t.entry)];

  return {
    input,
    dtype,
    shape: input.shape,
    layout,
    stored,
    rowsPerStrip,
    segmentBytes,
    pageBytes,
    contiguousCapable: true,
    offsetType,
    byteCountType,
    colormap: useColormap,
    firstPageEntries,
    otherPageEntries,
    shapedMetadata,
    disablesShaped: metadata === null,
    align,
    returnOffset: options.returnOffset === true,
  };
}

/** A page's entries with its segment offsets and byte counts added. */
export function pageEntries(
  plan: SeriesPlan,
  first: boolean,
  offsets: readonly number[],
  byteCounts: readonly number[],
): IfdEntry[] {
  return [
    ...(first ? plan.firstPageEntries : plan.otherPageEntries),
    { code: 273, type: plan.offsetType, value: offsets },
    { code: 279, type: plan.byteCountType, value: byteCounts },
  ];
}
