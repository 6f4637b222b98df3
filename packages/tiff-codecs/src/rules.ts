import { Compression, enumName } from '@tiffkit/tiff-core/enums.js';
import { invalidOption, TiffError } from '@tiffkit/tiff-core/errors.js';
import { checkCompressionArgKeys } from './args.js';
import type { CodecInput, CodecRules, CompressionArgs } from './codec.js';
import { deflateLevel } from './deflate/level.js';
import { resolveJpegOptions } from './jpeg/options.js';
import { LAZY_CODECS } from './lazy/catalog.js';
import { unsupportedCompression } from './lazy/loader.js';

/** Compressions that can take bilevel (bool) data, bit-packed, as tifffile allows. */
export const BILEVEL_COMPRESSIONS: ReadonlySet<number> = new Set([
  Compression.NONE,
  Compression.LZW,
  Compression.PACKBITS,
  Compression.ADOBE_DEFLATE,
  Compression.DEFLATE,
  Compression.PIXTIFF,
  Compression.LZMA,
  Compression.ZSTD,
  Compression.ZSTD_DEPRECATED,
]);

const none = (): void => {};
const deflateRules: CodecRules = { checkArgs: (args) => void deflateLevel(args.level), checkInput: none };
const BUILT_IN_RULES = new Map<number, CodecRules>([
  [Compression.NONE, { checkArgs: none, checkInput: none }],
  [Compression.LZW, { checkArgs: none, checkInput: none }],
  [Compression.PACKBITS, { checkArgs: none, checkInput: none }],
  [Compression.ADOBE_DEFLATE, deflateRules],
  [Compression.DEFLATE, deflateRules],
  [Compression.PIXTIFF, deflateRules],
  [
    Compression.JPEG,
    {
      checkArgs: (args) =>
        void resolveJpegOptions({
          components: 3,
          ...(args.level === undefined ? {} : { quality: args.level }),
          colorspace: (args['outcolorspace'] as 'ycbcr' | 'rgb' | undefined) ?? 'ycbcr',
          ...(args['subsampling'] === undefined ? {} : { subsampling: args['subsampling'] as [number, number] }),
        }),
      checkInput: (input) => {
        if (input.dtype.name !== 'uint8' || (input.samples !== 1 && input.samples !== 3)) {
          throw new TiffError(
            'UNSUPPORTED',
            `JPEG compression needs uint8 data with 1 or 3 contiguous samples, not ${input.dtype.name} with ${input.samples}`,
            { option: 'compression' },
          );
        }
      },
    },
  ],
]);

/** The planning-time rules of compression `code`; UNSUPPORTED when tiffkit has no encoder for it. */
export function codecRules(code: number): CodecRules {
  const rules = BUILT_IN_RULES.get(code) ?? LAZY_CODECS.get(code)?.rules;
  if (rules) return rules;
  throw unsupportedCompression(code);
}

/**
 * Check `compressionArgs` for compression `code` without loading its encoder, so a writer can call
 * it while planning: INVALID_OPTION naming `compressionArgs.<key>`, the value and what is accepted,
 * for a key the codec does not read (`levle`) as for a value out of range.
 */
export function validateCompressionArgs(code: number, args: CompressionArgs | undefined | null): void {
  const rules = codecRules(code);
  if (args === undefined || args === null) {
    rules.checkArgs({});
    return;
  }
  if (typeof args !== 'object' || Array.isArray(args)) {
    throw invalidOption('compressionArgs', args, 'an object such as { level: 6 }');
  }
  checkCompressionArgKeys(code, args);
  rules.checkArgs(args);
}

/**
 * Check that compression `code` can encode `input` (dtype, contiguous samples, segment size) without
 * loading its encoder: UNSUPPORTED for data the codec cannot take (bilevel data with an image codec,
 * a dtype or sample count outside its range), as tifffile refuses it.
 */
export function checkCodecInput(code: number, input: CodecInput): void {
  const rules = codecRules(code);
  if (input.dtype.kind === 'bool' && !BILEVEL_COMPRESSIONS.has(code)) {
    const names = [...BILEVEL_COMPRESSIONS].filter((c) => c !== Compression.NONE).map((c) => enumName(Compression, c));
    throw new TiffError(
      'UNSUPPORTED',
      `bilevel (bool) data cannot be compressed with ${enumName(Compression, code) ?? code}: use ${names.join(', ')}`,
      { option: 'compression' },
    );
  }
  rules.checkInput(input);
}

/** Re-exported so that a writer that loads this module on demand finds the key check beside the rules. */
export { checkCompressionArgKeys };
