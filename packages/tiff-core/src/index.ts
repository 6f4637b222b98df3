export { swapBytesInPlace, swappedCopy } from './byteswap.js';
export {
  canCarry,
  type DType,
  type DTypeInput,
  type DTypeName,
  DTypes,
  dtypeOfSamples,
  dtypeOfTypedArray,
  type NumpyDTypeString,
  type NumpyTypeCode,
  numpyDTypeString,
  type ParsedDType,
  parseDType,
  SampleFormat,
  type TypedArray,
} from './dtype.js';
export {
  Compression,
  CompressionAliases,
  type EnumName,
  ExtraSample,
  ExtraSampleAliases,
  type ExtraSampleInput,
  type ExtraSampleName,
  enumName,
  Photometric,
  type PhotometricInput,
  type PhotometricName,
  PlanarConfig,
  PlanarConfigAliases,
  type PlanarConfigInput,
  type PlanarConfigName,
  Predictor,
  type PredictorInput,
  type PredictorName,
  ResolutionUnit,
  ResolutionUnitAliases,
  type ResolutionUnitInput,
  type ResolutionUnitName,
  SubfileType,
} from './enums.js';
export { TiffError, type TiffErrorCode, type TiffErrorOptions } from './errors.js';
export { FieldType, fieldTypeInfo, fieldTypeName, fieldTypeSize, isFieldType } from './field-types.js';
export { halfToNumber, numberToHalf } from './float16.js';
export {
  type ByteOrder,
  encodeHeader,
  encodeOffset,
  nativeByteOrder,
  parseByteOrder,
  type TiffFormat,
  tiffFormat,
} from './format.js';
export {
  type EncodedIfd,
  encodeIfd,
  entryCount,
  type IfdEntry,
  ifdByteLength,
  type PackedValue,
  type PlacedEntry,
  type TagValue,
} from './ifd-encode.js';
export {
  type ByteSource,
  bytesSource,
  type DecodedValue,
  decodeValue,
  entryNumbers,
  entryString,
  findEntry,
  type ParsedEntry,
  type ParsedIfd,
  type ParsedTiff,
  type ParseOptions,
  parseHeader,
  parseTiff,
} from './ifd-parse.js';
/**
 * @internal Plumbing for the sibling @tiffkit packages (`internal.ts`): exported by the JavaScript, left
 * out of the published declarations by `stripInternal`; the siblings compile against dist/internal.
 */
export * from './internal.js';
export { toRational } from './rational.js';
export { isSink, MemorySink, type Sink } from './sink.js';
export { TagCode, type TagDefinition, type TagName, Tags, tagByCode, tagByName, tagName } from './tags.js';
