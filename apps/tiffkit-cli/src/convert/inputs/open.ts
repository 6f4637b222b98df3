import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { CliError, usageError } from '../errors.js';
import type { ConvertOptions } from '../options.js';
import type { ArraySource } from '../source.js';
import { openNpy } from './npy.js';
import { openRaw } from './raw.js';
import { StackSource } from './stack.js';
import { isTiffMagic, openTiff } from './tiff.js';
import { isZarrDirectory, openZarr } from './zarr.js';

/** The kinds of input `convert` reads. */
export type InputKind = 'npy' | 'raw' | 'zarr' | 'tiff';

/** Which reader an input path needs: --shape/--dtype mean raw, else the file's name or first bytes. */
export function inputKind(path: string, options: ConvertOptions): InputKind {
  if (!existsSync(path)) throw new CliError(`${path}: no such file or directory`);
  if (options.raw) return 'raw';
  const info = statSync(path);
  if (info.isFile() && path.toLowerCase().endsWith('.npy')) return 'npy';
  if (info.isDirectory() && isZarrDirectory(path)) return 'zarr';
  if (info.isFile()) {
    const head = Buffer.alloc(4);
    const fd = openSync(path, 'r');
    try {
      readSync(fd, head, 0, 4, 0);
    } finally {
      closeSync(fd);
    }
    if (isTiffMagic(head)) return 'tiff';
  }
  throw usageError(
    'INPUT',
    `${path}: cannot tell what kind of input this is (.npy, TIFF, a Zarr directory, or raw binary with --shape and --dtype)`,
  );
}

/** Open one input path as the series it holds. */
async function openOne(path: string, options: ConvertOptions, tempDir: string): Promise<ArraySource[]> {
  switch (inputKind(path, options)) {
    case 'npy':
      return [await openNpy(path, options.memory, tempDir)];
    case 'tiff':
      return openTiff(path, options.series);
    case 'zarr':
      return [await openZarr(path)];
    case 'raw':
      return [await openRaw(path, options.raw as NonNullable<ConvertOptions['raw']>, options.memory, tempDir)];
  }
}

/** The series to write: each input's, or one stack of all inputs along a new axis. */
export async function openInputs(options: ConvertOptions, tempDir: string): Promise<ArraySource[]> {
  const opened: ArraySource[] = [];
  try {
    for (const path of options.inputs) {
      const series = await openOne(path, options, tempDir);
      if (options.stack && series.length !== 1) {
        throw new CliError(`${path}: holds ${series.length} series; --stack takes one per input (use --series N)`);
      }
      opened.push(...series);
    }
  } catch (error) {
    for (const source of opened) await source.close();
    throw error;
  }
  return options.stack ? [new StackSource(opened, options.stack)] : opened;
}
