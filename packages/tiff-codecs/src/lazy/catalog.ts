import { Compression } from '@tiffkit/tiff-core/enums.js';
import type { Codec, CodecRules } from '../codec.js';
import { LAZY_LOADERS } from './loaders.js';
import { jpeg2000Rules, jpegXlRules, lzmaRules, pngRules, webpRules, zstdRules } from './rules.js';

/**
 * A codec whose encoder is loaded on first use: its rules are here (small, synchronous, for
 * planning), its encoder and WebAssembly only behind the dynamic `import()` in `load`, so a program
 * that never asks for it never downloads or instantiates it.
 */
export interface LazyCodec {
  readonly code: number;
  readonly name: string;
  readonly rules: CodecRules;
  load(): Promise<Codec>;
}

const RULES = new Map<number, CodecRules>([
  [Compression.ZSTD, zstdRules],
  [Compression.ZSTD_DEPRECATED, zstdRules],
  [Compression.LZMA, lzmaRules],
  [Compression.PNG, pngRules],
  [Compression.WEBP, webpRules],
  [Compression.WEBP_DEPRECATED, webpRules],
  [Compression.JPEG2000, jpeg2000Rules],
  [Compression.JPEGXL, jpegXlRules],
  [Compression.JPEGXL_DNG, jpegXlRules],
]);

/** Every codec loaded on demand, keyed by TIFF compression code. */
export const LAZY_CODECS: ReadonlyMap<number, LazyCodec> = new Map<number, LazyCodec>(
  [...LAZY_LOADERS].map(([code, { name, load }]) => [
    code,
    Object.freeze({ code, name, rules: RULES.get(code) as CodecRules, load }),
  ]),
);
