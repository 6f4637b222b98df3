/**
 * tiffkit in a browser, as a Vite app bundles it: the writer, its codecs (fflate) and the Web Worker
 * pool (Vite emits the worker it sees in tiff-codecs, and the codecs' WebAssembly: nothing to configure),
 * writing to a MemorySink and
 * to a FileSystemWritableFileStream (the origin private file system).
 */
import { poolActivity } from '@tiffkit/tiff-codecs';
import { imwrite, TiffWriter } from '@tiffkit/tiff-writer';
import {
  base64,
  install,
  RGB_SHAPE,
  rgbImage,
  SHAPE,
  stack,
  toMemory,
  WORKER_SHAPE,
  workerStack,
  writeWithWorkers,
} from './page.js';

install(async () => {
  const result = await writeWithWorkers({});
  const { files } = result;
  files['plain.tif'] = await toMemory((sink) =>
    imwrite(sink, { data: stack, shape: SHAPE }, { photometric: 'minisblack', metadata: { axes: 'ZYX' } }),
  );

  // Codecs loaded on demand, on 2 Web Workers: Zstandard (with the predictor), lossless WebP and JPEG 2000.
  const { warnings } = result;
  const onWarning = (warning: (typeof warnings)[number]) => warnings.push(warning);
  files['zstd-2-workers.tif'] = await toMemory((sink) =>
    imwrite(
      sink,
      { data: workerStack, shape: WORKER_SHAPE },
      { compression: 'zstd', predictor: true, tile: [128, 128], maxWorkers: 2, photometric: 'minisblack', onWarning },
    ),
  );
  files['webp-2-workers.tif'] = await toMemory((sink) =>
    imwrite(
      sink,
      { data: rgbImage, shape: RGB_SHAPE },
      { compression: 'webp', compressionArgs: { lossless: true }, tile: [256, 256], maxWorkers: 2, onWarning },
    ),
  );
  // JPEG 2000 (OpenJPEG's WebAssembly, emitted by Vite), on 2 Web Workers: Node writes the same bytes.
  files['jpeg2000-2-workers.tif'] = await toMemory((sink) =>
    imwrite(
      sink,
      { data: rgbImage, shape: RGB_SHAPE },
      { compression: 'jpeg2000', tile: [256, 256], maxWorkers: 2, onWarning },
    ),
  );

  // An OME-TIFF with a pyramid, into a file of the origin private file system.
  const root = await navigator.storage.getDirectory();
  const handle = await root.getFileHandle('cells.ome.tif', { create: true });
  const stream = await handle.createWritable();
  const writer = await TiffWriter.open(stream, { ome: true });
  await writer.write(
    { data: stack, shape: SHAPE },
    { metadata: { axes: 'CYX' }, tile: [64, 64], compression: 'zlib', pyramid: { levels: 2 } },
  );
  await writer.close();
  files['cells.ome.tif'] = base64(new Uint8Array(await (await handle.getFile()).arrayBuffer()));
  return { ...result, activity: poolActivity() };
});
