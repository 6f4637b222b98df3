import { enumName, Photometric, PlanarConfig } from '@tiffkit/tiff-core/enums.js';
import { TiffError } from '@tiffkit/tiff-core/errors.js';
import { FieldType } from '@tiffkit/tiff-core/field-types.js';
import type { ByteOrder } from '@tiffkit/tiff-core/format.js';
import type { IfdEntry } from '@tiffkit/tiff-core/ifd-encode.js';
import { TagCode } from '@tiffkit/tiff-core/tags.js';
import {
  checkImagejData,
  encodeIjMetadata,
  IMAGEJ_DESCRIPTION_RESERVE,
  type ImageJPhotometric,
  type ImageJShape,
  imagejColormapUse,
  imagejDescription,
  imagejShape,
} from '@tiffkit/tiff-meta-imagej';
import type { SeriesInput } from '../../intake/intake.js';
import type { StridedArray } from '../../intake/strided.js';
import type { WriteOptions } from '../../options.js';
import type { EntryLabel } from '../../plan/entry-labels.js';
import { parsePhotometric, parsePlanarConfig } from '../../plan/samples.js';
import type { Warn } from '../../plan/series-plan.js';
import { asciiTagBytes } from '../../plan/tag-values.js';
import { asTiffError } from '../meta-errors.js';

/** An ImageJ hyperstack: the data as TZCYXS, and what the description is made from. */
export interface ImagejSeries {
  /** The hyperstack shape of one write() call. */
  readonly shape: ImageJShape;
  readonly rgb: boolean;
  readonly colormapped: boolean;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** What planning an ImageJ series gives the writer. */
export interface ImagejPlan {
  readonly series: ImagejSeries;
  /** The input reshaped to TZCYX(S) (only size-1 dimensions differ: no data is copied). */
  readonly input: SeriesInput;
  /** Options as the layout needs them: photometric, planar configuration and colormap decided. */
  readonly options: WriteOptions;
  /** First-page entries: the ImageJ description (with reserved NULs) and the IJMetadata tags. */
  readonly entries: readonly IfdEntry[];
}

/** The description text as ASCII bytes with its terminating NUL. */
export function descriptionBytes(series: ImagejSeries, shape: ImageJShape = series.shape): Uint8Array {
  const text = asTiffError(() =>
    imagejDescription(shape, { rgb: series.rgb, colormapped: series.colormapped, metadata: series.metadata }),
  );
  return asciiTagBytes(text);
}

/** The shape of a series that grew by `calls` contiguous writes: along T (refused when T cannot say so). */
export function grownShape(series: ImagejSeries, calls: number): ImageJShape {
  const [t, z, c, y, x, s] = series.shape;
  const axes = series.metadata['axes'];
  if (t === 1 || typeof axes !== 'string' || axes.toUpperCase().startsWith('T')) return [t * calls, z, c, y, x, s];
  throw new TiffError(
    'INCOMPATIBLE_OPTIONS',
    `an ImageJ hyperstack with axes '${axes}' and more than one T cannot grow by contiguous writes`,
    {
      option: 'contiguous',
    },
  );
}

/** The same strided array with size-1 dimensions inserted or removed (strides follow the other dimensions). */
function reshapeOnes(array: StridedArray, shape: readonly number[]): StridedArray {
  const strides: number[] = [];
  let from = 0;
  for (const n of shape) {
    while (from < array.shape.length && array.shape[from] === 1 && n !== 1) from++;
    if (n === 1) {
      strides.push(0);
      if (from < array.shape.length && array.shape[from] === 1) from++;
      continue;
    }
    strides.push(array.strides[from] as number);
    from++;
  }
  return { ...array, shape, strides };
}

/** How the colormap of an ImageJ file is used: a palette (uint8), a LUT (uint16, float32), or not at all. */
type ColormapUse = 'palette' | 'lut' | 'ignored' | undefined;

/** The hyperstack a write() call is: its TZCYXS shape, RGB or not, and how its colormap is used. */
function hyperstackOf(input: SeriesInput, options: WriteOptions, warn: Warn) {
  const metadata = options.metadata ?? {};
  const photometric = parsePhotometric(options.photometric);
  const name =
    photometric === undefined ? undefined : (enumName(Photometric, photometric)?.toLowerCase() as ImageJPhotometric);
  const colormap = options.colormap !== undefined && options.colormap !== null;
  const axes = metadata['axes'];
  const dtype = input.dtype.name;
  const { shape, rgb } = asTiffError(() =>
    imagejShape(input.shape, {
      axes: typeof axes === 'string' ? axes : undefined,
      dtype,
      photometric: name,
      colormapped: colormap,
    }),
  );
  const planar = parsePlanarConfig(options.planarConfig);
  const planarConfig =
    planar === PlanarConfig.SEPARATE ? 'separate' : planar === PlanarConfig.CONTIG ? 'contig' : undefined;
  const volumetric = options.volumetric === true || options.tile?.length === 3;
  asTiffError(() => checkImagejData({ dtype, shape, planarConfig, volumetric }));
  const use: ColormapUse = colormap ? imagejColormapUse({ dtype, photometric: name, rgb }) : undefined;
  if (use === 'ignored')
    warn('colormap-ignored', `not writing colormap to an ImageJ file of ${dtype} ${rgb ? 'RGB ' : ''}data`);
  return { shape, rgb, photometric, use };
}

/** The first page's ImageJ entries: the description (with reserved NULs) and the IJMetadata tags. */
function imagejEntries(series: ImagejSeries, byteOrder: ByteOrder, crashSafe: boolean): IfdEntry[] {
  const description = descriptionBytes(series);
  // Crash-safe, a grown description is written beside the current one and switched to (layout/
  // rewritable-text.ts): the space holds two copies, each with room for its counts to grow.
  const reserve = crashSafe ? description.length + 2 * IMAGEJ_DESCRIPTION_RESERVE : IMAGEJ_DESCRIPTION_RESERVE;
  const entries: IfdEntry[] = [
    {
      code: TagCode.ImageDescription,
      type: FieldType.ASCII,
      value: { packed: description },
      reserve,
      label: 'metadata' satisfies EntryLabel,
    },
  ];
  const ij = asTiffError(() => encodeIjMetadata(series.metadata, byteOrder));
  if (ij) {
    entries.push({ code: TagCode.IJMetadataByteCounts, type: FieldType.LONG, value: ij.byteCounts });
    entries.push({ code: TagCode.IJMetadata, type: FieldType.BYTE, value: { packed: ij.data } });
  }
  return entries;
}

/** The photometric an ImageJ page is stored with. */
function storedPhotometric(rgb: boolean, use: ColormapUse, photometric: Photometric | undefined): Photometric {
  if (rgb) return Photometric.RGB;
  if (use === 'palette') return Photometric.PALETTE;
  return photometric === Photometric.MINISWHITE ? Photometric.MINISWHITE : Photometric.MINISBLACK;
}

/**
 * ImageJ's rules (§8.2), checked before anything is written: the shape mapped onto TZCYXS, the dtype,
 * planar data, volumes and colormaps, and the description's metadata (which must be safe ImageJ text).
 */
export function planImagej(
  input: SeriesInput,
  options: WriteOptions,
  byteOrder: ByteOrder,
  warn: Warn,
  /** The file has its hyperstack already. */
  written: boolean,
  /** The description will be replaced as the hyperstack grows: it reserves room for a second copy. */
  crashSafe = false,
): ImagejPlan {
  if (written) {
    throw new TiffError(
      'INCOMPATIBLE_OPTIONS',
      'the ImageJ format does not support several series: grow the one series with contiguous: true',
      { option: 'contiguous' },
    );
  }
  if (options.subIfds)
    throw new TiffError('UNSUPPORTED', 'the ImageJ format does not support SubIFDs (pyramids)', { option: 'subIfds' });
  const { shape, rgb, photometric, use } = hyperstackOf(input, options, warn);
  if (options.description !== undefined && options.description !== null) {
    warn('description-ignored', 'not writing description to an ImageJ file: the ImageJ text is the description');
  }
  if (options.tile !== undefined && options.tile !== null)
    warn('imagej-tiles', 'ImageJ 1.x cannot open tiled TIFF files (Fiji with Bio-Formats can)');
  const metadata = options.metadata ?? {};
  const series: ImagejSeries = { shape, rgb, colormapped: use === 'palette' || use === 'lut', metadata };
  const stored = rgb ? [...shape] : shape.slice(0, 5);
  const reshaped: SeriesInput =
    input.kind === 'array'
      ? { ...input, shape: stored, array: reshapeOnes(input.array, stored) }
      : { ...input, shape: stored };
  const layoutOptions: WriteOptions = {
    ...options,
    shape: undefined,
    description: undefined,
    photometric: storedPhotometric(rgb, use, photometric),
    planarConfig: rgb ? PlanarConfig.CONTIG : undefined,
    colormap: series.colormapped ? options.colormap : undefined,
  };
  return { series, input: reshaped, options: layoutOptions, entries: imagejEntries(series, byteOrder, crashSafe) };
}
