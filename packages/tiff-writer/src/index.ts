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
  JpegArgs,
  LzmaArgs,
  NoCompressionArgs,
  PngArgs,
  WebpArgs,
  WritableCompression,
  ZstdArgs,
} from '@tiffkit/tiff-codecs';
export {
  type ByteOrder,
  Compression,
  type DType,
  type DTypeInput,
  type DTypeName,
  DTypes,
  type EnumName,
  ExtraSample,
  type ExtraSampleInput,
  type ExtraSampleName,
  MemorySink,
  type NumpyDTypeString,
  type NumpyTypeCode,
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
  type Sink,
  SubfileType,
  TiffError,
  type TiffErrorCode,
  type TiffFormat,
  type TypedArray,
} from '@tiffkit/tiff-core';
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
