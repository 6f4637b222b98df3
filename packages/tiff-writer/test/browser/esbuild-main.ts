/**
 * An esbuild app that follows the README's recipe: the worker entry point `@tiffkit/tiff-writer/worker`
 * is a second entry of the build (worker.js beside this bundle), and its URL is the `workerUrl` option.
 */
import { install, writeJpeg2000, writeWithWorkers } from './page.js';

install(async () => ({
  ...(await writeWithWorkers({ workerUrl: new URL('./worker.js', import.meta.url) })),
  jpeg2000: await writeJpeg2000(),
}));
