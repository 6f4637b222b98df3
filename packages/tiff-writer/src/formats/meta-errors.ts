import { TiffError, type TiffErrorCode } from '@tiffkit/tiff-core/errors.js';

/** An error of a metadata package (OmeError, ImageJError): same codes, re-raised as the one TiffError. */
interface MetaError extends Error {
  readonly code: string;
  readonly option?: string | undefined;
}

function isMetaError(error: unknown): error is MetaError {
  return (
    error instanceof Error &&
    (error.name === 'OmeError' || error.name === 'ImageJError') &&
    typeof (error as MetaError).code === 'string'
  );
}

/** Run a metadata package's function; its errors become TiffErrors (with the original as cause). */
export function asTiffError<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (!isMetaError(error)) throw error;
    throw new TiffError(error.code as TiffErrorCode, error.message, {
      ...(error.option ? { option: error.option } : {}),
      cause: error,
    });
  }
}
