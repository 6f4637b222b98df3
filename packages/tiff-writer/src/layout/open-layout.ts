import { describeValue, invalidOption, TiffError } from '@tiffkit/tiff-core/errors.js';
import { encodeHeader, parseByteOrder, tiffFormat } from '@tiffkit/tiff-core/format.js';
import type { FileTarget, OpenOptions, WriterKind } from '../options.js';
import { Durability, parseDurability } from './durability.js';
import { FileLayout } from './file-layout.js';
import { openTarget, parseMode, targetExists } from './targets.js';

/** The metadata kind the open options ask for; undefined lets the first write decide (OME by name). */
function resolveKind(options: OpenOptions): WriterKind | undefined {
  if (options.kind !== undefined) {
    if (!['shaped', 'generic', 'imagej', 'ome'].includes(options.kind)) {
      throw invalidOption('kind', options.kind, "'shaped', 'generic', 'imagej' or 'ome'");
    }
    return options.kind;
  }
  if (options.ome) return 'ome';
  if (options.imagej) return 'imagej';
  if (options.shaped === false) return 'generic';
  if (options.shaped === true) return 'shaped';
  return undefined;
}

/**
 * Validate the open options, then open the file: a new one gets its header; an existing one, when
 * appending, is parsed (its byte order and BigTIFF-ness win) and left untouched until a series is written.
 */
export async function openLayout(
  file: FileTarget,
  options: OpenOptions,
): Promise<{ layout: FileLayout; kind: WriterKind | undefined; name: string | undefined }> {
  if (typeof options !== 'object' || options === null) throw invalidOption('options', options, 'an options object');
  const mode = parseMode(options.mode);
  const byteOrder = parseByteOrder(options.byteorder);
  if (options.bigtiff !== undefined && typeof options.bigtiff !== 'boolean') {
    throw invalidOption('bigtiff', options.bigtiff, 'true or false');
  }
  const append = options.append ?? false;
  if (append !== false && append !== true && append !== 'force')
    throw invalidOption('append', append, "true, false or 'force'");
  if (append && mode !== undefined && mode !== 'r+') {
    throw new TiffError(
      'INCOMPATIBLE_OPTIONS',
      `append needs mode 'r+' (or no mode), not ${describeValue(options.mode)}`,
      {
        option: 'mode',
      },
    );
  }
  const kind = resolveKind(options);
  const { crashSafe, rule } = parseDurability(options);
  const appending = append !== false || mode === 'r+';
  const existing = appending && (await targetExists(file));
  const { sink, name } = await openTarget(file, existing ? 'r+' : mode === 'x' ? 'x' : 'w');
  try {
    if (appending && (existing || (await sink.size()) > 0)) {
      // Reading a TIFF back (and recognising ImageJ and OME files) is loaded only when appending.
      const { inspectExisting } = await import('./append.js');
      const { tiff, size } = await inspectExisting(sink, append === 'force');
      const durability = new Durability(sink, crashSafe, rule);
      const layout = new FileLayout(sink, tiff.format, size, tiff.lastNextIfdFieldOffset, durability);
      layout.mainIfds = tiff.ifds.length;
      return { layout, kind, name };
    }
    // A sink that already holds bytes (`MemorySink.from`, a handle or sink of the caller's) is emptied
    // first, as mode 'w' empties a file: its old bytes would otherwise show through empty pages left
    // sparse, and its tail would follow the new file. One that cannot be emptied gets every zero written.
    const held = await sink.size();
    if (held > 0 && sink.truncate) await sink.truncate(0);
    const format = tiffFormat(options.bigtiff === true, byteOrder);
    await sink.write(encodeHeader(format), 0);
    const durability = new Durability(sink, crashSafe, rule);
    const layout = new FileLayout(sink, format, format.headerSize, format.firstIfdFieldOffset, durability);
    layout.sparse = held === 0 || sink.truncate !== undefined;
    await durability.committed(0); // the header is in the file from the start
    return { layout, kind, name };
  } catch (error) {
    await Promise.resolve(sink.close()).catch(() => undefined);
    if (error instanceof TiffError) throw error;
    throw new TiffError('SINK_ERROR', `opening the file failed: ${String(error)}`, { cause: error });
  }
}
