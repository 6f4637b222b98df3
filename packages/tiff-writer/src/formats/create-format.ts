import type { TiffFormat } from '@tiffkit/tiff-core';
import type { WriteOptions, WriterKind } from '../options.js';
import type { Warn } from '../plan/series-plan.js';
import type { MetadataFormat } from './format.js';
import { GenericFormat } from './generic/generic-format.js';
import { ImagejFormat } from './imagej/imagej-format.js';
import { isOmeFileName } from './ome/ome.js';
import { OmeFormat } from './ome/ome-format.js';
import { ShapedFormat } from './shaped/shaped-format.js';

/** The metadata format of a file of kind `kind`. */
export function createFormat(kind: WriterKind, tiff: TiffFormat, warn: Warn): MetadataFormat {
  switch (kind) {
    case 'shaped':
      return new ShapedFormat();
    case 'generic':
      return new GenericFormat();
    case 'imagej':
      return new ImagejFormat(tiff, warn);
    case 'ome':
      return new OmeFormat();
  }
}

/**
 * The kind of a file whose open options did not say: OME-TIFF for `*.ome.*` names (unless the first
 * write brings its own description), shaped otherwise, as tifffile decides.
 */
export function kindByName(fileName: string | undefined, firstWrite: WriteOptions): WriterKind {
  return isOmeFileName(fileName) && firstWrite.description === undefined ? 'ome' : 'shaped';
}
