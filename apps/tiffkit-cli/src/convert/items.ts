import type { TypedArray } from '@tiffkit/tiff-core';
import type { ArrayLike as WriterArray } from '@tiffkit/tiff-writer';
import type { PyramidBuilder } from './pyramid.js';
import { type ArraySource, pageGeometry } from './source.js';

/** What a stream of items needs besides the source. */
export interface ItemStreamOptions {
  /** Trailing dimensions that make a page (2, or 3 with samples). */
  readonly pageDims: number;
  /** Tile `[length, width]`, or undefined to yield whole pages (strips). */
  readonly tile: readonly [number, number] | undefined;
  /** Tiled output: rows read at once, a multiple of the tile length (default: the tile length). */
  readonly bandRows?: number;
  readonly pyramid?: PyramidBuilder;
  /** Called before every read: throws to stop (an interruption). */
  readonly check: () => void;
  /** Bytes of values handed on. */
  readonly advance: (bytes: number) => void;
}

/**
 * The items the writer's iterator input takes, read from `source` one band at a time: whole pages for
 * strips, or tiles in tile order (page, tile row, tile column; edge tiles at their real size, which the
 * writer pads). Each band also feeds the pyramid builder, so levels cost no second read.
 */
export async function* sourceItems(source: ArraySource, options: ItemStreamOptions): AsyncGenerator<WriterArray> {
  const { pageDims, tile, pyramid, check, advance } = options;
  const { frames, length, width, samples } = pageGeometry(source.shape, pageDims);
  const pageShape = source.shape.slice(source.shape.length - pageDims);
  const dtype = source.dtype.name;
  const itemSize = source.dtype.itemSize;
  const values = samples * source.dtype.carriersPerElement; // carrier values per pixel
  const sampleShape = pageShape.slice(2);
  for (let frame = 0; frame < frames; frame++) {
    if (!tile) {
      check();
      const page = await source.readBand(frame, 0, length, pageDims);
      await pyramid?.push(page, length);
      await pyramid?.endPlane();
      advance(length * width * samples * itemSize);
      yield { data: page, shape: pageShape, dtype };
      continue;
    }
    const [tl, tw] = tile;
    const bandRows = options.bandRows ?? tl;
    for (let b0 = 0; b0 < length; b0 += bandRows) {
      check();
      const band = await source.readBand(frame, b0, Math.min(b0 + bandRows, length), pageDims);
      await pyramid?.push(band, Math.min(bandRows, length - b0));
      for (let y0 = b0; y0 < Math.min(b0 + bandRows, length); y0 += tl) {
        const rows = Math.min(tl, length - y0);
        const first = (y0 - b0) * width * values;
        const tileRows = band.subarray(first, first + rows * width * values) as TypedArray;
        for (let x0 = 0; x0 < width; x0 += tw) {
          const columns = Math.min(tw, width - x0);
          const data = copyTile(tileRows, rows, width * values, x0 * values, columns * values);
          advance(rows * columns * samples * itemSize);
          yield { data, shape: [rows, columns, ...sampleShape], dtype };
        }
      }
    }
    await pyramid?.endPlane();
  }
}

/** Rows `[0, rows)`, values `[from, from + count)` of each row, as a new C-contiguous array. */
function copyTile(band: TypedArray, rows: number, rowValues: number, from: number, count: number): TypedArray {
  const Carrier = band.constructor as new (length: number) => TypedArray;
  const out = new Carrier(rows * count);
  const target = out as unknown as { set(source: ArrayLike<unknown>, offset: number): void };
  for (let y = 0; y < rows; y++) {
    const start = y * rowValues + from;
    target.set(band.subarray(start, start + count) as unknown as ArrayLike<unknown>, y * count);
  }
  return out;
}
