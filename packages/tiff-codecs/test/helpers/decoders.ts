/**
 * Test-only decoders, written for clarity rather than speed, and strict: anything an encoder should
 * never produce (a missing EOI, non-zero padding, a PackBits no-op, a run across rows) is an error.
 */

/** Decode a TIFF LZW stream (libtiff's "early change" code widths). */
export function lzwDecode(src: Uint8Array): Uint8Array {
  let bit = 0;
  const read = (n: number): number => {
    if (bit + n > src.length * 8) throw new Error(`LZW stream ends inside a code at bit ${bit}`);
    let v = 0;
    for (let k = 0; k < n; k++, bit++) v = (v << 1) | (((src[bit >> 3] as number) >> (7 - (bit & 7))) & 1);
    return v;
  };
  // Entry = (prefix code, last byte, length); strings are rebuilt by walking the prefixes backwards.
  const prefix = new Int32Array(4096);
  const last = new Uint8Array(4096);
  const length = new Int32Array(4096);
  for (let i = 0; i < 256; i++) {
    last[i] = i;
    length[i] = 1;
  }
  const out: number[] = [];
  const firstByte = (code: number): number => {
    let c = code;
    while (length[c] !== 1) c = prefix[c] as number;
    return last[c] as number;
  };
  const emit = (code: number): void => {
    const n = length[code] as number;
    const start = out.length;
    for (let k = 0; k < n; k++) out.push(0);
    for (let k = n - 1, c = code; k >= 0; k--, c = prefix[c] as number) out[start + k] = last[c] as number;
  };
  let next = 258;
  let nbits = 9;
  let prev = -1;
  if (read(9) !== 256) throw new Error('LZW stream does not start with Clear');
  for (;;) {
    const code = read(nbits);
    if (code === 257) break;
    if (code === 256) {
      next = 258;
      nbits = 9;
      prev = -1;
      continue;
    }
    if (prev < 0) {
      if (code > 255) throw new Error(`code ${code} right after Clear`);
      emit(code);
      prev = code;
      continue;
    }
    if (code > next) throw new Error(`code ${code} beyond the table (${next})`);
    if (next > 4094) throw new Error('LZW table overflow: Clear missing');
    // The new entry is prev + first byte of `code` (of prev itself when `code` is the entry being made).
    prefix[next] = prev;
    last[next] = code === next ? firstByte(prev) : firstByte(code);
    length[next] = (length[prev] as number) + 1;
    next++;
    emit(code);
    // Early change: widen when the next free code reaches 2^nbits - 1.
    if (next >= (1 << nbits) - 1 && nbits < 12) nbits++;
    prev = code;
  }
  const padding = src.length * 8 - bit;
  if (padding >= 8) throw new Error(`${padding >> 3} bytes after EOI`);
  if (padding > 0 && ((src[src.length - 1] as number) & ((1 << padding) - 1)) !== 0) {
    throw new Error('non-zero padding after EOI');
  }
  return Uint8Array.from(out);
}

/** Decode PackBits, checking that no run crosses a `rowBytes` boundary. */
export function packBitsDecode(src: Uint8Array, rowBytes = Number.POSITIVE_INFINITY): Uint8Array {
  const out: number[] = [];
  let i = 0;
  while (i < src.length) {
    const header = ((src[i++] as number) << 24) >> 24;
    const rowStart = Math.floor(out.length / rowBytes) * rowBytes;
    let count: number;
    if (header === -128) throw new Error('PackBits no-op (-128) written');
    if (header >= 0) {
      count = header + 1;
      if (i + count > src.length) throw new Error('literal run past the end');
      for (let k = 0; k < count; k++) out.push(src[i++] as number);
    } else {
      count = 1 - header;
      if (i >= src.length) throw new Error('repeat run past the end');
      const b = src[i++] as number;
      for (let k = 0; k < count; k++) out.push(b);
    }
    if (out.length > rowStart + rowBytes) throw new Error(`run crosses a row boundary at byte ${rowStart + rowBytes}`);
  }
  return Uint8Array.from(out);
}

const WIDTH_BITS: Record<number, bigint> = { 1: 8n, 2: 16n, 4: 32n, 8: 64n };

/** Undo horizontal differencing (any distance) on file-order bytes, via BigInt so one path serves all widths. */
export function undoHorizontal(
  data: Uint8Array,
  width: number,
  rows: number,
  samples: number,
  itemSize: number,
  littleEndian: boolean,
  distance = 1,
): Uint8Array {
  const out = data.slice();
  const view = new DataView(out.buffer);
  const bits = WIDTH_BITS[itemSize] as bigint;
  const get = (i: number): bigint => {
    let v = 0n;
    for (let k = 0; k < itemSize; k++) {
      const b = view.getUint8(i * itemSize + (littleEndian ? itemSize - 1 - k : k));
      v = (v << 8n) | BigInt(b);
    }
    return v;
  };
  const set = (i: number, v: bigint): void => {
    let x = BigInt.asUintN(Number(bits), v);
    for (let k = itemSize - 1; k >= 0; k--) {
      view.setUint8(i * itemSize + (littleEndian ? itemSize - 1 - k : k), Number(x & 0xffn));
      x >>= 8n;
    }
  };
  const rowLength = width * samples;
  const stride = samples * distance;
  for (let r = 0; r < rows; r++) {
    for (let i = r * rowLength + stride; i < (r + 1) * rowLength; i++) set(i, get(i) + get(i - stride));
  }
  return out;
}

/** Undo floating-point differencing: accumulate the byte planes, then put bytes back in file order. */
export function undoFloatingPoint(
  data: Uint8Array,
  width: number,
  rows: number,
  samples: number,
  itemSize: number,
  littleEndian: boolean,
  distance = 1,
): Uint8Array {
  const n = width * samples;
  const rowBytes = n * itemSize;
  const out = new Uint8Array(data.length);
  for (let r = 0; r < rows; r++) {
    const row = data.slice(r * rowBytes, (r + 1) * rowBytes);
    for (let i = samples * distance; i < rowBytes; i++)
      row[i] = ((row[i] as number) + (row[i - samples * distance] as number)) & 0xff;
    for (let j = 0; j < n; j++) {
      for (let plane = 0; plane < itemSize; plane++) {
        const position = littleEndian ? itemSize - 1 - plane : plane;
        out[r * rowBytes + j * itemSize + position] = row[plane * n + j] as number;
      }
    }
  }
  return out;
}

/** Unpack MSB-first packed integers bit by bit (rows start on byte boundaries). */
export function unpackIntegers(packed: Uint8Array, bits: number, valuesPerRow: number, rows: number): number[] {
  const rowBytes = Math.ceil((valuesPerRow * bits) / 8);
  const values: number[] = [];
  for (let r = 0; r < rows; r++) {
    let bit = r * rowBytes * 8;
    for (let j = 0; j < valuesPerRow; j++) {
      let v = 0;
      for (let k = 0; k < bits; k++, bit++) v = v * 2 + (((packed[bit >> 3] as number) >> (7 - (bit & 7))) & 1);
      values.push(v);
    }
  }
  return values;
}
