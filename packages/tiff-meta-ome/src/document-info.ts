/** What parseOmeXml returns: the document as plain data, attribute names in camelCase. */

export interface OmeDocument {
  /** The root element's namespace, e.g. `http://www.openmicroscopy.org/Schemas/OME/2016-06`. */
  readonly namespace?: string;
  /** The UUID attribute as written (`urn:uuid:…`). */
  readonly uuid?: string;
  readonly creator?: string;
  readonly projects: readonly OmeProjectInfo[];
  readonly datasets: readonly OmeDatasetInfo[];
  readonly experimenters: readonly OmeExperimenterInfo[];
  readonly images: readonly OmeImageInfo[];
  readonly annotations: readonly OmeAnnotationInfo[];
}

export interface OmeProjectInfo {
  readonly id: string;
  readonly name?: string;
  readonly description?: string;
  readonly datasetRefs: readonly string[];
  readonly annotationRefs: readonly string[];
}

export interface OmeDatasetInfo {
  readonly id: string;
  readonly name?: string;
  readonly description?: string;
  readonly imageRefs: readonly string[];
  readonly annotationRefs: readonly string[];
}

export interface OmeExperimenterInfo {
  readonly id: string;
  readonly firstName?: string;
  readonly middleName?: string;
  readonly lastName?: string;
  readonly email?: string;
  readonly institution?: string;
  readonly userName?: string;
  readonly annotationRefs: readonly string[];
}

export interface OmeImageInfo {
  readonly id: string;
  readonly name?: string;
  readonly acquisitionDate?: string;
  readonly description?: string;
  readonly experimenterRef?: string;
  readonly annotationRefs: readonly string[];
  readonly pixels: OmePixelsInfo;
  /** From the image's modulo XMLAnnotation (namespace openmicroscopy.org/omero/dimension/modulo), if any. */
  readonly modulo: readonly OmeModuloInfo[];
}

export interface OmePixelsInfo {
  readonly id: string;
  readonly dimensionOrder: string;
  readonly type: string;
  readonly sizeX: number;
  readonly sizeY: number;
  readonly sizeZ: number;
  readonly sizeC: number;
  readonly sizeT: number;
  readonly interleaved?: boolean;
  readonly significantBits?: number;
  readonly bigEndian?: boolean;
  readonly physicalSizeX?: number;
  readonly physicalSizeXUnit?: string;
  readonly physicalSizeY?: number;
  readonly physicalSizeYUnit?: string;
  readonly physicalSizeZ?: number;
  readonly physicalSizeZUnit?: string;
  readonly timeIncrement?: number;
  readonly timeIncrementUnit?: string;
  readonly channels: readonly OmeChannelInfo[];
  readonly tiffData: readonly OmeTiffDataInfo[];
  readonly planes: readonly OmePlaneInfo[];
}

export interface OmeChannelInfo {
  readonly id: string;
  readonly samplesPerPixel?: number;
  readonly name?: string;
  readonly acquisitionMode?: string;
  readonly color?: number;
  readonly contrastMethod?: string;
  readonly emissionWavelength?: number;
  readonly emissionWavelengthUnit?: string;
  readonly excitationWavelength?: number;
  readonly excitationWavelengthUnit?: string;
  readonly fluor?: string;
  readonly illuminationType?: string;
  readonly ndFilter?: number;
  readonly pinholeSize?: number;
  readonly pinholeSizeUnit?: string;
  readonly pockelCellSetting?: number;
}

export interface OmeTiffDataInfo {
  /** Schema default 0 when absent. */
  readonly ifd: number;
  readonly planeCount?: number;
  readonly firstZ: number;
  readonly firstT: number;
  readonly firstC: number;
  /** The UUID child (`urn:uuid:…`) naming another file of a multi-file set, with its FileName. */
  readonly uuid?: string;
  readonly fileName?: string;
}

export interface OmePlaneInfo {
  readonly theC: number;
  readonly theZ: number;
  readonly theT: number;
  readonly deltaT?: number;
  readonly deltaTUnit?: string;
  readonly exposureTime?: number;
  readonly exposureTimeUnit?: string;
  readonly positionX?: number;
  readonly positionXUnit?: string;
  readonly positionY?: number;
  readonly positionYUnit?: string;
  readonly positionZ?: number;
  readonly positionZUnit?: string;
}

export interface OmeModuloInfo {
  readonly along: 'T' | 'Z' | 'C';
  readonly type?: string;
  readonly typeDescription?: string;
  readonly unit?: string;
  readonly start?: number;
  readonly step?: number;
  readonly end?: number;
  readonly labels: readonly string[];
}

/**
 * A StructuredAnnotations entry. `value` by kind: MapAnnotation → [key, value] pairs (keys may repeat);
 * XMLAnnotation → the inner markup of <Value> as written; Long → number (bigint beyond 2^53);
 * Double → number; Boolean → boolean; Comment/Tag/Term/Timestamp → text; File/List → undefined.
 */
export interface OmeAnnotationInfo {
  readonly id: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly description?: string;
  readonly annotationRefs: readonly string[];
  readonly value: string | number | bigint | boolean | readonly (readonly [string, string])[] | undefined;
}
