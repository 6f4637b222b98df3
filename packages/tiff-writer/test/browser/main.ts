/**
 * tiffkit in a browser, as a web app bundles it: the writer, its codecs (fflate) and the Web Worker
 * pool, writing to a MemorySink and to a FileSystemWritableFileStream (the origin private file system).
 * The page exposes `runTiffkit()`, which returns each file as base64 for the Node side to check.
 */
import { imwrite, MemorySink, TiffWriter } from '@tiffkit/tiff-writer';

function base64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

async function toMemory(write: (sink: MemorySink) => Promise<unknown>): Promise<string> {
  const sink = new MemorySink();
  await write(sink);
  return base64(sink.toUint8Array());
}

const stack = new Uint16Array(4 * 256 * 200);
for (let i = 0; i < stack.length; i++) stack[i] = (i % 200) * 100 + ((i * 7919) % 13);

async function runTiffkit(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  files['plain.tif'] = await toMemory((sink) =>
    imwrite(sink, { data: stack, shape: [4, 256, 200] }, { photometric: 'minisblack', metadata: { axes: 'ZYX' } }),
  );
  const compressed = { compression: 'zlib', predictor: true, tile: [64, 64], photometric: 'minisblack' } as const;
  files['deflate-1-worker.tif'] = await toMemory((sink) =>
    imwrite(sink, { data: stack, shape: [4, 256, 200] }, { ...compressed, maxWorkers: 1 }),
  );
  files['deflate-2-workers.tif'] = await toMemory((sink) =>
    imwrite(sink, { data: stack, shape: [4, 256, 200] }, { ...compressed, maxWorkers: 2 }),
  );
  files['lzw-2-workers.tif'] = await toMemory((sink) =>
    imwrite(
      sink,
      { data: stack, shape: [4, 256, 200] },
      { compression: 'lzw', maxWorkers: 2, photometric: 'minisblack' },
    ),
  );

  // An OME-TIFF with a pyramid, into a file of the origin private file system.
  const root = await navigator.storage.getDirectory();
  const handle = await root.getFileHandle('cells.ome.tif', { create: true });
  const stream = await handle.createWritable();
  const writer = await TiffWriter.open(stream, { ome: true });
  await writer.write(
    { data: stack, shape: [4, 256, 200] },
    { metadata: { axes: 'CYX' }, tile: [64, 64], compression: 'zlib', pyramid: { levels: 2 } },
  );
  await writer.close();
  files['cells.ome.tif'] = base64(new Uint8Array(await (await handle.getFile()).arrayBuffer()));
  return files;
}

(globalThis as { runTiffkit?: typeof runTiffkit }).runTiffkit = runTiffkit;
document.title = 'ready';
