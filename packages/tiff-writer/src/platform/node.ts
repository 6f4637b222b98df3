import { access } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Sink } from '@tiffkit/tiff-core';
import { type FileMode, FileSink } from '@tiffkit/tiff-core/node';
import type { NodeFileHandleLike, TiffWarning } from '../options.js';

/** Open a file path for writing. */
export function openPath(path: string | URL, mode: FileMode): Promise<Sink> {
  return FileSink.open(path, mode);
}

/** Whether a path exists (used to decide between appending and creating). */
export async function pathExists(path: string | URL): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** The file name of a path, for OME-TIFF detection. */
export function pathName(path: string | URL): string {
  return typeof path === 'string' ? path : fileURLToPath(path);
}

/** A sink over a Node FileHandle the caller owns; the TIFF starts at byte `base`. */
export function fileHandleSink(handle: NodeFileHandleLike, base: number): Sink {
  return FileSink.fromHandle(handle as Parameters<typeof FileSink.fromHandle>[0], base);
}

export function emitWarning(warning: TiffWarning): void {
  process.emitWarning(warning.message, { type: 'TiffWarning', code: warning.code });
}
