/**
 * PNG scanline filtering (filter method 0): each row gets the filter among None, Sub, Up, Average and
 * Paeth whose output has the smallest sum of absolute values as signed bytes — libpng's default
 * heuristic, which usually gives the smallest deflate output. `bpp` is bytes per complete pixel.
 */
export function filterRows(raw: Uint8Array, rowBytes: number, rows: number, bpp: number): Uint8Array {
  const out = new Uint8Array(rows * (rowBytes + 1));
  const candidates = [0, 1, 2, 3, 4].map(() => new Uint8Array(rowBytes));
  const zero = new Uint8Array(rowBytes);
  for (let y = 0; y < rows; y++) {
    const row = raw.subarray(y * rowBytes, (y + 1) * rowBytes);
    const up = y === 0 ? zero : raw.subarray((y - 1) * rowBytes, y * rowBytes);
    let best = 0;
    let bestCost = Number.POSITIVE_INFINITY;
    for (let type = 0; type < 5; type++) {
      const filtered = candidates[type] as Uint8Array;
      const cost = filterRow(type, row, up, bpp, filtered);
      if (cost < bestCost) {
        bestCost = cost;
        best = type;
      }
    }
    const at = y * (rowBytes + 1);
    out[at] = best;
    out.set(candidates[best] as Uint8Array, at + 1);
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/** Filter one row with `type` into `out`; returns the sum of |byte| with bytes read as signed. */
function filterRow(type: number, row: Uint8Array, up: Uint8Array, bpp: number, out: Uint8Array): number {
  let cost = 0;
  for (let i = 0; i < row.length; i++) {
    const x = row[i] as number;
    const a = i >= bpp ? (row[i - bpp] as number) : 0;
    const b = up[i] as number;
    const c = i >= bpp ? (up[i - bpp] as number) : 0;
    let predicted: number;
    switch (type) {
      case 0:
        predicted = 0;
        break;
      case 1:
        predicted = a;
        break;
      case 2:
        predicted = b;
        break;
      case 3:
        predicted = (a + b) >>> 1;
        break;
      default:
        predicted = paeth(a, b, c);
    }
    const value = (x - predicted) & 0xff;
    out[i] = value;
    cost += value < 128 ? value : 256 - value;
  }
  return cost;
}
