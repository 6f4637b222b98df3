import { FieldType } from '@tiffkit/tiff-core/field-types.js';
import type { EncodedIfd, PlacedEntry } from '@tiffkit/tiff-core/ifd-encode.js';
import { TagCode } from '@tiffkit/tiff-core/tags.js';
import { OmeXml } from '@tiffkit/tiff-meta-ome';
import type { SeriesInput } from '../../intake/intake.js';
import type { FileLayout } from '../../layout/file-layout.js';
import { RewritableText } from '../../layout/rewritable-text.js';
import type { WriteOptions } from '../../options.js';
import type { EntryLabel } from '../../plan/entry-labels.js';
import { labelled } from '../../plan/entry-labels.js';
import { parseMetadata } from '../../plan/series-options.js';
import type { SeriesPlan } from '../../plan/series-plan.js';
import type { FormatContext, FormatSeries, MetadataFormat, PreparedSeries } from '../format.js';
import { refuseTruncate } from '../format-rules.js';
import { PLAIN_RULES } from '../generic/generic-format.js';
import { asTiffError } from '../meta-errors.js';
import { grownImage, type OmeImage, planImage, utf8z } from './ome.js';

/** OME-XML's Creator attribute. */
const CREATOR = 'tiffkit';

/**
 * OME-TIFF: one OME-XML document for the file, made from the first write()'s metadata, with one
 * <Image> per main series. The XML goes into the first page's ImageDescription at close: four NULs
 * are reserved there when the first series is written.
 */
export class OmeFormat implements MetadataFormat {
  readonly kind = 'ome';
  private document: OmeXml | undefined;
  private images = 0;
  /** The first page's ImageDescription, which receives the OME-XML at close. */
  private placeholder: PlacedEntry | undefined;
  /** overwriteDescription() replaced the placeholder: close() leaves it alone. */
  private overwrittenByCaller = false;
  /** The OME-XML in the file (crash-safe writers keep it current after every write). */
  private inFile: string | undefined;
  private field: RewritableText | undefined;

  prepare(input: SeriesInput, options: WriteOptions, context: FormatContext): PreparedSeries {
    refuseTruncate(options, this.kind);
    if (options.description !== undefined && options.description !== null) {
      context.warn(
        'description-ignored',
        'not writing description to OME-TIFF: the OME-XML is the description (use metadata.Description)',
      );
    }
    const metadata = parseMetadata(options.metadata) ?? {};
    const document =
      this.document ?? asTiffError(() => new OmeXml(metadata, { creator: CREATOR, onWarning: context.warn }));
    const entries = this.placeholder
      ? []
      : [
          {
            code: TagCode.ImageDescription,
            type: FieldType.ASCII,
            value: { packed: new Uint8Array(4) },
            label: 'metadata' satisfies EntryLabel,
          },
        ];
    return {
      input,
      options: { ...options, description: undefined },
      entries,
      rules: PLAIN_RULES,
      begin: (plan) => this.series(plan, document, metadata, context.level),
    };
  }

  /** A main series is an image, validated now; a SubIFD level belongs to its parent's image. */
  private series(
    plan: SeriesPlan,
    document: OmeXml,
    metadata: Readonly<Record<string, unknown>>,
    level: boolean,
  ): FormatSeries {
    const image = level ? undefined : planImage(plan, metadata, this.images);
    let ifd = 0;
    let finished = false;
    const planned = (image: OmeImage, calls: number, pages: number) =>
      calls > 1 ? grownImage(image, calls, pages / calls) : image.plan;
    return {
      written: (firstIfd: EncodedIfd, firstIfdIndex: number) => {
        this.document = document;
        this.placeholder ??= labelled(firstIfd, 'metadata');
        if (image) this.images += 1;
        ifd = firstIfdIndex;
      },
      checkGrowth: (calls, pagesPerCall) => {
        if (image) grownImage(image, calls, pagesPerCall);
      },
      committed: async (layout: FileLayout, calls, pages) => {
        // The document with this image as it is now (a level belongs to its parent's image).
        const text =
          image && !finished
            ? asTiffError(() => document.preview(planned(image, calls, pages), { ifd, planeCount: pages }))
            : document.toString();
        await this.store(layout, text);
        return undefined;
      },
      finish: async (_layout: FileLayout, calls, pages) => {
        if (!image) return undefined;
        finished = true;
        asTiffError(() => document.addImage(planned(image, calls, pages), { ifd, planeCount: pages }));
        return undefined;
      },
    };
  }

  overwritten(entry: PlacedEntry): void {
    if (entry.entryOffset === this.placeholder?.entryOffset) this.overwrittenByCaller = true;
  }

  /**
   * Put `text` in the first page's description, unless it is there already or the caller replaced it.
   * The first copy is exactly as long as the text (a file written in one call is byte-identical to a
   * deferred one); a copy that must move gets room to grow, so most updates happen in place.
   */
  private async store(layout: FileLayout, text: string): Promise<void> {
    if (!this.placeholder || this.overwrittenByCaller || text === this.inFile) return;
    this.field ??= new RewritableText(this.placeholder);
    const bytes = utf8z(text);
    const room = this.inFile === undefined ? 0 : bytes.length + 1024;
    this.placeholder = await this.field.replace(layout, bytes, room);
    this.inFile = text;
  }

  async close(layout: FileLayout): Promise<void> {
    if (!this.document || !this.placeholder || this.overwrittenByCaller) return;
    const text = this.document.toString();
    if (this.inFile !== undefined) return this.store(layout, text);
    await layout.rewriteAscii(this.placeholder, utf8z(text));
  }
}
