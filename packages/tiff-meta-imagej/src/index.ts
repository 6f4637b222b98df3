export { checkImagejData, IMAGEJ_DTYPES, type ImagejDataOptions, imagejColormapUse } from './check.js';
export { decodeIjMetadata } from './decode-ij-metadata.js';
export {
  DEFAULT_IMAGEJ_VERSION,
  IMAGEJ_DESCRIPTION_RESERVE,
  type ImagejDescriptionOptions,
  imagejDescription,
} from './description.js';
export { type ByteOrder, type EncodedIjMetadata, encodeIjMetadata } from './encode-ij-metadata.js';
export { ImageJError, type ImageJErrorCode } from './errors.js';
export { IJ_METADATA_BYTE_COUNTS_TAG, IJ_METADATA_TAG, type IjMetadata } from './ij-metadata-types.js';
export type { LutInput } from './lut.js';
export { BINARY_KEYS } from './metadata-keys.js';
export { type ImagejDescriptionValue, isImagejDescription, parseImagejDescription } from './parse-description.js';
export { pythonFloatRepr, pythonNumber } from './python-str.js';
export { type ImageJPhotometric, type ImageJShape, type ImagejShapeOptions, imagejShape } from './shape.js';
