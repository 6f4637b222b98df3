export { type DType, type DTypeName, DTypes } from '@tiffkit/tiff-core/dtype.js';
export {
  Compression,
  ExtraSample,
  Photometric,
  PlanarConfig,
  Predictor,
  ResolutionUnit,
  SubfileType,
} from '@tiffkit/tiff-core/enums.js';
export { TiffError, type TiffErrorCode } from '@tiffkit/tiff-core/errors.js';
export type { ByteOrder, TiffFormat } from '@tiffkit/tiff-core/format.js';
export { MemorySink, type Sink } from '@tiffkit/tiff-core/sink.js';
export { pythonJsonDumps } from './formats/shaped/pyjson.js';
export { BIGTIFF_THRESHOLD, type ImwriteOptions, imwrite } from './imwrite.js';
export type {
  ArrayLike,
  EncodedSegment,
  ExtraTag,
  FileTarget,
  FileUrl,
  FsyncPolicy,
  OpenOptions,
  TiffWarning,
  WriteData,
  WriteItem,
  WriteOptions,
  WriteResult,
  WriterKind,
} from './options.js';
export { TiffWriter } from './writer.js';
