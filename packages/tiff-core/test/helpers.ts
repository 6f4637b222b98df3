import { expect } from 'vitest';
import { TiffError, type TiffErrorCode } from '../src/index.js';

/** Run `fn`, which must throw a TiffError with `code`; returns the error for further checks. */
export function expectTiffError(fn: () => unknown, code: TiffErrorCode): TiffError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected a TiffError to be thrown').toBeInstanceOf(TiffError);
  const error = caught as TiffError;
  expect(error.code, error.message).toBe(code);
  return error;
}

/** Await `promise`, which must reject with a TiffError with `code`; returns the error. */
export async function expectTiffRejection(promise: Promise<unknown>, code: TiffErrorCode): Promise<TiffError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected a TiffError rejection').toBeInstanceOf(TiffError);
  const error = caught as TiffError;
  expect(error.code, error.message).toBe(code);
  return error;
}

/** Bytes from a list of byte values, for literal expectations. */
export function u8(...values: number[]): Uint8Array {
  return Uint8Array.from(values);
}
