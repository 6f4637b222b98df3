/** fileError's wording for errno codes the CLI tests cannot provoke (tests may run as root). */
import { TiffError } from '@tiffkit/tiff-core';
import { describe, expect, it } from 'vitest';
import { CliError, ExitCode } from '../src/convert/errors.js';
import { fileError } from '../src/file-errors.js';

const errno = (code: string) => Object.assign(new Error(`${code}: something, open 'x'`), { code });

describe('fileError', () => {
  it.each([
    ['EACCES', 'secret.tif: permission denied (EACCES)'],
    ['EPERM', 'secret.tif: permission denied (EPERM)'],
    ['EMFILE', 'secret.tif: emfile (EMFILE)'],
  ])('%s → %s, exit 1', (code, message) => {
    const error = fileError('secret.tif', errno(code));
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toBe(message);
    expect((error as CliError).exitCode).toBe(ExitCode.FAILED);
  });

  it('looks through the SINK_ERROR that tiff-core wraps errno errors in', () => {
    const wrapped = new TiffError('SINK_ERROR', "opening a.tif failed: EACCES: permission denied, open 'a.tif'", {
      cause: errno('EACCES'),
    });
    expect((fileError('a.tif', wrapped) as CliError).message).toBe('a.tif: permission denied (EACCES)');
  });

  it('keeps other errors as they are', () => {
    const other = new RangeError('bug');
    expect(fileError('a.tif', other)).toBe(other);
  });
});
