/**
 * Enumerations of the OME 2016-06 schema (ome.xsd) that metadata values are checked against, so that an
 * invalid value fails at write() time with the key named instead of producing a document that
 * schema-validating readers (Bio-Formats, OMERO) reject.
 */

export const DIMENSION_ORDERS = ['XYZCT', 'XYZTC', 'XYCTZ', 'XYCZT', 'XYTCZ', 'XYTZC'] as const;
export type OmeDimensionOrder = (typeof DIMENSION_ORDERS)[number];

export const PIXEL_TYPES = [
  'int8',
  'int16',
  'int32',
  'uint8',
  'uint16',
  'uint32',
  'float',
  'double',
  'complex',
  'double-complex',
  'bit',
] as const;
export type OmePixelType = (typeof PIXEL_TYPES)[number];

/** UnitsLength; 'µm' is U+00B5 MICRO SIGN and 'Å' is U+00C5, exactly as in the schema. */
// biome-ignore format: the schema's list, kept compact
export const LENGTH_UNITS: readonly string[] = [
  'Ym', 'Zm', 'Em', 'Pm', 'Tm', 'Gm', 'Mm', 'km', 'hm', 'dam', 'm', 'dm', 'cm', 'mm', 'µm', 'nm', 'pm', 'fm',
  'am', 'zm', 'ym', 'Å', 'thou', 'li', 'in', 'ft', 'yd', 'mi', 'ua', 'ly', 'pc', 'pt', 'pixel', 'reference frame',
];

/** UnitsTime. */
// biome-ignore format: the schema's list, kept compact
export const TIME_UNITS: readonly string[] = [
  'Ys', 'Zs', 'Es', 'Ps', 'Ts', 'Gs', 'Ms', 'ks', 'hs', 'das', 's', 'ds', 'cs', 'ms', 'µs', 'ns', 'ps', 'fs',
  'as', 'zs', 'ys', 'min', 'h', 'd',
];

/**
 * Spellings people type for the two non-ASCII units: ASCII 'u', GREEK SMALL LETTER MU (U+03BC) and
 * ANGSTROM SIGN (U+212B). They are unambiguous, so they are written as the schema's symbol rather
 * than rejected.
 */
export const UNIT_ALIASES: ReadonlyMap<string, string> = new Map([
  ['um', 'µm'],
  ['\u03bcm', 'µm'],
  ['us', 'µs'],
  ['\u03bcs', 'µs'],
  ['\u212b', 'Å'],
]);

// biome-ignore format: the schema's list, kept compact
export const ACQUISITION_MODES: readonly string[] = [
  'WideField', 'LaserScanningConfocalMicroscopy', 'SpinningDiskConfocal', 'SlitScanConfocal',
  'MultiPhotonMicroscopy', 'StructuredIllumination', 'SingleMoleculeImaging', 'TotalInternalReflection',
  'FluorescenceLifetime', 'SpectralImaging', 'FluorescenceCorrelationSpectroscopy',
  'NearFieldScanningOpticalMicroscopy', 'SecondHarmonicGenerationImaging', 'PALM', 'STORM', 'STED', 'TIRF',
  'FSM', 'LCM', 'Other', 'BrightField', 'SweptFieldConfocal', 'SPIM',
];

// biome-ignore format: the schema's list, kept compact
export const CONTRAST_METHODS: readonly string[] = [
  'Brightfield', 'Phase', 'DIC', 'HoffmanModulation', 'ObliqueIllumination', 'PolarizedLight', 'Darkfield',
  'Fluorescence', 'Other',
];

export const ILLUMINATION_TYPES: readonly string[] = [
  'Transmitted',
  'Epifluorescence',
  'Oblique',
  'NonLinear',
  'Other',
];

/** xsd:int, the base of PositiveInt, NonNegativeInt and Color. */
export const INT32_MAX = 2 ** 31 - 1;
export const INT32_MIN = -(2 ** 31);
