import { describeValue, TiffError } from './errors.js';

/**
 * The names an enum-valued option accepts from a type checker: each member name of the table `E` and
 * each alias in `A`, all lower case or all upper case (`'minisblack'`, `'MINISBLACK'`). At run time
 * `parseEnum` accepts any case (`'MinIsBlack'`) and the TIFF code too; the types stop at the two
 * spellings people write so that an editor can list them and a typo fails to compile. The options take
 * the TIFF code as any `number` besides (a code read from a file is accepted as it is; one the table
 * lacks is refused at run time).
 */
export type EnumName<E extends object, A extends string = never> =
  | Lowercase<(keyof E & string) | A>
  | Uppercase<(keyof E & string) | A>;

/**
 * PhotometricInterpretation (262): how sample values map to colours.
 *
 * @enum
 */
export const Photometric = {
  MINISWHITE: 0,
  MINISBLACK: 1,
  RGB: 2,
  PALETTE: 3,
  MASK: 4,
  SEPARATED: 5,
  YCBCR: 6,
  CIELAB: 8,
  ICCLAB: 9,
  ITULAB: 10,
  CFA: 32803,
  LOGL: 32844,
  LOGLUV: 32845,
  LINEAR_RAW: 34892,
  DEPTH_MAP: 51177,
  SEMANTIC_MASK: 52527,
} as const;
/** A PhotometricInterpretation code. */
export type Photometric = (typeof Photometric)[keyof typeof Photometric];
/** A PhotometricInterpretation name: `'minisblack'`, `'rgb'`, `'palette'`, … (lower or upper case). */
export type PhotometricName = EnumName<typeof Photometric>;
/** A PhotometricInterpretation name or code. */
export type PhotometricInput = PhotometricName | number;

/**
 * PlanarConfiguration (284): samples of a pixel stored together (CONTIG) or in separate planes (SEPARATE).
 *
 * @enum
 */
export const PlanarConfig = { CONTIG: 1, SEPARATE: 2 } as const;
/** A PlanarConfiguration code. */
export type PlanarConfig = (typeof PlanarConfig)[keyof typeof PlanarConfig];
/** tiffkit's extra spellings of PlanarConfiguration, lower case. */
export const PlanarConfigAliases = { contiguous: PlanarConfig.CONTIG, planar: PlanarConfig.SEPARATE } as const;
/** A PlanarConfiguration name: `'contig'`, `'separate'`, or the aliases `'contiguous'`, `'planar'`. */
export type PlanarConfigName = EnumName<typeof PlanarConfig, keyof typeof PlanarConfigAliases>;
/** A PlanarConfiguration name or code. */
export type PlanarConfigInput = PlanarConfigName | number;

/**
 * ExtraSamples (338) values: what a sample beyond the photometric ones holds.
 *
 * @enum
 */
export const ExtraSample = { UNSPECIFIED: 0, ASSOCALPHA: 1, UNASSALPHA: 2 } as const;
/** An ExtraSamples code. */
export type ExtraSample = (typeof ExtraSample)[keyof typeof ExtraSample];
/** tiffkit's extra spellings of ExtraSamples values, lower case: plain and premultiplied alpha. */
export const ExtraSampleAliases = { alpha: ExtraSample.UNASSALPHA, premultiplied: ExtraSample.ASSOCALPHA } as const;
/** An ExtraSamples name: `'unspecified'`, `'assocalpha'`, `'unassalpha'`, `'alpha'`, `'premultiplied'`. */
export type ExtraSampleName = EnumName<typeof ExtraSample, keyof typeof ExtraSampleAliases>;
/** An ExtraSamples name or code. */
export type ExtraSampleInput = ExtraSampleName | number;

/**
 * ResolutionUnit (296): the unit of XResolution and YResolution.
 *
 * @enum
 */
export const ResolutionUnit = { NONE: 1, INCH: 2, CENTIMETER: 3, MILLIMETER: 4, MICROMETER: 5 } as const;
/** A ResolutionUnit code. */
export type ResolutionUnit = (typeof ResolutionUnit)[keyof typeof ResolutionUnit];
/** tiffkit's abbreviations of ResolutionUnit names, lower case (`µm` with the micro sign, or `um`). */
export const ResolutionUnitAliases = {
  in: ResolutionUnit.INCH,
  cm: ResolutionUnit.CENTIMETER,
  mm: ResolutionUnit.MILLIMETER,
  um: ResolutionUnit.MICROMETER,
  µm: ResolutionUnit.MICROMETER,
} as const;
/**
 * A ResolutionUnit name: `'none'`, `'inch'`, `'centimeter'`, `'millimeter'`, `'micrometer'` or the
 * abbreviations `'in'`, `'cm'`, `'mm'`, `'um'`, `'µm'`. (`'µm'` has no upper-case form here: upper-casing
 * the micro sign gives a Greek capital mu, which is another letter.)
 */
export type ResolutionUnitName = Exclude<
  EnumName<typeof ResolutionUnit, keyof typeof ResolutionUnitAliases>,
  Uppercase<'µm'>
>;
/** A ResolutionUnit name or code. */
export type ResolutionUnitInput = ResolutionUnitName | number;

/**
 * Predictor (317): the differencing applied before compression.
 *
 * @enum
 */
export const Predictor = {
  NONE: 1,
  HORIZONTAL: 2,
  FLOATINGPOINT: 3,
  HORIZONTALX2: 34892,
  HORIZONTALX4: 34893,
  FLOATINGPOINTX2: 34894,
  FLOATINGPOINTX4: 34895,
} as const;
/** A Predictor code. */
export type Predictor = (typeof Predictor)[keyof typeof Predictor];
/** A Predictor name: `'none'`, `'horizontal'`, `'floatingpoint'`, `'horizontalx2'`, … (lower or upper case). */
export type PredictorName = EnumName<typeof Predictor>;
/** A Predictor name or code; `true` picks one by dtype, `false`/`null` (or `'none'`) means none. */
export type PredictorInput = PredictorName | number | boolean | null;

/**
 * NewSubfileType (254) bits, combined with `|`: a reduced-resolution image, a page of many, a mask, a macro.
 *
 * @enum
 */
export const SubfileType = { UNDEFINED: 0, REDUCEDIMAGE: 1, PAGE: 2, MASK: 4, MACRO: 8 } as const;

/**
 * Compression (259) codes: every scheme TIFF readers know, whether or not tiffkit can write it.
 *
 * @enum
 */
export const Compression = {
  NONE: 1,
  CCITTRLE: 2,
  CCITT_T4: 3,
  CCITT_T6: 4,
  LZW: 5,
  OJPEG: 6,
  JPEG: 7,
  ADOBE_DEFLATE: 8,
  JBIG_BW: 9,
  JBIG_COLOR: 10,
  JPEG_99: 99,
  IMPACJ: 22610,
  KODAK_262: 262,
  NEXT: 32766,
  SONY_ARW: 32767,
  PACKED_RAW: 32769,
  SAMSUNG_SRW: 32770,
  CCIRLEW: 32771,
  SAMSUNG_SRW2: 32772,
  PACKBITS: 32773,
  THUNDERSCAN: 32809,
  IT8CTPAD: 32895,
  IT8LW: 32896,
  IT8MP: 32897,
  IT8BL: 32898,
  PIXARFILM: 32908,
  PIXARLOG: 32909,
  DEFLATE: 32946,
  DCS: 32947,
  APERIO_JP2000_YCBC: 33003,
  JPEG_2000_LOSSY: 33004,
  APERIO_JP2000_RGB: 33005,
  ALT_JPEG: 33007,
  JBIG: 34661,
  SGILOG: 34676,
  SGILOG24: 34677,
  LURADOC: 34692,
  JPEG2000: 34712,
  NIKON_NEF: 34713,
  JBIG2: 34715,
  MDI_BINARY: 34718,
  MDI_PROGRESSIVE: 34719,
  MDI_VECTOR: 34720,
  LERC: 34887,
  JPEG_LOSSY: 34892,
  LZMA: 34925,
  ZSTD_DEPRECATED: 34926,
  WEBP_DEPRECATED: 34927,
  PNG: 34933,
  JPEGXR: 34934,
  JETRAW: 48124,
  ZSTD: 50000,
  WEBP: 50001,
  JPEGXL: 50002,
  PIXTIFF: 50013,
  JPEGXL_DNG: 52546,
  EER_V0: 65000,
  EER_V1: 65001,
  EER_V2: 65002,
} as const;
/** A Compression code. */
export type Compression = (typeof Compression)[keyof typeof Compression];
/** tifffile's extra spelling of a Compression name, lower case: `zlib` is ADOBE_DEFLATE (8). */
export const CompressionAliases = { zlib: Compression.ADOBE_DEFLATE } as const;

/**
 * Resolve an enum-valued option given as a code, a member name in any case, or a constant.
 * `aliases` maps extra lower-case spellings to codes (e.g. `zlib` → 8).
 *
 * @internal Plumbing for the other @tiffkit packages, outside the semver-stable API.
 */
export function parseEnum<E extends Record<string, number>>(
  members: E,
  value: unknown,
  option: string,
  aliases: Record<string, number> = {},
): E[keyof E] {
  const codes = Object.values(members);
  if (typeof value === 'number' && codes.includes(value)) return value as E[keyof E];
  if (typeof value === 'string') {
    const key = value.toUpperCase();
    if (Object.hasOwn(members, key)) return members[key] as E[keyof E];
    // hasOwn: a plain-object lookup would also find 'constructor', '__proto__', ... on Object.prototype.
    const lower = value.toLowerCase();
    if (Object.hasOwn(aliases, lower)) return aliases[lower] as E[keyof E];
  }
  const names = Object.keys(members).map((n) => n.toLowerCase());
  const extra = Object.keys(aliases);
  throw new TiffError(
    'INVALID_OPTION',
    `${option}=${describeValue(value)} is invalid: expected one of ${[...names, ...extra].map((n) => `'${n}'`).join(', ')} ` +
      `or its TIFF code (${codes.join(', ')})`,
    { option },
  );
}

/** The member name of a code, e.g. `enumName(Photometric, 1)` → `'MINISBLACK'`. */
export function enumName<E extends Record<string, number>>(members: E, code: number): string | undefined {
  for (const [name, value] of Object.entries(members)) if (value === code) return name;
  return undefined;
}
