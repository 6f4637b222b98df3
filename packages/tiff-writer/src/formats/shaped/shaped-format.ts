import { describeValue, invalidOption, TiffError } from '@tiffkit/tiff-core/errors.js';
import { FieldType } from '@tiffkit/tiff-core/field-types.js';
import type { EncodedIfd, PlacedEntry } from '@tiffkit/tiff-core/ifd-encode.js';
import { TagCode } from '@tiffkit/tiff-core/tags.js';
import type { SeriesInput } from '../../intake/intake.js';
import type { FileLayout } from '../../layout/file-layout.js';
import type { RewritableText } from '../../layout/rewritable-text.js';
import type { WriteOptions } from '../../options.js';
import type { EntryLabel } from '../../plan/entry-labels.js';
import { labelled } from '../../plan/entry-labels.js';
import { parseMetadata } from '../../plan/series-options.js';
import type { LayoutRules, SeriesPlan } from '../../plan/series-plan.js';
import type { FormatContext, FormatSeries, MetadataFormat, PreparedSeries } from '../format.js';
import { NO_FORMAT_SERIES, PLAIN_RULES } from '../generic/generic-format.js';
import { SHAPED_RESERVE, shapedDescription } from './shaped.js';

/**
 * tifffile's "shaped" files: each series' first page carries `{"shape": [...], ...metadata}` as JSON,
 * rewritten when the series grows. Passing `metadata: null` once turns the JSON off for the rest of
 * the file, as in tifffile.
 */
export class ShapedFormat implements MetadataFormat {
  readonly kind = 'shaped';
  /** Still writing JSON: no series was written with `metadata: null`. */
  private enabled = true;

  prepare(input: SeriesInput, options: WriteOptions, context: FormatContext): PreparedSeries {
    const metadata = parseMetadata(options.metadata);
    const json = this.enabled && metadata !== null ? metadata : undefined;
    if (options.truncate === true && !json) {
      throw new TiffError(
        'INCOMPATIBLE_OPTIONS',
        'truncate needs the shape in the metadata: metadata must not be null',
        {
          option: 'truncate',
        },
      );
    }
    if (json) checkAxes(json['axes'], input.shape);
    // Zero-size data is written as one empty page: the JSON says what it really is.
    const truncate = options.truncate === true || (json !== undefined && input.shape.includes(0));
    const rules: LayoutRules = {
      ...PLAIN_RULES,
      squeezeTrailing: json ? 'all' : 'none',
      truncate,
      // Each growth call's first page repeats the JSON of one call: valid before the JSON grows.
      growthLinks: json ? 'keyframe' : 'link',
    };
    if (!json) {
      return { input, options, entries: [], rules, begin: () => this.plainSeries(metadata === null) };
    }
    const entry = {
      code: TagCode.ImageDescription,
      type: FieldType.ASCII,
      value: { packed: shapedDescription(input.shape, json, truncate, context.warn) },
      reserve: SHAPED_RESERVE,
      label: 'metadata' satisfies EntryLabel,
    };
    return {
      input,
      options,
      entries: [entry],
      rules,
      begin: (plan) => new ShapedSeries(plan, json),
    };
  }

  /** A series without JSON; with `metadata: null` it turns the JSON off once written. */
  private plainSeries(disables: boolean): FormatSeries {
    if (!disables) return NO_FORMAT_SERIES;
    return {
      ...NO_FORMAT_SERIES,
      written: () => {
        this.enabled = false;
      },
    };
  }

  overwritten(): void {}

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** `metadata.axes` names each dimension of the shape: tifffile warns and ignores axes of another length. */
function checkAxes(axes: unknown, shape: readonly number[]): void {
  if (axes === undefined || (typeof axes === 'string' && axes.length === shape.length)) return;
  throw invalidOption(
    'metadata.axes',
    axes,
    `a string of ${shape.length} axis letters, one per dimension of shape ${describeValue(shape)}`,
  );
}

/**
 * JSON texts up to this many bytes are written anew at the end of the file by each growth call, with
 * its pages; longer ones alternate in a space of their own (a write of their own, but no waste).
 */
const STAGED_AT_END = 256;

/**
 * The rewritable text of a growing series, loaded by the first growth (`SeriesWriter.grow` loads it before
 * the growth's first byte): a series written in one call never needs it.
 */
async function rewritable(entry: PlacedEntry): Promise<RewritableText> {
  return new (await import('../../layout/rewritable-text.js')).RewritableText(entry);
}

/** A series with its JSON: the shape grows along a new first axis, one per contiguous write. */
class ShapedSeries implements FormatSeries {
  private entry: PlacedEntry | undefined;
  /** The calls the JSON in the file describes. */
  private described = 1;
  /** The JSON, replaced as the series grows (crash-safe writers). */
  private text: RewritableText | undefined;
  /** The grown JSON around its count. */
  private template: { readonly head: Uint8Array; readonly tail: Uint8Array } | undefined;

  constructor(
    private readonly plan: SeriesPlan,
    private readonly metadata: Readonly<Record<string, unknown>>,
  ) {}

  written(firstIfd: EncodedIfd): void {
    this.entry = labelled(firstIfd, 'metadata');
  }

  moved(firstIfd: EncodedIfd): void {
    this.entry = labelled(firstIfd, 'metadata');
    this.text = undefined;
  }

  checkGrowth(): void {}

  /** A short JSON is written with the call's pages, at the end of the file: no system call of its own. */
  async stage(layout: FileLayout, calls: number): Promise<void> {
    if (calls === this.described || !this.entry) return;
    this.text ??= await rewritable(this.entry);
    const json = this.json(calls);
    if (json.length <= STAGED_AT_END) await this.text.stage(layout, json, 0, true);
  }

  async committed(layout: FileLayout, calls: number): Promise<PlacedEntry | undefined> {
    if (calls === this.described || !this.entry) return undefined;
    this.text ??= await rewritable(this.entry);
    if (!this.text.pending) {
      // Moved to the end of the file, the JSON gets room for a second copy (and a few more digits).
      const json = this.json(calls);
      await this.text.stage(layout, json, json.length + SHAPED_RESERVE);
    }
    this.entry = await this.text.commit(layout);
    this.described = calls;
    return this.entry;
  }

  async finish(layout: FileLayout, calls: number): Promise<PlacedEntry | undefined> {
    if (calls === this.described || !this.entry) return undefined;
    this.described = calls;
    return layout.rewriteAscii(this.entry, this.json(calls));
  }

  /**
   * The JSON of the series grown to `calls` calls. It is made once; after that only the count changes:
   * the first number of `"shape": [...]`, the document's first key.
   */
  private json(calls: number): Uint8Array {
    const { plan } = this;
    if (!this.template) {
      // Its warnings were given when the series was written.
      const text = shapedDescription([calls, ...plan.shape], this.metadata, plan.truncate, () => undefined);
      const at = text.indexOf(0x5b) + 1; // '['
      this.template = { head: text.slice(0, at), tail: text.slice(at + String(calls).length) };
      return text;
    }
    const { head, tail } = this.template;
    const count = String(calls);
    const text = new Uint8Array(head.length + count.length + tail.length);
    text.set(head);
    for (let i = 0; i < count.length; i++) text[head.length + i] = count.charCodeAt(i);
    text.set(tail, head.length + count.length);
    return text;
  }
}
