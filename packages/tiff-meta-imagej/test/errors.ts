import { expect } from 'vitest';
import { ImageJError } from '../src/index.js';

/** Runs `action`, expecting an ImageJError with this code and option and a message matching `message`. */
export function expectImageJError(
  action: () => unknown,
  code: string,
  option: string | undefined,
  message: RegExp,
): void {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ImageJError);
  const error = caught as ImageJError;
  expect(error.name).toBe('ImageJError');
  expect({ code: error.code, option: error.option }).toEqual({ code, option });
  expect(error.message).toMatch(message);
}
