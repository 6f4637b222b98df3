/**
 * The code of every warning the writer reports through `onWarning` (tifffile raises most of them as
 * a Python `UserWarning`). `test/warning-codes.test.ts` scans the sources so that a new code cannot be
 * emitted without being listed here.
 */
export type TiffWarningCode =
  /** A `colormap` that the data or the format cannot use was not written. */
  | 'colormap-ignored'
  /** A `description` was not written: the ImageJ text or the OME-XML is the description. */
  | 'description-ignored'
  /** An `extraTags` entry given by code was not written: the writer sets that tag itself. */
  | 'extratag-filtered'
  /** A BigTIFF ImageJ file was written; ImageJ 1.x opens only classic TIFF. */
  | 'imagej-bigtiff'
  /** A tiled ImageJ file was written; ImageJ 1.x cannot open it (Fiji with Bio-Formats can). */
  | 'imagej-tiles'
  /** An ImageJ series beyond 4 GiB was truncated to its first IFD; ImageJ reads it from `images=`. */
  | 'imagej-truncated'
  /** An OME annotation kind that tiffkit does not model was not written (from @tiffkit/tiff-meta-ome). */
  | 'ome-annotation-skipped'
  /** `predictor: true` with PackBits: no predictor written, since libtiff and GDAL would ignore it. */
  | 'predictor-packbits'
  /** Data of a shape ending in 3 or 4 samples, not uint8/uint16, was stored as RGB without `photometric`. */
  | 'rgb-inferred'
  /** `metadata.shape` differs from the data's shape; the data's shape was written. */
  | 'shape-metadata-ignored'
  /** A series promised more SubIFD levels (`subIfds`) than were written before `close()`. */
  | 'subifds-missing'
  /** `subsampling` was given where only JPEG-compressed RGB stored as YCbCr is subsampled. */
  | 'subsampling-ignored'
  /** No encoder worker could start (a bundler left it out): the write encoded on the calling thread. */
  | 'workers-unavailable'
  /** Zero-size data was written as one empty page, which TIFF does not define. */
  | 'zero-size';
