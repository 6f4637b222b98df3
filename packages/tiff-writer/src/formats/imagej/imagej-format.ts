import { describeValue, TiffError } from '@tiffkit/tiff-core/errors.js';
import type { TiffFormat } from '@tiffkit/tiff-core/format.js';
import type { EncodedIfd } from '@tiffkit/tiff-core/ifd-encode.js';
import type { SeriesInput } from '../../intake/intake.js';
import type { FileLayout } from '../../layout/file-layout.js';
import { RewritableText } from '../../layout/rewritable-text.js';
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
      context.crashSafe,
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
        growthLinks: 'deferred', // ImageJ reads images= frames as one block after the first IFD
      },
      begin: () => this.series(planned.series, context.crashSafe),
    };
  }

  private series(hyperstack: ImagejSeries, crashSafe: boolean): FormatSeries {
    /** The description, replaced in its reserved space as the hyperstack grows (crash-safe writers). */
    let field: RewritableText | undefined;
    /** The calls the description in the file counts. */
    let described = 1;
    /** The text last made: the growth check and the commit of one call need the same. */
    let made: { readonly calls: number; readonly bytes: Uint8Array } | undefined;
    const text = (calls: number): Uint8Array => {
      if (made?.calls !== calls) made = { calls, bytes: descriptionBytes(hyperstack, grownShape(hyperstack, calls)) };
      return made.bytes;
    };
    return {
      written: (firstIfd: EncodedIfd) => {
        this.hyperstack = hyperstack;
        const entry = labelled(firstIfd, 'metadata');
        if (entry) field = new RewritableText(entry);
      },
      checkGrowth: (calls) => {
        if (!crashSafe || !field) {
          grownShape(hyperstack, calls); // refused before the data when the axes cannot say how it grew
          return;
        }
        // Crash-safe, the text is replaced in its reserved space: moving it to the end of the file
        // would put it between the frames, which ImageJ reads as one block.
        if (!field.fitsInPlace(text(calls).length)) {
          throw new TiffError(
            'TOO_LARGE',
            `the ImageJ description of ${calls} calls no longer fits the space reserved for it`,
            { option: 'contiguous' },
          );
        }
      },
      committed: async (layout: FileLayout, calls) => {
        if (calls === described || !field) return undefined;
        // The data is in the file: its counts (images=, frames=) follow, in place.
        const entry = await field.replace(layout, text(calls), 0);
        described = calls;
        return entry;
      },
      finish: async (layout: FileLayout, calls) => {
        if (calls === described || !field) return undefined;
        described = calls;
        return layout.rewriteAscii(field.entry, text(calls));
      },
    };
  }

  overwritten(): void {}

  close(): Promise<void> {
    return Promise.resolve();
  }
}
