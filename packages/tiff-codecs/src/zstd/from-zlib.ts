/** Compress `data` into one Zstandard frame at `level`; the result is owned by the caller. */
export type ZstdCompress = (data: Uint8Array, level: number) => Uint8Array;

/** The parts of `node:zlib` used for Zstandard (Node ≥ 22.15; absent from Node 20's zlib). */
export interface ZlibWithZstd {
  readonly zstdCompressSync?: (data: Uint8Array, options: { params: Record<number, number> }) => Uint8Array;
  readonly constants: Readonly<Record<string, number>>;
}

/**
 * Zstandard through Node's own zlib when the running Node has it, else `undefined` (feature detection,
 * not a version check: the API is what matters). Kept free of `node:` imports so it can be tested
 * with a stand-in zlib on any Node.
 */
export function zstdFromZlib(zlib: ZlibWithZstd): ZstdCompress | undefined {
  const compress = zlib.zstdCompressSync;
  const levelParameter = zlib.constants['ZSTD_c_compressionLevel'];
  if (typeof compress !== 'function' || levelParameter === undefined) return undefined;
  return (data, level) => {
    const out = compress(data, { params: { [levelParameter]: level } });
    // Small results may sit in Node's shared Buffer pool: copy those so the caller owns (and can
    // transfer) the whole ArrayBuffer.
    if (out.byteOffset === 0 && out.byteLength === out.buffer.byteLength) {
      return new Uint8Array(out.buffer, 0, out.byteLength);
    }
    return new Uint8Array(out);
  };
}
