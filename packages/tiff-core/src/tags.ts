import { FieldType } from './field-types.js';

/** A tag as the registry knows it: its code, name and the field type the writer uses for it. */
export interface TagDefinition {
  readonly code: number;
  readonly name: string;
  readonly type: FieldType;
}

const { BYTE, ASCII, SHORT, LONG, RATIONAL, UNDEFINED, DOUBLE, IFD } = FieldType;

/**
 * Tags by name. `type` is the type tiffkit writes (offsets and byte counts are written as LONG8 in
 * BigTIFF files whatever is listed here; several tags accept SHORT or LONG on read).
 */
export const Tags = {
  NewSubfileType: { code: 254, type: LONG },
  SubfileType: { code: 255, type: SHORT },
  ImageWidth: { code: 256, type: LONG },
  ImageLength: { code: 257, type: LONG },
  BitsPerSample: { code: 258, type: SHORT },
  Compression: { code: 259, type: SHORT },
  PhotometricInterpretation: { code: 262, type: SHORT },
  Threshholding: { code: 263, type: SHORT },
  CellWidth: { code: 264, type: SHORT },
  CellLength: { code: 265, type: SHORT },
  FillOrder: { code: 266, type: SHORT },
  DocumentName: { code: 269, type: ASCII },
  ImageDescription: { code: 270, type: ASCII },
  Make: { code: 271, type: ASCII },
  Model: { code: 272, type: ASCII },
  StripOffsets: { code: 273, type: LONG },
  Orientation: { code: 274, type: SHORT },
  SamplesPerPixel: { code: 277, type: SHORT },
  RowsPerStrip: { code: 278, type: LONG },
  StripByteCounts: { code: 279, type: LONG },
  MinSampleValue: { code: 280, type: SHORT },
  MaxSampleValue: { code: 281, type: SHORT },
  XResolution: { code: 282, type: RATIONAL },
  YResolution: { code: 283, type: RATIONAL },
  PlanarConfiguration: { code: 284, type: SHORT },
  PageName: { code: 285, type: ASCII },
  XPosition: { code: 286, type: RATIONAL },
  YPosition: { code: 287, type: RATIONAL },
  FreeOffsets: { code: 288, type: LONG },
  FreeByteCounts: { code: 289, type: LONG },
  GrayResponseUnit: { code: 290, type: SHORT },
  GrayResponseCurve: { code: 291, type: SHORT },
  T4Options: { code: 292, type: LONG },
  T6Options: { code: 293, type: LONG },
  ResolutionUnit: { code: 296, type: SHORT },
  PageNumber: { code: 297, type: SHORT },
  TransferFunction: { code: 301, type: SHORT },
  Software: { code: 305, type: ASCII },
  DateTime: { code: 306, type: ASCII },
  Artist: { code: 315, type: ASCII },
  HostComputer: { code: 316, type: ASCII },
  Predictor: { code: 317, type: SHORT },
  WhitePoint: { code: 318, type: RATIONAL },
  PrimaryChromaticities: { code: 319, type: RATIONAL },
  ColorMap: { code: 320, type: SHORT },
  HalftoneHints: { code: 321, type: SHORT },
  TileWidth: { code: 322, type: LONG },
  TileLength: { code: 323, type: LONG },
  TileOffsets: { code: 324, type: LONG },
  TileByteCounts: { code: 325, type: LONG },
  SubIFDs: { code: 330, type: IFD },
  InkSet: { code: 332, type: SHORT },
  InkNames: { code: 333, type: ASCII },
  NumberOfInks: { code: 334, type: SHORT },
  DotRange: { code: 336, type: BYTE },
  TargetPrinter: { code: 337, type: ASCII },
  ExtraSamples: { code: 338, type: SHORT },
  SampleFormat: { code: 339, type: SHORT },
  SMinSampleValue: { code: 340, type: DOUBLE },
  SMaxSampleValue: { code: 341, type: DOUBLE },
  TransferRange: { code: 342, type: SHORT },
  JPEGTables: { code: 347, type: UNDEFINED },
  GlobalParametersIFD: { code: 400, type: IFD },
  YCbCrCoefficients: { code: 529, type: RATIONAL },
  YCbCrSubSampling: { code: 530, type: SHORT },
  YCbCrPositioning: { code: 531, type: SHORT },
  ReferenceBlackWhite: { code: 532, type: RATIONAL },
  XMP: { code: 700, type: BYTE },
  ImageID: { code: 32781, type: ASCII },
  CFARepeatPatternDim: { code: 33421, type: SHORT },
  CFAPattern: { code: 33422, type: BYTE },
  Copyright: { code: 33432, type: ASCII },
  ModelPixelScaleTag: { code: 33550, type: DOUBLE },
  IPTCNAA: { code: 33723, type: LONG },
  ModelTiepointTag: { code: 33922, type: DOUBLE },
  ModelTransformationTag: { code: 34264, type: DOUBLE },
  Photoshop: { code: 34377, type: BYTE },
  ExifIFD: { code: 34665, type: IFD },
  InterColorProfile: { code: 34675, type: UNDEFINED },
  GeoKeyDirectoryTag: { code: 34735, type: SHORT },
  GeoDoubleParamsTag: { code: 34736, type: DOUBLE },
  GeoAsciiParamsTag: { code: 34737, type: ASCII },
  GPSIFD: { code: 34853, type: IFD },
  ImageDepth: { code: 32997, type: LONG },
  TileDepth: { code: 32998, type: LONG },
  InteroperabilityIFD: { code: 40965, type: IFD },
  GDAL_METADATA: { code: 42112, type: ASCII },
  GDAL_NODATA: { code: 42113, type: ASCII },
  UIC1tag: { code: 33628, type: LONG },
  MM_Header: { code: 34361, type: BYTE },
  CZ_LSMINFO: { code: 34412, type: BYTE },
  IJMetadataByteCounts: { code: 50838, type: LONG },
  IJMetadata: { code: 50839, type: BYTE },
  LercParameters: { code: 50674, type: LONG },
  DNGVersion: { code: 50706, type: BYTE },
  CameraSerialNumber: { code: 50735, type: ASCII },
  MicroManagerMetadata: { code: 51123, type: ASCII },
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
