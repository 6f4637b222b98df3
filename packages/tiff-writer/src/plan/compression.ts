import type { DType } from '@tiffkit/tiff-core/dtype.js';
import { Compression, CompressionAliases, Predictor, parseEnum } from '@tiffkit/tiff-core/enums.js';
import { invalidOption } from '@tiffkit/tiff-core/errors.js';
import type { WriteOptions } from '../options.js';

/** `compression` spellings that mean "none" (tifffile accepts all of these). */
const NONE = new Set<unknown>([undefined, null, false, 0, 1]);

export function isUncompressed(value: unknown): boolean {
  return NONE.has(value) || (typeof value === 'string' && value.toLowerCase() === 'none');
}

/** tiff-codecs' planning rules of every codec: loaded for compressed series only. */
type CodecRulesModule = typeof import('@tiffkit/tiff-codecs/rules.js');

function codecRulesOf(code: number): Promise<CodecRulesModule | undefined> {
  return code === Compression.NONE ? Promise.resolve(undefined) : import('@tiffkit/tiff-codecs/rules.js');
}

/**
 * The Compression code asked for — `true`, `'zlib'` and `'adobe_deflate'` are 8, `'deflate'` is 32946,
 * `'zstd'`, `'lzma'`, `'webp'`, `'png'`, `'jpeg2000'` the codecs tiff-codecs loads on demand — refused when tiffkit
 * has no encoder for it. Only the codecs' rules are loaded here: the writer loads the codec before encoding.
 */
export async function parseCompression(value: WriteOptions['compression']): Promise<number> {
  if (isUncompressed(value)) return Compression.NONE;
  if (value === true) return Compression.ADOBE_DEFLATE;
  if (Array.isArray(value)) {
    throw invalidOption(
      'compression',
      value,
      'a code or name; pass the level as compressionArgs: { level } (tifffile removed tuples too)',
    );
  }
  const code = parseEnum(Compression, value, 'compression', CompressionAliases);
  (await codecRulesOf(code))?.codecRules(code); // UNSUPPORTED, naming what can be written, when there is no encoder
  return code;
}

/**
 * Check `compressionArgs` for the codec before anything is written: a key it does not read (`levle`) or
 * a bad value is INVALID_OPTION naming `compressionArgs.<key>`. JPEG's values are checked by its plan,
 * which knows the samples. Without compression they are ignored, as tifffile ignores them.
 */
export async function parseCompressionArgs(code: number, args: unknown): Promise<Readonly<Record<string, unknown>>> {
  if (args === undefined || args === null) return {};
  if (typeof args !== 'object' || Array.isArray(args))
    throw invalidOption('compressionArgs', args, 'an object such as { level: 6 }');
  const record = args as Record<string, unknown>;
  if (code === Compression.NONE) return record;
  const rules = await codecRulesOf(code);
  if (code === Compression.JPEG) rules?.checkCompressionArgKeys(code, record);
  else rules?.validateCompressionArgs(code, record);
  return record;
}

/**
 * The Predictor code: tifffile's rules (`true` picks one by dtype; none without compression). Without
 * the option there is none, and the predictor rules are not loaded.
 */
export async function parsePredictor(
  value: WriteOptions['predictor'],
  dtype: DType,
  compression: number,
): Promise<number> {
  if (value === undefined || value === null) return Predictor.NONE;
  const { resolvePredictor } = await import('@tiffkit/tiff-codecs/predictor/resolve.js');
  return resolvePredictor(value, dtype, compression);
}

/**
 * The codec can take the data: bilevel only with LZW, PackBits, deflate, LZMA and Zstandard; the image
 * codecs' dtypes, samples and segment sizes (WebP: uint8 RGB(A); PNG: uint8/uint16, 1–4 samples), and
 * arguments that depend on the data (JPEG 2000's bit depth and colour transform).
 */
export async function checkCodecData(
  code: number,
  dtype: DType,
  samples: number,
  width: number,
  rows: number,
  args?: Readonly<Record<string, unknown>>,
): Promise<void> {
  (await codecRulesOf(code))?.checkCodecInput(code, { dtype, samples, width, rows, ...(args ? { args } : {}) });
}
