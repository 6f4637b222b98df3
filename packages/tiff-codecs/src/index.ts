export { hardwareConcurrency } from '#worker-host';
export {
  COMPRESSION_ARG_KEYS,
  type CompressionArgsByName,
  type CompressionArgsFor,
  type CompressionInput,
  type CompressionName,
  checkCompressionArgKeys,
  compressionArgKeys,
  type DeflateArgs,
  type Jpeg2000Args,
  type JpegArgs,
  type JpegXlArgs,
  type LzmaArgs,
  type NoCompressionArgs,
  type PngArgs,
  type WebpArgs,
  type WritableCompression,
  type ZstdArgs,
} from './args.js';
export type { Codec, CodecInput, CodecRules, CompressionArgs } from './codec.js';
export {
  adobeDeflateCodec,
  deflate,
  deflateBackendName,
  deflateCodec32946,
  pixtiffCodec,
} from './deflate/deflate.js';
export { DEFAULT_DEFLATE_LEVEL, deflateLevel } from './deflate/level.js';
export { jpegCodec } from './jpeg/codec.js';
export { encodeJpeg, type JpegColorspace, type JpegEncodeOptions, JpegEncoder } from './jpeg/index.js';
export {
  checkJpeg2000Input,
  DEFAULT_J2K_RESOLUTIONS,
  type Jpeg2000Settings,
  jpeg2000Resolutions,
  jpeg2000Settings,
  MAX_J2K_RESOLUTIONS,
} from './jpeg2000/options.js';
export { checkJpegXlInput, type JpegXlSettings, jpegXlSettings } from './jpegxl/options.js';
export { rowByteLength, type SegmentLayout } from './layout.js';
export { LAZY_CODECS, type LazyCodec } from './lazy/catalog.js';
export { loadCodec } from './lazy/loader.js';
export { DEFAULT_LZMA_PRESET, lzmaPreset, MAX_LZMA_PRESET } from './lzma/preset.js';
export { lzwCodec, lzwEncode } from './lzw/lzw.js';
export { noneCodec } from './none.js';
export { packBilevel } from './pack/bilevel.js';
export { packIntegers } from './pack/integers.js';
export { packBitsCodec, packBitsEncode } from './packbits/packbits.js';
export { checkPngInput } from './png/options.js';
export { EncoderPool, liveWorkers, poolActivity } from './pool/pool.js';
export type { EncoderWorker, PoolOptions, WorkerUrl } from './pool/source.js';
export { type EncodeTask, encodeSegments, encodeTask } from './pool/task.js';
export { applyPredictor } from './predictor/apply.js';
export { floatingPointDifference } from './predictor/floating-point.js';
export { horizontalDifference } from './predictor/horizontal.js';
export { IMAGE_COMPRESSIONS, isImageCompression, resolvePredictor } from './predictor/resolve.js';
export { codecs, getCodec, hasCodec, isLazyCodec } from './registry.js';
export { BILEVEL_COMPRESSIONS, checkCodecInput, codecRules, validateCompressionArgs } from './rules.js';
export { COMPRESSED_STRIP_BYTES, defaultRowsPerStrip } from './strips.js';
export {
  checkWebpInput,
  DEFAULT_WEBP_METHOD,
  DEFAULT_WEBP_QUALITY,
  WEBP_MAX_DIMENSION,
  type WebpSettings,
  webpSettings,
} from './webp/options.js';
export { type ZlibWithZstd, type ZstdCompress, zstdFromZlib } from './zstd/from-zlib.js';
export { DEFAULT_ZSTD_LEVEL, MAX_ZSTD_LEVEL, MIN_ZSTD_LEVEL, zstdLevel } from './zstd/level.js';
