/**
 * @tiffkit/tiff-writer — write N-D typed arrays to TIFF, BigTIFF, OME-TIFF and ImageJ files, as
 * tifffile's `imwrite` and `TiffWriter` do: {@link imwrite} for one call, {@link TiffWriter} for several
 * series, pages grown over time, SubIFD pyramids. The enum constants, dtypes, `MemorySink` and
 * `TiffError` are re-exported, so one import serves.
 *
 * @packageDocumentation
 */
export type {
  CompressionArgsByName,
  CompressionArgsFor,
  CompressionInput,
  CompressionName,
  DeflateArgs,
  Jpeg2000Args,
  JpegArgs,
  JpegXlArgs,
  LzmaArgs,
  NoCompressionArgs,
  PngArgs,
  WebpArgs,
  WritableCompression,
  ZstdArgs,
} from '@tiffkit/tiff-codecs/args.js';
export {
  type DType,
  type DTypeInput,
  type DTypeName,
  DTypes,
  type NumpyDTypeString,
  type NumpyTypeCode,
  type TypedArray,
} from '@tiffkit/tiff-core/dtype.js';
export {
  Compression,
  type EnumName,
  ExtraSample,
  type ExtraSampleInput,
  type ExtraSampleName,
  Photometric,
  type PhotometricInput,
  type PhotometricName,
  PlanarConfig,
  type PlanarConfigInput,
  type PlanarConfigName,
  Predictor,
  type PredictorInput,
  type PredictorName,
  ResolutionUnit,
  type ResolutionUnitInput,
  type ResolutionUnitName,
  SubfileType,
} from '@tiffkit/tiff-core/enums.js';
export { TiffError, type TiffErrorCode } from '@tiffkit/tiff-core/errors.js';
export type { ByteOrder, TiffFormat } from '@tiffkit/tiff-core/format.js';
export { MemorySink, type Sink } from '@tiffkit/tiff-core/sink.js';
export { BIGTIFF_THRESHOLD, type ImwriteOptions, imwrite } from './imwrite.js';
export type {
  ArrayLike,
  ArrayLikeNumbers,
  EncodedSegment,
  ExtraTag,
  FileTarget,
  FileUrl,
  FsyncPolicy,
  NodeFileHandleLike,
  OpenOptions,
  RationalInput,
  TiffWarning,
  TiffWarningCode,
  WritableFileStreamLike,
  WriteData,
  WriteItem,
  WriteOptions,
  WriteResult,
  WriterKind,
} from './options.js';
export { TiffWriter } from './writer.js';
