/**
 * The shared encoder pool, on its own so that the writer imports it (and the worker host) only when
 * a write uses workers: a bundle that never does carries none of it.
 */
export { EncoderPool } from '@tiffkit/tiff-codecs/pool/pool.js';
