/**
 * The ES module the build generates beside the compiled sources (dist/jpeg2000/openjpegwasm.js, by
 * scripts/openjpeg-browser.mjs): @cornerstonejs/codec-openjpeg's Emscripten loader, bundled for browsers.
 * Its default export is the Emscripten factory; `overrides` become the module's settings.
 */
import type { OpenJpegModule } from './openjpeg.js';

declare const factory: (overrides: Record<string, unknown>) => Promise<OpenJpegModule>;
export default factory;
