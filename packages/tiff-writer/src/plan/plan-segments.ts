import { defaultRowsPerStrip } from '@tiffkit/tiff-codecs/strips.js';
import type { DType } from '@tiffkit/tiff-core/dtype.js';
import { Compression } from '@tiffkit/tiff-core/enums.js';
import { invalidOption, TiffError } from '@tiffkit/tiff-core/errors.js';
import { FieldType } from '@tiffkit/tiff-core/field-types.js';
import type { TiffFormat } from '@tiffkit/tiff-core/format.js';
import type { SeriesInput } from '../intake/intake.js';
import type { WriteOptions } from '../options.js';
import { planGeometry, type SegmentGeometry, segmentSizes } from './geometry.js';
import type { JpegPlan } from './jpeg.js';
import type { StoredShape } from './samples.js';
import { positiveInteger } from './series-options.js';
import type { CodecPlan, SegmentSizes } from './series-plan.js';

/**
 * Segments written page by page are held in memory whole (padded tiles, segments to encode): 2 GiB is
 * the most one may hold, far beyond what any reader wants from one strip or tile.
 */
const MAX_BUFFERED_SEGMENT = 2 ** 31 - 1;

/** How the pages of a series are cut into segments, and how large those are. */
export interface SegmentPlan {
  readonly geometry: SegmentGeometry;
  readonly segments: SegmentSizes;
  /** Uncompressed, unpacked strips (or one tile covering the page): all pages' data is one block. */
  readonly contiguousCapable: boolean;
}

/** What cutting a series into segments depends on. */
export interface SegmentRequest {
  readonly input: SeriesInput;
  readonly dtype: DType;
  readonly stored: StoredShape;
  readonly volumetric: boolean;
  readonly tile: readonly number[] | undefined;
  readonly codec: CodecPlan;
  readonly jpeg: JpegPlan | undefined;
  readonly format: TiffFormat;
}

/** Compressed strips hold about 256 KiB of raw data (tifffile's default), uncompressed ones a whole plane. */
function planRowsPerStrip(request: SegmentRequest, options: WriteOptions): number {
  const { stored, dtype, codec, jpeg, tile } = request;
  let rows = defaultRowsPerStrip(
    stored.width * stored.contigSamples * dtype.itemSize,
    codec.compression !== Compression.NONE,
    stored.length,
  );
  if (options.rowsPerStrip !== undefined && options.rowsPerStrip !== null) {
    rows = positiveInteger(options.rowsPerStrip, 'rowsPerStrip');
  }
  if (!jpeg) return rows;
  // Strips and tiles of whole MCUs (tifffile rounds RowsPerStrip up, and refuses other tiles).
  const block = jpeg.blockSize;
  if (tile && ((tile.at(-1) as number) % block) + ((tile.at(-2) as number) % block) !== 0) {
    throw invalidOption(
      'tile',
      tile,
      `a tile shape whose length and width are multiples of ${block} for this JPEG subsampling`,
    );
  }
  return Math.ceil(rows / block) * block;
}

/** Offsets are LONG (LONG8 in BigTIFF); byte counts follow tifffile's rule from the first segment's size. */
function countTypes(raw: readonly number[], compressed: boolean, format: TiffFormat): [FieldType, FieldType] {
  const offsetType = format.bigtiff ? FieldType.LONG8 : FieldType.LONG;
  if (raw.length <= 1) return [offsetType, offsetType];
  const first = (raw[0] as number) * (compressed ? 10 : 1);
  const byteCountType =
    first < 2 ** 16 ? FieldType.SHORT : first < 2 ** 32 || !format.bigtiff ? FieldType.LONG : FieldType.LONG8;
  return [offsetType, byteCountType];
}

/** Strips or tiles of a series, their sizes, and whether the data can be stored as one block. */
export function planSegments(request: SegmentRequest, options: WriteOptions): SegmentPlan {
  const { input, dtype, stored, codec, format } = request;
  const geometry = planGeometry(stored, request.tile, request.volumetric, planRowsPerStrip(request, options));
  const [td, tl, tw] = geometry.tile;
  const singleTile = !geometry.tiled || (td === stored.depth && tl === stored.length && tw === stored.width);
  // Iterators of tiles or of encoded segments give segments, not pages: they are written page by page.
  const segmentItems = input.kind === 'iterator' && (input.encoded || geometry.tiled);
  const compressed = codec.compression !== Compression.NONE;
  const contiguousCapable = !compressed && !codec.packed && singleTile && !segmentItems;
  if (input.kind === 'empty' && !contiguousCapable && (compressed || codec.packed)) {
    throw new TiffError(
      'INCOMPATIBLE_OPTIONS',
      'empty (null) data cannot be compressed or bit-packed: write zeros instead',
      {
        option: compressed ? 'compression' : 'dtype',
      },
    );
  }
  const itemBits = dtype.kind === 'bool' ? 1 : codec.bitsPerSample;
  const raw = segmentSizes(geometry, stored, (values) => values * dtype.itemSize);
  const largest = raw.reduce((a, b) => Math.max(a, b), 0);
  if (!contiguousCapable && largest > MAX_BUFFERED_SEGMENT) {
    const option = geometry.tiled ? 'tile' : 'rowsPerStrip';
    throw invalidOption(
      option,
      geometry.tiled ? request.tile : geometry.rowsPerStrip,
      `segments of at most 2 GiB (this one holds ${largest} bytes): a smaller ${geometry.tiled ? 'tile' : 'rowsPerStrip'}`,
    );
  }
  const storedSizes = codec.packed
    ? segmentSizes(geometry, stored, (values) => Math.ceil((values * itemBits) / 8))
    : raw;
  const [offsetType, byteCountType] = countTypes(raw, compressed, format);
  const pageBytes = storedSizes.reduce((a, b) => a + b, 0);
  return {
    geometry,
    segments: { raw, stored: storedSizes, pageBytes, offsetType, byteCountType },
    contiguousCapable,
  };
}
