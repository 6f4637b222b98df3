import { invalidOption } from '@tiffkit/tiff-core/errors.js';
import { isSink, type Sink } from '@tiffkit/tiff-core/sink.js';
import { fileHandleSink, openPath, pathExists, pathName } from '#platform';
import type { FileTarget, NodeFileHandleLike, WritableFileStreamLike } from '../options.js';

/** An opened target: the sink and, for named files, the name (OME-TIFF is detected from it). */
export interface OpenedTarget {
  readonly sink: Sink;
  readonly name: string | undefined;
}

export type OpenMode = 'w' | 'x' | 'r+';

export function parseMode(mode: unknown): OpenMode | undefined {
  if (mode === undefined || mode === null) return undefined;
  if (typeof mode === 'string') {
    const bare = mode.endsWith('b') ? mode.slice(0, -1) : mode;
    if (bare === 'w' || bare === 'x' || bare === 'r+') return bare;
  }
  throw invalidOption('mode', mode, "'w' (create or truncate), 'x' (create, fail if it exists) or 'r+' (append)");
}

function isFileHandle(file: object): file is NodeFileHandleLike {
  const f = file as Record<string, unknown>;
  return typeof f['fd'] === 'number' && typeof f['write'] === 'function' && typeof f['stat'] === 'function';
}

function isWritableFileStream(file: object): file is WritableFileStreamLike {
  const f = file as Record<string, unknown>;
  return typeof f['write'] === 'function' && typeof f['seek'] === 'function' && typeof f['truncate'] === 'function';
}

/** A path: a string or a (file:) URL. */
function isPath(file: FileTarget): file is string | URL {
  return typeof file === 'string' || file instanceof URL;
}

/** Whether a path target already exists (always false for sinks and streams). */
export async function targetExists(file: FileTarget): Promise<boolean> {
  return isPath(file) ? pathExists(file) : false;
}

export async function openTarget(file: FileTarget, mode: OpenMode): Promise<OpenedTarget> {
  if (isPath(file)) {
    if (typeof file === 'string' && file.length === 0) throw invalidOption('file', file, 'a non-empty path');
    return { sink: await openPath(file, mode), name: pathName(file) };
  }
  if (typeof file === 'object' && file !== null) {
    if (isSink(file)) return { sink: file, name: undefined };
    if (isFileHandle(file)) return { sink: fileHandleSink(file, 0), name: undefined };
    if (isWritableFileStream(file)) {
      // The stream's adapter is loaded for the writes that give a stream.
      return { sink: new (await import('./stream-sink.js')).WritableFileStreamSink(file), name: undefined };
    }
  }
  throw invalidOption(
    'file',
    file,
    'a path (string or URL), a Node FileHandle, a FileSystemWritableFileStream, a MemorySink or another Sink',
  );
}
