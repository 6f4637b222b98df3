import { describeValue, TiffError } from '@tiffkit/tiff-core/errors.js';
import type { ByteOrder } from '@tiffkit/tiff-core/format.js';
import { elementBytes, storedAsIs } from '../intake/strided.js';
import type { SeriesPlan } from '../plan/series-plan.js';
import { type PageData, pageElements } from './page-source.js';

/** Bytes of tiles cut into one buffer (see `rawSegments`). */
export const SLAB_BYTES = 1024 * 1024;

/**
 * The uncompressed, unpacked segments (strips or padded tiles) of a page, in segment order and in the
 * file's byte order. Strips of contiguous arrays are views of the caller's memory (never modified).
 */
export function* rawSegments(plan: SeriesPlan, page: PageData | null, byteOrder: ByteOrder): Generator<Uint8Array> {
  const { stored, geometry, dtype } = plan;
  const [planes, zTiles, rows, columns] = geometry.grid;
  const [td, tl, tw] = geometry.tile;
  const contig = stored.contigSamples;
  const rowValues = stored.width * contig;
  const itemSize = dtype.itemSize;
  let segment = 0;
  if (!geometry.tiled) {
    for (let plane = 0; plane < planes * zTiles; plane++) {
      for (let strip = 0; strip < rows; strip++, segment++) {
        const size = plan.segments.raw[segment] as number;
        if (page === null) {
          yield new Uint8Array(size);
          continue;
        }
        const first = (plane * stored.length + strip * tl) * rowValues;
        yield elementBytes(page.array, page.start + first, size / itemSize, byteOrder);
      }
    }
    return;
  }
  const tileBytes = plan.segments.raw[0] as number;
  // Tiles are cut into slabs of several, one allocation each: consecutive tiles of a slab go to a
  // worker in one message (see SegmentEncoder), and a few large buffers cost less than many.
  const perSlab = Math.max(1, Math.floor(SLAB_BYTES / tileBytes));
  const tiles = planes * zTiles * rows * columns;
  let slab = new Uint8Array(0);
  // The page's bytes as they are, when they need no conversion: one view for the page rather than a
  // conversion call per tile row.
  const asIs =
    page !== null && storedAsIs(page.array, byteOrder)
      ? elementBytes(page.array, page.start, pageElements(plan), byteOrder)
      : undefined;
  for (let s = 0; s < planes; s++) {
    for (let tz = 0; tz < zTiles; tz++) {
      for (let ty = 0; ty < rows; ty++) {
        for (let tx = 0; tx < columns; tx++, segment++) {
          const inSlab = segment % perSlab;
          if (inSlab === 0) slab = new Uint8Array(Math.min(perSlab, tiles - segment) * tileBytes);
          const tile = slab.subarray(inSlab * tileBytes, (inSlab + 1) * tileBytes);
          if (page !== null) {
            const x0 = tx * tw;
            const runValues = Math.min(tw, stored.width - x0) * contig;
            for (let dz = 0; dz < td && tz * td + dz < stored.depth; dz++) {
              const z = tz * td + dz;
              for (let dy = 0; dy < tl && ty * tl + dy < stored.length; dy++) {
                const y = ty * tl + dy;
                const first = ((s * stored.depth + z) * stored.length + y) * rowValues + x0 * contig;
                const run = asIs
                  ? asIs.subarray(first * itemSize, (first + runValues) * itemSize)
                  : elementBytes(page.array, page.start + first, runValues, byteOrder);
                tile.set(run, (dz * tl + dy) * tw * contig * itemSize);
              }
            }
          }
          yield tile;
        }
      }
    }
  }
}

/**
 * A tile given by an iterator as stored bytes of the full tile: items smaller than the tile shape are
 * zero-padded (as edge tiles are), larger ones refused. An item's shape is `([depth,] length, width
 * [, samples])`, leading 1s allowed; a flat item must hold exactly one full tile.
 */
export function padTile(plan: SeriesPlan, values: Uint8Array, itemShape: readonly number[], index: number): Uint8Array {
  const [td, tl, tw] = plan.geometry.tile;
  const contig = plan.stored.contigSamples;
  const item = plan.dtype.itemSize;
  const full = td * tl * tw * contig * item;
  const shape = [...itemShape];
  while (shape.length > 2 && shape[0] === 1) shape.shift();
  if (shape.length === 1) {
    if (values.length === full) return values;
    throw tileError(index, itemShape, plan);
  }
  if (contig > 1 && shape.pop() !== contig) throw tileError(index, itemShape, plan);
  const [d, l, w] =
    shape.length === 3 ? (shape as [number, number, number]) : [1, shape[0] as number, shape[1] as number];
  if (shape.length > 3 || d > td || l > tl || w > tw) throw tileError(index, itemShape, plan);
  if (d === td && l === tl && w === tw) return values;
  const out = new Uint8Array(full);
  const rowBytes = w * contig * item;
  for (let z = 0; z < d; z++) {
    for (let y = 0; y < l; y++) {
      const from = (z * l + y) * rowBytes;
      out.set(values.subarray(from, from + rowBytes), (z * tl + y) * tw * contig * item);
    }
  }
  return out;
}

function tileError(index: number, shape: readonly number[], plan: SeriesPlan): TiffError {
  const [td, tl, tw] = plan.geometry.tile;
  const samples = plan.stored.contigSamples > 1 ? `, ${plan.stored.contigSamples}` : '';
  return new TiffError(
    'INVALID_DATA',
    `tile ${index} has shape ${describeValue(shape)}; tiles are at most [${plan.geometry.volumetricTiles ? `${td}, ` : ''}${tl}, ${tw}${samples}] (smaller ones are zero-padded)`,
    { option: 'data' },
  );
}
