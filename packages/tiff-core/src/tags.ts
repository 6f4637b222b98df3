import { FieldType } from './field-types.js';

/** A tag as the registry knows it: its code, name and the field type the writer uses for it. */
export interface TagDefinition {
  readonly code: number;
  readonly name: string;
  readonly type: FieldType;
}

const { BYTE, ASCII, SHORT, LONG, RATIONAL, UNDEFINED, DOUBLE, IFD } = FieldType;

/** One entry of the table, its code and type typed as literals (shorter than an object literal once minified). */
function tag<const C extends number, const T extends FieldType>(
  code: C,
  type: T,
): { readonly code: C; readonly type: T } {
  return { code, type };
}

/**
 * Tags by name. `type` is the type tiffkit writes (offsets and byte counts are written as LONG8 in
 * BigTIFF files whatever is listed here; several tags accept SHORT or LONG on read).
 */
export const Tags = {
  NewSubfileType: tag(254, LONG),
  SubfileType: tag(255, SHORT),
  ImageWidth: tag(256, LONG),
  ImageLength: tag(257, LONG),
  BitsPerSample: tag(258, SHORT),
  Compression: tag(259, SHORT),
  PhotometricInterpretation: tag(262, SHORT),
  Threshholding: tag(263, SHORT),
  CellWidth: tag(264, SHORT),
  CellLength: tag(265, SHORT),
  FillOrder: tag(266, SHORT),
  DocumentName: tag(269, ASCII),
  ImageDescription: tag(270, ASCII),
  Make: tag(271, ASCII),
  Model: tag(272, ASCII),
  StripOffsets: tag(273, LONG),
  Orientation: tag(274, SHORT),
  SamplesPerPixel: tag(277, SHORT),
  RowsPerStrip: tag(278, LONG),
  StripByteCounts: tag(279, LONG),
  MinSampleValue: tag(280, SHORT),
  MaxSampleValue: tag(281, SHORT),
  XResolution: tag(282, RATIONAL),
  YResolution: tag(283, RATIONAL),
  PlanarConfiguration: tag(284, SHORT),
  PageName: tag(285, ASCII),
  XPosition: tag(286, RATIONAL),
  YPosition: tag(287, RATIONAL),
  FreeOffsets: tag(288, LONG),
  FreeByteCounts: tag(289, LONG),
  GrayResponseUnit: tag(290, SHORT),
  GrayResponseCurve: tag(291, SHORT),
  T4Options: tag(292, LONG),
  T6Options: tag(293, LONG),
  ResolutionUnit: tag(296, SHORT),
  PageNumber: tag(297, SHORT),
  TransferFunction: tag(301, SHORT),
  Software: tag(305, ASCII),
  DateTime: tag(306, ASCII),
  Artist: tag(315, ASCII),
  HostComputer: tag(316, ASCII),
  Predictor: tag(317, SHORT),
  WhitePoint: tag(318, RATIONAL),
  PrimaryChromaticities: tag(319, RATIONAL),
  ColorMap: tag(320, SHORT),
  HalftoneHints: tag(321, SHORT),
  TileWidth: tag(322, LONG),
  TileLength: tag(323, LONG),
  TileOffsets: tag(324, LONG),
  TileByteCounts: tag(325, LONG),
  SubIFDs: tag(330, IFD),
  InkSet: tag(332, SHORT),
  InkNames: tag(333, ASCII),
  NumberOfInks: tag(334, SHORT),
  DotRange: tag(336, BYTE),
  TargetPrinter: tag(337, ASCII),
  ExtraSamples: tag(338, SHORT),
  SampleFormat: tag(339, SHORT),
  SMinSampleValue: tag(340, DOUBLE),
  SMaxSampleValue: tag(341, DOUBLE),
  TransferRange: tag(342, SHORT),
  JPEGTables: tag(347, UNDEFINED),
  GlobalParametersIFD: tag(400, IFD),
  YCbCrCoefficients: tag(529, RATIONAL),
  YCbCrSubSampling: tag(530, SHORT),
  YCbCrPositioning: tag(531, SHORT),
  ReferenceBlackWhite: tag(532, RATIONAL),
  XMP: tag(700, BYTE),
  ImageID: tag(32781, ASCII),
  CFARepeatPatternDim: tag(33421, SHORT),
  CFAPattern: tag(33422, BYTE),
  Copyright: tag(33432, ASCII),
  ModelPixelScaleTag: tag(33550, DOUBLE),
  IPTCNAA: tag(33723, LONG),
  ModelTiepointTag: tag(33922, DOUBLE),
  ModelTransformationTag: tag(34264, DOUBLE),
  Photoshop: tag(34377, BYTE),
  ExifIFD: tag(34665, IFD),
  InterColorProfile: tag(34675, UNDEFINED),
  GeoKeyDirectoryTag: tag(34735, SHORT),
  GeoDoubleParamsTag: tag(34736, DOUBLE),
  GeoAsciiParamsTag: tag(34737, ASCII),
  GPSIFD: tag(34853, IFD),
  ImageDepth: tag(32997, LONG),
  TileDepth: tag(32998, LONG),
  InteroperabilityIFD: tag(40965, IFD),
  GDAL_METADATA: tag(42112, ASCII),
  GDAL_NODATA: tag(42113, ASCII),
  UIC1tag: tag(33628, LONG),
  MM_Header: tag(34361, BYTE),
  CZ_LSMINFO: tag(34412, BYTE),
  IJMetadataByteCounts: tag(50838, LONG),
  IJMetadata: tag(50839, BYTE),
  LercParameters: tag(50674, LONG),
  DNGVersion: tag(50706, BYTE),
  CameraSerialNumber: tag(50735, ASCII),
  MicroManagerMetadata: tag(51123, ASCII),
} as const satisfies Record<string, { code: number; type: FieldType }>;

export type TagName = keyof typeof Tags;

/** Tag codes by name, for code that writes entries: `TagCode.ImageDescription` is 270. */
export const TagCode = Object.freeze(
  Object.fromEntries(Object.entries(Tags).map(([name, { code }]) => [name, code])),
) as { readonly [K in TagName]: (typeof Tags)[K]['code'] };

const BY_CODE = new Map<number, TagDefinition>();
const BY_NAME = new Map<string, TagDefinition>();
for (const [name, { code, type }] of Object.entries(Tags)) {
  const definition = Object.freeze({ code, name, type });
  BY_CODE.set(code, definition);
  BY_NAME.set(name.toLowerCase(), definition);
}

/** The registry entry for a tag code, if the registry knows it. */
export function tagByCode(code: number): TagDefinition | undefined {
  return BY_CODE.get(code);
}

/** The registry entry for a tag name (case-insensitive), if the registry knows it. */
export function tagByName(name: string): TagDefinition | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** A tag's name, or `Tag<code>` for unregistered codes. */
export function tagName(code: number): string {
  return BY_CODE.get(code)?.name ?? `Tag${code}`;
}
