/** Reverse the bytes of every `unit`-byte group of `bytes`, in place. */
export function swapBytesInPlace(bytes: Uint8Array, unit: number): void {
  if (unit === 1) return;
  const n = bytes.length - (bytes.length % unit);
  if (unit === 2) {
    for (let i = 0; i < n; i += 2) {
      const a = bytes[i] as number;
      bytes[i] = bytes[i + 1] as number;
      bytes[i + 1] = a;
    }
    return;
  }
  // Wider units: swap through 32-bit words when aligned; this is the hot path for big-endian output.
  if (unit === 4 && bytes.byteOffset % 4 === 0) {
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset, n / 4);
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as number;
      words[i] = ((w & 0xff) << 24) | ((w & 0xff00) << 8) | ((w >>> 8) & 0xff00) | (w >>> 24);
    }
    return;
  }
  for (let i = 0; i < n; i += unit) {
    for (let a = i, b = i + unit - 1; a < b; a++, b--) {
      const t = bytes[a] as number;
      bytes[a] = bytes[b] as number;
      bytes[b] = t;
    }
  }
}

/** A byte-swapped copy of `bytes` (the input is left untouched). */
export function swappedCopy(bytes: Uint8Array, unit: number): Uint8Array {
  const copy = bytes.slice();
  swapBytesInPlace(copy, unit);
  return copy;
}
