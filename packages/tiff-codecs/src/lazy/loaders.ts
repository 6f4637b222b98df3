import { Compression } from '@tiffkit/tiff-core/enums.js';
import type { Codec } from '../codec.js';

/**
 * How each codec of the catalog is loaded, without its rules: what `loadCodec` needs, so that a write
 * that compresses nothing carries neither the encoders nor the option checks of these codecs.
 */
export interface LazyLoader {
  readonly name: string;
  load(): Promise<Codec>;
}

function lazy(code: number, name: string, load: (code: number, name: string) => Promise<Codec>) {
  return [code, { name, load: () => load(code, name) }] as const;
}

const zstd = (code: number, name: string) => import('../zstd/codec.js').then((m) => m.loadZstdCodec(code, name));
const lzma = (code: number, name: string) => import('../lzma/codec.js').then((m) => m.loadLzmaCodec(code, name));
const png = () => import('../png/codec.js').then((m) => m.loadPngCodec());
const jpeg2000 = () => import('../jpeg2000/codec.js').then((m) => m.loadJpeg2000Codec());
const jpegxl = (code: number) => import('../jpegxl/codec.js').then((m) => m.loadJpegXlCodec(code));
const webp = (code: number, name: string) => import('../webp/codec.js').then((m) => m.loadWebpCodec(code, name));

/** The codecs loaded on demand that are not built in, keyed by TIFF compression code. */
export const LAZY_LOADERS: ReadonlyMap<number, LazyLoader> = new Map<number, LazyLoader>([
  lazy(Compression.ZSTD, 'ZSTD', zstd),
  lazy(Compression.ZSTD_DEPRECATED, 'ZSTD_DEPRECATED', zstd),
  lazy(Compression.LZMA, 'LZMA', lzma),
  lazy(Compression.PNG, 'PNG', png),
  lazy(Compression.WEBP, 'WEBP', webp),
  lazy(Compression.WEBP_DEPRECATED, 'WEBP_DEPRECATED', webp),
  lazy(Compression.JPEG2000, 'JPEG2000', jpeg2000),
  lazy(Compression.JPEGXL, 'JPEGXL', jpegxl),
  lazy(Compression.JPEGXL_DNG, 'JPEGXL_DNG', jpegxl),
]);
