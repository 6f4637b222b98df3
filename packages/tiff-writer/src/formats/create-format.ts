import type { TiffFormat } from '@tiffkit/tiff-core';
import type { WriteOptions, WriterKind } from '../options.js';
import type { Warn } from '../plan/series-plan.js';
import type { MetadataFormat } from './format.js';

/**
 * The metadata format of a file of kind `kind`. Each format's module is imported on first use, and
 * with it what only that format needs (tiff-meta-ome and its XML parser, tiff-meta-imagej): a bundle
 * pays for the formats its writes ask for, not for all four.
 */
export async function createFormat(kind: WriterKind, tiff: TiffFormat, warn: Warn): Promise<MetadataFormat> {
  switch (kind) {
    case 'shaped':
      return new (await import('./shaped/shaped-format.js')).ShapedFormat();
    case 'generic':
      return new (await import('./generic/generic-format.js')).GenericFormat();
    case 'imagej':
      return new (await import('./imagej/imagej-format.js')).ImagejFormat(tiff, warn);
    case 'ome':
      return new (await import('./ome/ome-format.js')).OmeFormat();
  }
}

/** Whether a file name asks for OME-TIFF: `.ome.` in its extension (`cells.ome.tif`). */
export function isOmeFileName(name: string | undefined): boolean {
  if (!name) return false;
  const base = name.split(/[\\/]/).pop() ?? '';
  return base.toLowerCase().includes('.ome.');
}

/**
 * The kind of a file whose open options did not say: OME-TIFF for `*.ome.*` names (unless the first
 * write brings its own description), shaped otherwise, as tifffile decides.
 */
export function kindByName(fileName: string | undefined, firstWrite: WriteOptions): WriterKind {
  return isOmeFileName(fileName) && firstWrite.description === undefined ? 'ome' : 'shaped';
}
