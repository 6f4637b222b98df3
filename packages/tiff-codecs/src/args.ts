import { Compression, type CompressionAliases, type EnumName, enumName } from '@tiffkit/tiff-core/enums.js';
import { describeValue, TiffError } from '@tiffkit/tiff-core/errors.js';

/**
 * The `compressionArgs` keys each writable compression reads, by Compression name. This table is the
 * one source of the names tiffkit can write ({@link WritableCompression}) and of the keys the writer
 * accepts: any other key is refused before a byte is written, so a typo (`levle`) cannot pass unnoticed.
 */
export const COMPRESSION_ARG_KEYS = {
  NONE: [],
  LZW: [],
  PACKBITS: [],
  ADOBE_DEFLATE: ['level'],
  DEFLATE: ['level'],
  PIXTIFF: ['level'],
  JPEG: ['level', 'outcolorspace'],
  LZMA: ['level'],
  ZSTD: ['level'],
  ZSTD_DEPRECATED: ['level'],
  WEBP: ['level', 'lossless', 'method'],
  WEBP_DEPRECATED: ['level', 'lossless', 'method'],
  PNG: ['level'],
  JPEG2000: ['level', 'reversible', 'resolutions', 'mct', 'bitspersample'],
  JPEGXL: ['level', 'effort', 'distance', 'lossless', 'decodingspeed', 'usecontainer', 'bitspersample'],
  JPEGXL_DNG: ['level', 'effort', 'distance', 'lossless', 'decodingspeed', 'usecontainer', 'bitspersample'],
} as const satisfies { readonly [N in keyof typeof Compression]?: readonly string[] };

/** The Compression member names tiffkit has an encoder for (upper case, as in `Compression`). */
export type WritableCompression = keyof typeof COMPRESSION_ARG_KEYS;

/**
 * A compression tiffkit can write, by name: `'none'`, `'zlib'` (= `'adobe_deflate'`, code 8), `'deflate'`
 * (code 32946), `'lzw'`, `'packbits'`, `'jpeg'`, `'zstd'`, `'lzma'`, `'webp'`, `'png'`, `'jpeg2000'`,
 * `'jpegxl'`, `'jpegxl_dng'`, `'pixtiff'`, and the deprecated codes `'zstd_deprecated'`, `'webp_deprecated'`;
 * lower or upper case (any case at run time). Names of schemes tiffkit cannot write (`'ccittrle'`, `'lerc'`, …) are not in the type; their
 * codes are still numbers, refused at run time with UNSUPPORTED.
 */
export type CompressionName = EnumName<typeof COMPRESSION_ARG_KEYS, keyof typeof CompressionAliases>;

/** A compression tiffkit can write, by name or code; `true` is zlib, `false`/`null` (or `'none'`) none. */
export type CompressionInput = CompressionName | number | boolean | null;

/** `compressionArgs` of the zlib family (zlib/ADOBE_DEFLATE 8, DEFLATE 32946, PIXTIFF 50013). */
export interface DeflateArgs {
  /** zlib level: an integer from 0 (stored) to 9 (smallest output). Default: 6. tifffile: `compressionargs={'level': n}` */
  readonly level?: number;
}

/** `compressionArgs` of PNG (34933). */
export interface PngArgs {
  /** zlib level of the PNG stream: an integer from 0 to 9. Default: 6. */
  readonly level?: number;
}

/** `compressionArgs` of Zstandard (50000, and the deprecated 34926). */
export interface ZstdArgs {
  /** Level: an integer from -131072 (fastest) to 22 (smallest); 0 means zstd's default. Default: 3. */
  readonly level?: number;
}

/** `compressionArgs` of LZMA (34925, an xz container). */
export interface LzmaArgs {
  /**
   * liblzma preset: an integer from 0 (fastest) to 7. Default: 6. Presets 8 and 9 need more memory
   * than the WebAssembly liblzma can address and are refused.
   */
  readonly level?: number;
}

/** `compressionArgs` of WebP (50001, and the deprecated 34927). */
export interface WebpArgs {
  /** Lossy quality from 0 to 100, or for lossless the effort spent on smaller output. Default: 75. */
  readonly level?: number;
  /** Encode losslessly. Default: false (lossy, as libwebp). */
  readonly lossless?: boolean;
  /** Effort: an integer from 0 (fastest) to 6 (slowest, smallest). Default: 4. */
  readonly method?: number;
}

/** `compressionArgs` of JPEG 2000 (34712), as imagecodecs' `jpeg2k_encode` reads them. */
export interface Jpeg2000Args {
  /**
   * imagecodecs' PSNR target in dB: 1–1000 is lossy, each segment the smallest codestream found whose
   * decoded PSNR (over all its samples, peak 2^bits − 1) is at least `level` — measured exactly, where
   * OpenJPEG's own fixed-quality mode estimates it; a level even every coding pass of the 9/7 wavelet
   * misses gives the exact 5/3 codestream. Absent, 0 (or any value outside 1–1000): lossless. Default: lossless.
   */
  readonly level?: number;
  /**
   * Lossless: the 5/3 integer wavelet (exact); `false`: the 9/7 wavelet with every coding pass (near
   * lossless). With a `level`: the 9/7 wavelet, or the 5/3 with `true`. Default: true, or false with a level.
   */
  readonly reversible?: boolean;
  /** Most resolution levels, 1–33; fewer when the segment is small (log2 of its smaller side less 2). Default: 6. */
  readonly resolutions?: number;
  /**
   * The RGB colour transform for 3 or more samples. Default: true; `false` is refused for 3+ samples
   * (the encoder always applies it) and changes nothing for 1.
   */
  readonly mct?: boolean;
  /**
   * Bits per sample stored in the codestream (and the BitsPerSample tag): 1–8 for uint8, 9–16 for
   * 16-bit data. Default: the dtype's. The writer's `bitsPerSample` option sets it too.
   */
  readonly bitspersample?: number;
}

/**
 * `compressionArgs` of JPEG XL (50002, and JPEGXL_DNG 52546), read as imagecodecs' `jpegxl_encode` reads
 * them. tiffkit's encoder is lossless only: what would ask imagecodecs for lossy coding (`level` ≤ 100, a
 * `distance` without `lossless: true`, `lossless: false`) is refused with UNSUPPORTED.
 */
export interface JpegXlArgs {
  /** Above 100: lossless (imagecodecs' convention). 100 or less is a lossy quality: refused. Default: lossless. */
  readonly level?: number;
  /** libjxl's effort, an integer from 1 to 10: accepted, but tiffkit's encoder has a single effort. */
  readonly effort?: number;
  /** Butteraugli distance 0–25 (lossy): refused unless `lossless: true`, which wins as in imagecodecs. */
  readonly distance?: number;
  /** Lossless coding. Default: true; `false` (lossy) is refused. */
  readonly lossless?: boolean;
  /** libjxl's decoding speed tier, an integer from 0 to 4: accepted, no effect (lossless modular). */
  readonly decodingspeed?: number;
  /** Wrap each codestream in the JPEG XL container (ISO BMFF boxes). Default: false (bare codestream, as tifffile). */
  readonly usecontainer?: boolean;
  /**
   * Bit depth the codestream declares for uint8 (1–8) or uint16 (9–16) samples (a larger sample is INVALID_DATA);
   * the writer's `bitsPerSample` sets it (and the BitsPerSample tag). Default: the dtype's. Ignored for floats.
   */
  readonly bitspersample?: number;
}

/** `compressionArgs` of JPEG (7); chroma subsampling is the `subsampling` write option. */
export interface JpegArgs {
  /** Quality: an integer from 1 to 100. Default: 75. */
  readonly level?: number;
  /**
   * How RGB data is stored: `'ycbcr'` (converted and subsampled, the default) or `'rgb'` (unconverted,
   * not subsampled). Any case. tifffile: `compressionargs={'outcolorspace': ...}`
   */
  readonly outcolorspace?: 'ycbcr' | 'rgb' | 'YCBCR' | 'RGB';
}

/** `compressionArgs` of a scheme that takes none (NONE, LZW, PackBits): any key is refused. */
export interface NoCompressionArgs {
  readonly [key: string]: never;
}

/** The `compressionArgs` type of each writable compression, by Compression name. */
export interface CompressionArgsByName {
  /** No compression: no arguments (ignored at run time, as tifffile). */
  NONE: NoCompressionArgs;
  /** LZW (5): no arguments. */
  LZW: NoCompressionArgs;
  /** PackBits (32773): no arguments. */
  PACKBITS: NoCompressionArgs;
  /** zlib (8). */
  ADOBE_DEFLATE: DeflateArgs;
  /** zlib under the old code (32946). */
  DEFLATE: DeflateArgs;
  /** zlib under PixTIFF's code (50013). */
  PIXTIFF: DeflateArgs;
  /** JPEG (7). */
  JPEG: JpegArgs;
  /** LZMA (34925). */
  LZMA: LzmaArgs;
  /** Zstandard (50000). */
  ZSTD: ZstdArgs;
  /** Zstandard under its old code (34926). */
  ZSTD_DEPRECATED: ZstdArgs;
  /** WebP (50001). */
  WEBP: WebpArgs;
  /** WebP under its old code (34927). */
  WEBP_DEPRECATED: WebpArgs;
  /** PNG (34933). */
  PNG: PngArgs;
  /** JPEG 2000 (34712), a raw J2K codestream per segment. */
  JPEG2000: Jpeg2000Args;
  /** JPEG XL (50002), lossless. */
  JPEGXL: JpegXlArgs;
  /** JPEG XL under the DNG code (52546): the same bare lossless codestream. */
  JPEGXL_DNG: JpegXlArgs;
}

/**
 * The `compressionArgs` type for a `compression` value `C`: a name (any case the type allows, `'zlib'`
 * included), a code (`50001` → {@link WebpArgs}; a code typed only as `number` allows any codec's keys),
 * `true` (zlib), or `false`/`null`/`undefined` (no compression). A union of values gives the union of
 * their arguments.
 */
export type CompressionArgsFor<C> = C extends string
  ? Uppercase<C> extends WritableCompression
    ? CompressionArgsByName[Uppercase<C>]
    : Uppercase<C> extends Uppercase<keyof typeof CompressionAliases & string>
      ? DeflateArgs
      : never
  : C extends number
    ? {
        [N in WritableCompression]: (typeof Compression)[N] extends C ? CompressionArgsByName[N] : never;
      }[WritableCompression]
    : C extends true
      ? DeflateArgs
      : NoCompressionArgs;

/** The keys compression `code` reads from `compressionArgs`; undefined when tiffkit cannot write it. */
export function compressionArgKeys(code: number): readonly string[] | undefined {
  const name = enumName(Compression, code);
  return name !== undefined && Object.hasOwn(COMPRESSION_ARG_KEYS, name)
    ? COMPRESSION_ARG_KEYS[name as WritableCompression]
    : undefined;
}

/**
 * Refuse a `compressionArgs` key that compression `code` does not read: INVALID_OPTION naming
 * `compressionArgs.<key>` and the keys it accepts. A codec tiffkit cannot write is left to `codecRules`.
 */
export function checkCompressionArgKeys(code: number, args: object): void {
  const accepted = compressionArgKeys(code);
  if (accepted === undefined) return;
  for (const key of Object.keys(args)) {
    if (accepted.includes(key)) continue;
    const option = `compressionArgs.${key}`;
    const value = (args as Record<string, unknown>)[key];
    const name = enumName(Compression, code);
    const expected =
      accepted.length === 0
        ? `${name} takes no compressionArgs`
        : `${name} takes ${accepted.map((k) => `'${k}'`).join(', ')}`;
    throw new TiffError('INVALID_OPTION', `${option}=${describeValue(value)} is invalid: unknown key; ${expected}`, {
      option,
    });
  }
}
