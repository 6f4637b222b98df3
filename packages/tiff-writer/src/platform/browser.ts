import { TiffError } from '@tiffkit/tiff-core/errors.js';
import type { Sink } from '@tiffkit/tiff-core/sink.js';
import type { NodeFileHandleLike, TiffWarning } from '../options.js';

function noFiles(): never {
  throw new TiffError(
    'UNSUPPORTED',
    'file paths can only be opened in Node.js; in browsers pass a FileSystemWritableFileStream, a MemorySink or another Sink',
    { option: 'file' },
  );
}

export function openPath(_path: string | URL, _mode: 'w' | 'x' | 'r+'): Promise<Sink> {
  return Promise.resolve().then(noFiles);
}

export function pathExists(_path: string | URL): Promise<boolean> {
  return Promise.resolve().then(noFiles);
}

export function pathName(path: string | URL): string {
  return String(path);
}

export function fileHandleSink(_handle: NodeFileHandleLike, _base: number): Sink {
  return noFiles();
}

export function emitWarning(warning: TiffWarning): void {
  console.warn(`TiffWarning [${warning.code}]: ${warning.message}`);
}
