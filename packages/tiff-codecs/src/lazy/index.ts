/**
 * `@tiffkit/tiff-codecs/lazy`: what a writer needs to plan and encode, with no encoder in it. Each
 * encoder comes only through `loadCodec`'s `import()`, so a bundler that splits code by module
 * (esbuild does: a module reachable from the entry through the main barrel is loaded with it, used
 * or not) leaves every codec a write does not ask for out of the page's first load.
 */
export { hardwareConcurrency } from '#worker-host';
export type { Codec, CodecInput, CodecRules, CompressionArgs } from '../codec.js';
export { packBilevel } from '../pack/bilevel.js';
export { packIntegers } from '../pack/integers.js';
export type { EncoderPool } from '../pool/pool.js';
export { type EncodeTask, encodeTask } from '../pool/task.js';
export { resolvePredictor } from '../predictor/resolve.js';
export { BILEVEL_COMPRESSIONS, checkCodecInput, codecRules, validateCompressionArgs } from '../rules.js';
export { COMPRESSED_STRIP_BYTES, defaultRowsPerStrip } from '../strips.js';
export { loadCodec } from './loader.js';
