/**
 * @tiffkit/tiff-meta-ome — OME-XML 2016-06 for OME-TIFF from plain data, and back. No TIFF knowledge:
 * the writer supplies shapes, page counts and IFD numbers.
 */
export type { OmeAnnotationKind, OmeAnnotationSpec, OmeWarning } from './annotations.js';
export { ANNOTATION_SKIPPED } from './annotations.js';
export type { OmeModulo, OmeSizeAxis } from './axes.js';
export { OME_NAMESPACE, type OmeImagePlacement, OmeXml, type OmeXmlOptions } from './document.js';
export type {
  OmeAnnotationInfo,
  OmeChannelInfo,
  OmeDatasetInfo,
  OmeDocument,
  OmeExperimenterInfo,
  OmeImageInfo,
  OmeModuloInfo,
  OmePixelsInfo,
  OmePlaneInfo,
  OmeProjectInfo,
  OmeTiffDataInfo,
} from './document-info.js';
export { OmeError, type OmeErrorCode } from './errors.js';
export type { OmeExperimenterLink, OmeExperimenterSpec, OmeGroupSpec } from './groups.js';
export { isOmeXml } from './is-ome-xml.js';
export { parseOmeXml } from './parse.js';
export { type OmeDType, omePixelType } from './pixel-type.js';
export { type OmeImagePlan, type OmeImageRequest, planOmeImage } from './plan.js';
export {
  DIMENSION_ORDERS,
  LENGTH_UNITS,
  type OmeDimensionOrder,
  type OmePixelType,
  PIXEL_TYPES,
  TIME_UNITS,
} from './schema-enums.js';
export type { XmlAttribute } from './xml-builder.js';
