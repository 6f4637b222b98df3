import { TiffError } from '@tiffkit/tiff-core';
import { CliError } from './convert/errors.js';

/** The words for the errno codes a user meets with a file path; the wording matches `convert`'s. */
const ERRNO_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'input/output error',
};

/** An errno code in words, with the code: `no space left on the device (ENOSPC)`. */
export function errnoWords(code: string): string {
  return `${ERRNO_WORDS[code] ?? code.toLowerCase()} (${code})`;
}

/** The errno code of an error, or of the error it wraps (tiff-core wraps them as SINK_ERROR). */
function errnoCode(error: unknown): string | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
  }
  return undefined;
}

/**
 * One line naming `path` for any failure to read or write it: errno errors in words (not as the
 * SINK_ERROR that wraps them), tiff-core's errors with their message and code. Exit code 1 (FAILED).
 */
export function fileError(path: string, error: unknown): unknown {
  if (error instanceof CliError) return error;
  const errno = errnoCode(error);
  if (errno) return new CliError(`${path}: ${errnoWords(errno)}`);
  if (error instanceof TiffError) return new CliError(`${path}: ${error.message} [${error.code}]`);
  return error;
}

/** Run `task` on `path`, reporting its failures with {@link fileError}. */
export async function withFileErrors<T>(path: string, task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    throw fileError(path, error);
  }
}
