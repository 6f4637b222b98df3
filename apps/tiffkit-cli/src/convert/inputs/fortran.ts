import { randomBytes } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError } from '../errors.js';
import { track } from '../temp-files.js';
import type { ByteStore } from './file-source.js';

/**
 * Copy a Fortran-order array into C order. Fortran order is C order of the reversed shape, so the
 * last (C) axis varies slowest: a range of it is one contiguous read holding every other index. Each
 * such band is scattered into the C-order target as runs along the last axis — one pass over the
 * input, with at most `memoryBudget / 2` bytes of it in memory. The target is memory when the whole
 * array fits the budget, else a temporary file next to the output (removed when the source closes).
 */
export async function fortranToC(
  path: string,
  shape: readonly number[],
  itemSize: number,
  offset: number,
  memoryBudget: number,
  tempDir: string,
): Promise<ByteStore> {
  const total = shape.reduce((a, b) => a * b, 1);
  const last = shape[shape.length - 1] as number;
  const lead = shape.slice(0, -1);
  const leadCount = total / last;
  const inMemory = total * itemSize <= memoryBudget / 2;
  const bandColumns = Math.max(1, Math.min(last, Math.floor(memoryBudget / 4 / (leadCount * itemSize))));
  const input = await open(path, 'r');
  const tempPath = track(join(tempDir, `.tiffkit-fortran-${process.pid}-${randomBytes(4).toString('hex')}.raw`));
  const memory = inMemory ? new Uint8Array(total * itemSize) : undefined;
  const output = inMemory ? undefined : await open(tempPath, 'w+');
  try {
    for (let c0 = 0; c0 < last; c0 += bandColumns) {
      const columns = Math.min(bandColumns, last - c0);
      const band = new Uint8Array(columns * leadCount * itemSize);
      const { bytesRead } = await input.read(band, 0, band.length, offset + c0 * leadCount * itemSize);
      if (bytesRead < band.length) throw new CliError(`${path}: the .npy data is shorter than its shape says`);
      const run = new Uint8Array(columns * itemSize);
      // Walk the leading indices in C order while tracking their Fortran offset (an odometer).
      const index = new Array<number>(lead.length).fill(0);
      const fortranStride = lead.map((_, i) => lead.slice(0, i).reduce((a, b) => a * b, 1));
      let fortranOffset = 0;
      for (let c = 0; c < leadCount; c++) {
        for (let j = 0; j < columns; j++) {
          const from = (j * leadCount + fortranOffset) * itemSize;
          run.set(band.subarray(from, from + itemSize), j * itemSize);
        }
        const at = (c * last + c0) * itemSize;
        if (memory) memory.set(run, at);
        else await (output as NonNullable<typeof output>).write(run, 0, run.length, at);
        for (let axis = lead.length - 1; axis >= 0; axis--) {
          index[axis] = (index[axis] as number) + 1;
          fortranOffset += fortranStride[axis] as number;
          if ((index[axis] as number) < (lead[axis] as number)) break;
          fortranOffset -= (index[axis] as number) * (fortranStride[axis] as number);
          index[axis] = 0;
        }
      }
    }
  } catch (error) {
    await output?.close();
    await rm(tempPath, { force: true });
    throw error;
  } finally {
    await input.close();
  }
  if (memory) return { kind: 'memory', bytes: memory };
  await (output as NonNullable<typeof output>).close();
  return { kind: 'file', path: tempPath, offset: 0, removeOnClose: true };
}
