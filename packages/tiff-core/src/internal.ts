/**
 * What the sibling @tiffkit packages share that is not tiff-core's public API: the wording of option
 * errors and enum parsing (so every package reports a bad option alike), and the arithmetic of patching
 * fields of IFDs already written. `index.ts` re-exports this module for the JavaScript, but the published
 * declarations leave it out (`stripInternal`): the siblings type-check against the full declaration set
 * in `dist/internal` (`tsconfig.internal.json`, mapped by their `paths`). Outside semver.
 */

export { parseEnum } from './enums.js';
export { describeValue, invalidOption } from './errors.js';
export {
  countFieldOffset,
  encodeCountAndOffset,
  linkNextIfd,
  repointEntry,
  setOffset,
  valueFieldOffset,
} from './ifd-fields.js';
