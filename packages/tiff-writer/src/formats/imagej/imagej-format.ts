import { describeValue, TiffError } from '@tiffkit/tiff-core/errors.js';
import type { TiffFormat } from '@tiffkit/tiff-core/format.js';
import type { EncodedIfd, PlacedEntry } from '@tiffkit/tiff-core/ifd-encode.js';
import type { SeriesInput } from '../../intake/intake.js';
import type { FileLayout } from '../../layout/file-layout.js';
import type { WriteOptions } from '../../options.js';
import { labelled } from '../../plan/entry-labels.js';
import { parseMetadata } from '../../plan/series-options.js';
import type { FormatContext, FormatSeries, MetadataFormat, PreparedSeries } from '../format.js';
import { PLAIN_RULES } from '../generic/generic-format.js';
import { descriptionBytes, grownShape, type ImagejSeries, planImagej } from './imagej.js';

/**
 * ImageJ hyperstacks: one series per file, stored as TZCYXS, described by the `ImageJ=` text and the
 * IJMetadata tags of its first page; the text is rewritten when the hyperstack grows along T.
 */
export class ImagejFormat implements MetadataFormat {
  readonly kind = 'imagej';
  /** The file's hyperstack, once written. */
  private hyperstack: ImagejSeries | undefined;

  constructor(tiff: TiffFormat, warn: (code: string, message: string) => void) {
    if (tiff.bigtiff) {
      warn('imagej-bigtiff', 'writing a nonconformant BigTIFF ImageJ file: ImageJ 1.x opens only classic TIFF');
    }
  }

  prepare(input: SeriesInput, options: WriteOptions, context: FormatContext): PreparedSeries {
    if (input.shape.includes(0)) {
      throw new TiffError('UNSUPPORTED', `an ImageJ hyperstack cannot be empty (shape ${describeValue(input.shape)})`, {
        option: 'data',
      });
    }
    const metadata = parseMetadata(options.metadata) ?? {};
    const planned = planImagej(
      input,
      { ...options, metadata },
      context.byteOrder,
      context.warn,
      this.hyperstack !== undefined,
    );
    return {
      input: planned.input,
      options: planned.options,
      entries: planned.entries,
      rules: {
        ...PLAIN_RULES,
        squeezeTrailing: 'one', // the S axis of a grey image
        resolutionUnit: 'none', // ImageJ keeps its unit in the description
        colormap: 'lut',
        truncate: options.truncate === true,
        truncateBeyondClassic: true,
      },
      begin: () => this.series(planned.series),
    };
  }

  private series(hyperstack: ImagejSeries): FormatSeries {
    let entry: PlacedEntry | undefined;
    return {
      written: (firstIfd: EncodedIfd) => {
        this.hyperstack = hyperstack;
        entry = labelled(firstIfd, 'metadata');
      },
      checkGrowth: (calls) => {
        grownShape(hyperstack, calls); // refused before the data when the axes cannot say how it grew
      },
      finish: async (layout: FileLayout, calls) => {
        if (calls <= 1 || !entry) return undefined;
        // The hyperstack grew: its counts (images=, frames=) follow.
        return layout.rewriteAscii(entry, descriptionBytes(hyperstack, grownShape(hyperstack, calls)));
      },
    };
  }

  overwritten(): void {}

  close(): Promise<void> {
    return Promise.resolve();
  }
}
