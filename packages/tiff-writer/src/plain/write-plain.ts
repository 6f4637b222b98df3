import { TiffError } from '@tiffkit/tiff-core/errors.js';
import { encodeHeader, tiffFormat } from '@tiffkit/tiff-core/format.js';
import { plainLayout } from './plain-ifds.js';
import type { PlainRequest } from './plain-request.js';

/**
 * Write a plain request: the data, the later IFDs and the first one, then the header that points at
 * it — a reader never follows a pointer to bytes not yet written — and close the sink. The file is the
 * one the general path writes for the same call (test/plain-write.test.ts compares them byte for byte).
 */
export async function writePlain(request: PlainRequest): Promise<undefined> {
  const { sink } = request;
  const format = tiffFormat(false, '<');
  const { dataOffset, firstIfd, laterIfds } = plainLayout(request, format);
  try {
    await sink.write(request.bytes, dataOffset);
    if (laterIfds.bytes.length > 0) await sink.write(laterIfds.bytes, laterIfds.offset);
    await sink.write(firstIfd.bytes, firstIfd.offset);
    await sink.write(encodeHeader(format, firstIfd.offset), 0);
    await sink.flush?.();
  } catch (error) {
    await Promise.resolve(sink.close()).catch(() => undefined);
    if (error instanceof TiffError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new TiffError('SINK_ERROR', `the sink failed: ${message}`, { cause: error });
  }
  await sink.close();
  return undefined;
}
