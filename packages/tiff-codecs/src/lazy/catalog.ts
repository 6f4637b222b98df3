import { Compression } from '@tiffkit/tiff-core/enums.js';
import type { Codec, CodecRules } from '../codec.js';
import { lzmaRules, pngRules, webpRules, zstdRules } from './rules.js';

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

function lazy(code: number, name: string, rules: CodecRules, load: (code: number, name: string) => Promise<Codec>) {
  return [code, Object.freeze({ code, name, rules, load: () => load(code, name) })] as const;
}

const zstd = (code: number, name: string) => import('../zstd/codec.js').then((m) => m.loadZstdCodec(code, name));
const lzma = (code: number, name: string) => import('../lzma/codec.js').then((m) => m.loadLzmaCodec(code, name));
const png = () => import('../png/codec.js').then((m) => m.loadPngCodec());
const webp = (code: number, name: string) => import('../webp/codec.js').then((m) => m.loadWebpCodec(code, name));

/** Every codec loaded on demand, keyed by TIFF compression code. */
export const LAZY_CODECS: ReadonlyMap<number, LazyCodec> = new Map<number, LazyCodec>([
  lazy(Compression.ZSTD, 'ZSTD', zstdRules, zstd),
  lazy(Compression.ZSTD_DEPRECATED, 'ZSTD_DEPRECATED', zstdRules, zstd),
  lazy(Compression.LZMA, 'LZMA', lzmaRules, lzma),
  lazy(Compression.PNG, 'PNG', pngRules, png),
  lazy(Compression.WEBP, 'WEBP', webpRules, webp),
  lazy(Compression.WEBP_DEPRECATED, 'WEBP_DEPRECATED', webpRules, webp),
]);
