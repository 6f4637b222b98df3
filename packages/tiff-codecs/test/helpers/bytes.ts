import { expect } from 'vitest';

/**
 * Assert two byte arrays are equal. vitest's deep equality walks typed arrays element by element, which
 * takes seconds for megabytes; this compares natively and, on a mismatch, shows the first differing
 * window and the lengths.
 */
export function expectBytes(actual: Uint8Array, expected: Uint8Array, message = 'bytes'): void {
  const a = Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength);
  const b = Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength);
  if (a.equals(b)) return;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 4);
  expect(
    { length: a.length, at: i, window: a.subarray(from, i + 12).toString('hex') },
    `${message}: first difference at byte ${i}`,
  ).toEqual({ length: b.length, at: i, window: b.subarray(from, i + 12).toString('hex') });
}
