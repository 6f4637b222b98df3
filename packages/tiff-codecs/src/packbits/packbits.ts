import { Compression } from '@tiffkit/tiff-core/enums.js';
import { TiffError } from '@tiffkit/tiff-core/errors.js';
import type { Codec } from '../codec.js';
import { rowByteLength, type SegmentLayout } from '../layout.js';
import { Scratch } from '../scratch.js';

const scratch = new Scratch();

/**
 * Output never exceeds a header per 128 literal bytes (the classic PackBits worst case); the bound
 * here adds slack per row so the scratch buffer is safe whatever the run structure.
 */
function maxEncodedLength(n: number, rowBytes: number): number {
  const rows = rowBytes > 0 ? Math.ceil(n / rowBytes) : 0;
  return n + rows * (Math.ceil(rowBytes / 128) + 2);
}

/**
 * Encode the row `data[start, end)` as PackBits at `out[o]`; returns the new output position.
 * Runs of 3 or more equal bytes become repeat runs. A run of exactly 2 joins an open literal run when
 * it fits (as Apple's TN1023 advises: written as a repeat run it would cost the same 2 bytes plus a new
 * header for the literal after it), else it is a repeat run. So no row grows by more than one header
 * byte per 128 bytes.
 */
function encodeRow(data: Uint8Array, start: number, end: number, out: Uint8Array, o: number): number {
  let literal = -1; // output position of the open literal run's header, -1 when none is open
  let literalCount = 0;
  let i = start;
  while (i < end) {
    const b = data[i] as number;
    let j = i + 1;
    const runEnd = Math.min(end, i + 128);
    while (j < runEnd && data[j] === b) j++;
    const run = j - i;
    if (run >= 3 || (run === 2 && (literal < 0 || literalCount > 126))) {
      // Repeat run: header 1 - count as a signed byte (-1 .. -127); -128 is the no-op, never written.
      out[o++] = 257 - run;
      out[o++] = b;
      literal = -1;
      i = j;
      continue;
    }
    for (let k = 0; k < run; k++) {
      if (literal < 0 || literalCount === 128) {
        literal = o++;
        literalCount = 0;
      }
      out[o++] = b;
      out[literal] = literalCount++;
    }
    i = j;
  }
  return o;
}

/**
 * PackBits-encode `data`, each `rowBytes`-byte row on its own (a run never crosses a row, as TIFF 6.0
 * asks and libtiff does). Literal runs hold at most 128 bytes, repeat runs at most 128 copies. A short
 * last row is encoded as it is.
 */
export function packBitsEncode(data: Uint8Array, rowBytes: number = data.length): Uint8Array {
  if (!Number.isInteger(rowBytes) || rowBytes < 0 || (rowBytes === 0 && data.length > 0)) {
    throw new TiffError('INVALID_DATA', `PackBits row length must be a positive integer, got ${rowBytes}`);
  }
  const n = data.length;
  const out = scratch.get(maxEncodedLength(n, rowBytes));
  let o = 0;
  for (let start = 0; start < n; start += rowBytes) o = encodeRow(data, start, Math.min(n, start + rowBytes), out, o);
  const result = out.slice(0, o);
  scratch.release();
  return result;
}

/** PackBits (32773), row by row; bilevel rows are ceil(width / 8) bytes. Takes no arguments. */
export const packBitsCodec: Codec = Object.freeze({
  code: Compression.PACKBITS,
  name: 'PACKBITS',
  encode(data: Uint8Array, layout: SegmentLayout): Uint8Array {
    const rowBytes = rowByteLength(layout);
    if (data.length !== rowBytes * layout.rows) {
      throw new TiffError(
        'INVALID_DATA',
        `PackBits segment has ${data.length} bytes, expected ${layout.rows} rows of ${rowBytes} bytes`,
      );
    }
    return packBitsEncode(data, rowBytes);
  },
});
