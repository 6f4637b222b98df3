import { TiffError } from '@tiffkit/tiff-core/errors.js';
import type { LZMAModule } from 'node-liblzma/wasm';

const LZMA_OK = 0;
const LZMA_MEM_ERROR = 5;
const LZMA_CHECK_CRC64 = 4;

/**
 * Worst-case size of an `.xz` stream of `size` bytes: incompressible input is stored in LZMA2
 * chunks of at most 64 KiB with a 3-byte header each, plus the stream and block headers, index,
 * footer and check (well under 1 KiB).
 */
export function xzBound(size: number): number {
  return size + (Math.floor(size / 65536) + 1) * 3 + 1024;
}

/**
 * One `.xz` stream (a single block, CRC64 check) of `data` at `preset`, as liblzma's
 * `lzma_easy_buffer_encode` writes it — the container libtiff's LZMA codec expects. The result is
 * a copy the caller owns.
 */
export function xzEncode(lzma: LZMAModule, data: Uint8Array, preset: number): Uint8Array {
  const bound = xzBound(data.length);
  const input = lzma._malloc(Math.max(1, data.length));
  const output = lzma._malloc(bound);
  const position = lzma._malloc(4);
  try {
    if (!input || !output || !position) throw outOfMemory(data.length, preset);
    lzma.HEAPU8.set(data, input);
    lzma.setValue(position, 0, 'i32');
    const status = lzma._lzma_easy_buffer_encode(
      preset,
      LZMA_CHECK_CRC64,
      0,
      input,
      data.length,
      output,
      position,
      bound,
    );
    if (status === LZMA_MEM_ERROR) throw outOfMemory(data.length, preset);
    if (status !== LZMA_OK)
      throw new TiffError('INVALID_DATA', `liblzma failed with status ${status} encoding a segment`);
    const size = lzma.getValue(position, 'i32');
    // HEAPU8 is read again here: the heap may have grown (and been replaced) during the call.
    return lzma.HEAPU8.slice(output, output + size);
  } finally {
    if (input) lzma._free(input);
    if (output) lzma._free(output);
    if (position) lzma._free(position);
  }
}

function outOfMemory(bytes: number, preset: number): TiffError {
  return new TiffError(
    'TOO_LARGE',
    `LZMA preset ${preset} on a segment of ${bytes} bytes needs more memory than the WebAssembly liblzma ` +
      'can address (256 MiB): use smaller strips or tiles, or a lower compressionArgs.level',
    { option: 'compressionArgs.level' },
  );
}
