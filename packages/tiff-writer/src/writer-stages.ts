/**
 * The stages a `TiffWriter` drives, loaded by its first `open()`: so that importing the package (and a
 * plain `imwrite`, which never opens a writer) does not load the planning, the layout and the formats.
 * Bundlers that place a module reached both from the package's entry and from a chunk loaded on demand
 * in a shared chunk (esbuild does) would otherwise load all of them with `TiffWriter` itself.
 */
export { createFormat, kindByName } from './formats/create-format.js';
export { intake } from './intake/intake.js';
export { openLayout } from './layout/open-layout.js';
export { loadWriting } from './layout/preload.js';
export { SeriesWriter } from './layout/series-writer.js';
export { checkClassicLimit } from './plan/classic-limit.js';
export { planSeries } from './plan/plan-series.js';
export { asciiTagBytes } from './plan/tag-values.js';
