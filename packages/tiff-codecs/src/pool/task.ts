import { type DTypeName, DTypes } from '@tiffkit/tiff-core/dtype.js';
import type { ByteOrder } from '@tiffkit/tiff-core/format.js';
import type { CompressionArgs } from '../codec.js';
import type { SegmentLayout } from '../layout.js';
import { loadedCodec } from '../lazy/loader.js';
import { packBilevel } from '../pack/bilevel.js';
import { applyPredictor } from '../predictor/apply.js';

/**
 * Segments to encode, as plain data (it crosses into workers): raw samples in the file's byte order
 * (bool: one byte per value), then bit packing, the predictor and the codec. `data` holds `segments`
 * (default 1) segments of equal size one after the other, each `rows` rows of `width` pixels: one
 * message, one transfer and one reply for several tiles rather than one each.
 *
 * @internal Plumbing for the other @tiffkit packages, outside the semver-stable API.
 */
export interface EncodeTask {
  readonly data: Uint8Array;
  readonly width: number;
  readonly rows: number;
  readonly samples: number;
  readonly dtype: DTypeName;
  readonly byteOrder: ByteOrder;
  readonly predictor: number;
  readonly compression: number;
  readonly args: CompressionArgs;
  readonly segments?: number;
}

/** Encode one segment of raw bytes. */
function encodeSegment(task: EncodeTask, raw: Uint8Array): Uint8Array {
  const dtype = DTypes[task.dtype];
  let data = raw;
  const layout: SegmentLayout = {
    width: task.width,
    rows: task.rows,
    samples: task.samples,
    dtype,
    byteOrder: task.byteOrder,
  };
  if (dtype.kind === 'bool') data = packBilevel(data, task.width * task.samples, task.rows);
  else if (task.predictor !== 1) data = applyPredictor(task.predictor, data, layout);
  return loadedCodec(task.compression).encode(data, layout, task.args);
}

/**
 * Encode a task's first segment in this thread: the same bytes a worker produces. The codec must be
 * loaded (`await loadCodec(task.compression)`), except NONE and, once `codecs` is imported, the
 * built-ins.
 *
 * @internal Plumbing for the other @tiffkit packages, outside the semver-stable API.
 */
export function encodeTask(task: EncodeTask): Uint8Array {
  const count = task.segments ?? 1;
  return encodeSegment(task, count === 1 ? task.data : task.data.subarray(0, task.data.length / count));
}

/**
 * Encode every segment of a task in this thread, in order (see `encodeTask`).
 *
 * @internal Plumbing for the other @tiffkit packages, outside the semver-stable API.
 */
export function encodeSegments(task: EncodeTask): Uint8Array[] {
  const count = task.segments ?? 1;
  if (count === 1) return [encodeSegment(task, task.data)];
  const size = task.data.length / count;
  return Array.from({ length: count }, (_, i) => encodeSegment(task, task.data.subarray(i * size, (i + 1) * size)));
}
