export {
  type ByteOrder,
  Compression,
  type DType,
  type DTypeName,
  DTypes,
  ExtraSample,
  MemorySink,
  Photometric,
  PlanarConfig,
  Predictor,
  ResolutionUnit,
  type Sink,
  SubfileType,
  TiffError,
  type TiffErrorCode,
  type TiffFormat,
} from '@tiffkit/tiff-core';
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
