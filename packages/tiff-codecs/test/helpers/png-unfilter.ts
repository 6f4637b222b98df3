/** Test-only inverse of PNG filtering (the spec's reconstruction), to check filterRows independently. */
export function unfilter(filtered: Uint8Array, rowBytes: number, rows: number, bpp: number): Uint8Array {
  const out = new Uint8Array(rowBytes * rows);
  for (let y = 0; y < rows; y++) {
    const type = filtered[y * (rowBytes + 1)] as number;
    for (let i = 0; i < rowBytes; i++) {
      const x = filtered[y * (rowBytes + 1) + 1 + i] as number;
      const a = i >= bpp ? (out[y * rowBytes + i - bpp] as number) : 0;
      const b = y > 0 ? (out[(y - 1) * rowBytes + i] as number) : 0;
      const c = i >= bpp && y > 0 ? (out[(y - 1) * rowBytes + i - bpp] as number) : 0;
      const p = a + b - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      const predicted = [0, a, b, (a + b) >> 1, paeth][type] as number;
      out[y * rowBytes + i] = (x + predicted) & 0xff;
    }
  }
  return out;
}
