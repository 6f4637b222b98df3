/**
 * An app that configures nothing about workers: webpack 5 emits the worker it sees in tiff-codecs;
 * esbuild does not, and the writer falls back to this thread with a `workers-unavailable` warning.
 */
import { install, writeJpeg2000, writeWithWorkers } from './page.js';

install(async () => ({ ...(await writeWithWorkers({})), jpeg2000: await writeJpeg2000() }));
