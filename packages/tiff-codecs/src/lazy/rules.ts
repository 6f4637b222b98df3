import type { CodecRules } from '../codec.js';
import { deflateLevel } from '../deflate/level.js';
import { checkJpeg2000Input, jpeg2000Settings } from '../jpeg2000/options.js';
import { checkJpegXlInput, jpegXlSettings } from '../jpegxl/options.js';
import { lzmaPreset } from '../lzma/preset.js';
import { checkPngInput } from '../png/options.js';
import { checkWebpInput, webpSettings } from '../webp/options.js';
import { zstdLevel } from '../zstd/level.js';

/** Byte-stream codecs take any dtype, bilevel included (tifffile ≥ 2024.4.18 allows both). */
const anyInput = (): void => {};

/** Zstandard (50000, 34926): `level` from -131072 to 22. */
export const zstdRules: CodecRules = {
  checkArgs: (args) => void zstdLevel(args.level),
  checkInput: anyInput,
};

/** LZMA (34925): `level` is the preset, 0–7. */
export const lzmaRules: CodecRules = {
  checkArgs: (args) => void lzmaPreset(args.level),
  checkInput: anyInput,
};

/** WebP (50001, 34927): `level` 0–100, `lossless`, `method` 0–6; uint8 RGB(A) only. */
export const webpRules: CodecRules = {
  checkArgs: (args) => void webpSettings(args),
  checkInput: checkWebpInput,
};

/** PNG (34933): `level` is the zlib level 0–9; uint8 or uint16, gray, gray + alpha, RGB or RGBA. */
export const pngRules: CodecRules = {
  checkArgs: (args) => void deflateLevel(args.level),
  checkInput: checkPngInput,
};

/**
 * JPEG 2000 (34712): lossless, or a PSNR target (`level` 1–1000), `reversible`, `resolutions` 1–33, `mct`,
 * `bitspersample`; uint8 with 1 or 3+ samples, uint16/int16 with 1 sample.
 */
export const jpeg2000Rules: CodecRules = {
  checkArgs: (args) => void jpeg2000Settings(args),
  checkInput: (input) => checkJpeg2000Input(input, input.args),
};

/** JPEG XL (50002): lossless only (`level` above 100, `lossless`, `effort`, `decodingspeed`, `usecontainer`); uint8/16, float16/32, 1–4 samples. */
export const jpegXlRules: CodecRules = {
  checkArgs: (args) => void jpegXlSettings(args),
  checkInput: checkJpegXlInput,
};
