import { describeValue, invalidOption, TiffError } from '@tiffkit/tiff-core/errors.js';
import type { StoredShape } from './samples.js';

/** How the pages of a series are cut into segments (strips or tiles). */
export interface SegmentGeometry {
  readonly tiled: boolean;
  /** Tile `[depth, length, width]`; for strips `[1, rowsPerStrip, width]`. */
  readonly tile: readonly [number, number, number];
  readonly rowsPerStrip: number;
  /** Segments of a page along separate samples, depth, rows and columns. */
  readonly grid: readonly [number, number, number, number];
  readonly segmentsPerPage: number;
  /** 3-D tiles (TileDepth is written). */
  readonly volumetricTiles: boolean;
}

/** Parse the `tile` option: `[length, width]` or `[depth, length, width]`, width and length multiples of 16. */
export function parseTile(tile: unknown): readonly number[] | undefined {
  if (tile === undefined || tile === null) return undefined;
  const ok =
    Array.isArray(tile) &&
    (tile.length === 2 || tile.length === 3) &&
    tile.every((n) => Number.isInteger(n) && n >= 1) &&
    (tile.at(-1) as number) % 16 === 0 &&
    (tile.at(-2) as number) % 16 === 0;
  if (!ok) {
    throw invalidOption(
      'tile',
      tile,
      '[length, width] or [depth, length, width] of positive integers, length and width multiples of 16',
    );
  }
  return tile as number[];
}

/** Tiles of a page, or strips of `rowsPerStrip` rows. */
export function planGeometry(
  stored: StoredShape,
  tile: readonly number[] | undefined,
  volumetric: boolean,
  rowsPerStrip: number,
): SegmentGeometry {
  const { separateSamples: separate, depth, length, width } = stored;
  if (tile) {
    let [td, tl, tw] =
      tile.length === 3 ? (tile as [number, number, number]) : [1, tile[0] as number, tile[1] as number];
    if (!volumetric && td > 1) {
      throw new TiffError(
        'INCOMPATIBLE_OPTIONS',
        `tile=${describeValue(tile)} is volumetric (depth ${td}) but the data is not volumetric; pass volumetric: true with data of at least 3 dimensions, or a 2-D tile`,
        { option: 'tile' },
      );
    }
    if (!volumetric) td = 1;
    const grid = [separate, Math.ceil(depth / td), Math.ceil(length / tl), Math.ceil(width / tw)] as const;
    return {
      tiled: true,
      tile: [td, tl, tw],
      rowsPerStrip: 0,
      grid,
      segmentsPerPage: grid[0] * grid[1] * grid[2] * grid[3],
      volumetricTiles: volumetric,
    };
  }
  const rps = Math.max(1, Math.min(rowsPerStrip, length));
  const grid = [separate, depth, Math.max(1, Math.ceil(length / rps)), 1] as const;
  return {
    tiled: false,
    tile: [1, rps, width],
    rowsPerStrip: rps,
    grid,
    segmentsPerPage: grid[0] * grid[1] * grid[2],
    volumetricTiles: false,
  };
}

/**
 * Uncompressed bytes of every segment of a page: full tiles (edge tiles are padded), or strips (the last
 * strip of each plane short). `rowBytes(values)` gives the stored bytes of one row of `values` samples.
 */
export function segmentSizes(
  geometry: SegmentGeometry,
  stored: StoredShape,
  rowBytes: (values: number) => number,
): number[] {
  const sizes: number[] = [];
  const [td, tl, tw] = geometry.tile;
  if (geometry.tiled) {
    const size = td * tl * rowBytes(tw * stored.contigSamples);
    for (let i = 0; i < geometry.segmentsPerPage; i++) sizes.push(size);
    return sizes;
  }
  const row = rowBytes(stored.width * stored.contigSamples);
  for (let plane = 0; plane < geometry.grid[0] * geometry.grid[1]; plane++) {
    for (let strip = 0; strip < geometry.grid[2]; strip++) {
      sizes.push(Math.min(tl, stored.length - strip * tl) * row);
    }
  }
  return sizes;
}
