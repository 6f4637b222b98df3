import type { DType } from '@tiffkit/tiff-core/dtype.js';
import { Compression, Photometric } from '@tiffkit/tiff-core/enums.js';
import { describeValue } from '@tiffkit/tiff-core/errors.js';
import type { IfdEntry } from '@tiffkit/tiff-core/ifd-encode.js';
import type { SeriesInput } from '../intake/intake.js';
import type { WriteOptions } from '../options.js';
import { checkCodecData } from './compression.js';
import { defaultEncoderOptions, ENCODER_OPTION_KEYS, type EncoderOptions } from './encoding-defaults.js';
import { parseTile } from './geometry.js';
import type { JpegPlan } from './jpeg.js';
import { ifdLengths } from './page-entries.js';
import { planCodec } from './plan-codec.js';
import { planSegments } from './plan-segments.js';
import { planTags } from './plan-tags.js';
import { parsePhotometric, planSamples, type SampleLayout } from './samples.js';
import { checkTruncate, positiveInteger } from './series-options.js';
import type { CodecPlan, PlanContext, SeriesPlan, Warn } from './series-plan.js';

/**
 * Plan a series: every option validated and every decision taken — samples, segments, compression,
 * tags — before a byte is written. `formatEntries` are the metadata format's first-page entries.
 */
export async function planSeries(
  input: SeriesInput,
  options: WriteOptions,
  formatEntries: readonly IfdEntry[],
  context: PlanContext,
): Promise<SeriesPlan> {
  const { format, rules, warn } = context;
  const { dtype } = input;
  const zeroSize = input.shape.includes(0);
  const codec = await planCodec(dtype, zeroSize, options, warn);
  if (options.truncate === true) checkTruncate(options, codec.compression, codec.packed);
  // SubIFD options are checked by their own module, loaded for the series that give some.
  const none = options.subIfds === undefined || options.subIfds === null || options.subIfds === 0;
  const subIfds = none
    ? undefined
    : (await import('./sub-ifd-options.js')).planSubIfds(options, context.level, rules.truncate);
  const { colormap, photometric } = await planColormapOf(options, dtype, rules.colormap, warn);
  const tile = zeroSize ? undefined : parseTile(options.tile);
  const layout = context.levelOf
    ? { ...context.levelOf.layout, storedShape: context.levelOf.stored, rgbInferred: false }
    : planSamples({
        shape: zeroSize ? [0, 0] : input.shape,
        dtype,
        photometric,
        planarConfig: options.planarConfig,
        extraSamples: options.extraSamples,
        volumetric: options.volumetric === true || tile?.length === 3,
        squeezeTrailing: rules.squeezeTrailing,
        subfileType: options.subfileType,
      });
  // tifffile's warnings about how the samples were understood, loaded for the series that get one.
  if (zeroSize || (layout.rgbInferred && dtype.name !== 'uint8' && dtype.name !== 'uint16')) {
    (await import('./sample-warnings.js')).warnAboutSamples(input, layout, dtype, warn);
  }
  const stored = layout.storedShape;
  const jpeg = await planJpegOf(codec, dtype, layout, options, warn);
  const request = { input, dtype, stored, volumetric: layout.volumetric, tile, codec, jpeg, format };
  const { geometry, segments, contiguousCapable } = planSegments(request, options);
  const [depth, rows, width] = geometry.tiled ? geometry.tile : [1, geometry.rowsPerStrip, stored.width];
  await checkCodecData(codec.compression, dtype, stored.contigSamples, width, depth * rows, codec.args);
  const align = options.align === undefined || options.align === null ? 16 : positiveInteger(options.align, 'align');
  const tags = await planTags(
    { dtype, layout, stored, geometry, codec, colormap, jpeg, formatEntries, rules, format },
    options,
    warn,
  );
  const encoding = await encoderOptions(options);
  const plan: SeriesPlan = {
    dtype,
    shape: input.shape,
    layout,
    stored,
    geometry,
    codec: jpeg ? { ...codec, args: jpeg.args } : codec,
    segments,
    contiguousCapable,
    colormap,
    tags,
    subIfds,
    truncate: rules.truncate,
    align,
    returnOffset: options.returnOffset === true,
    encoding,
  };
  ifdLengths(plan, format); // encodes the pages' IFDs once: every tag value is checked now
  return plan;
}

/**
 * The encoder options of a series: their checks (encoding-options.ts) are loaded for the series that give
 * one of them; the others get the defaults.
 */
async function encoderOptions(options: WriteOptions): Promise<EncoderOptions> {
  if (ENCODER_OPTION_KEYS.every((key) => options[key] === undefined || options[key] === null)) {
    return defaultEncoderOptions();
  }
  return (await import('./encoding-options.js')).parseEncoderOptions(options);
}

/**
 * The colormap of a series and the photometric it implies. Its module is loaded only for series that
 * give a colormap or ask for a palette: without either there is nothing to plan.
 */
async function planColormapOf(
  options: WriteOptions,
  dtype: DType,
  rule: 'palette' | 'lut',
  warn: Warn,
): Promise<{ colormap: Uint16Array | undefined; photometric: WriteOptions['photometric'] }> {
  const none = options.colormap === undefined || options.colormap === null;
  if (none && parsePhotometric(options.photometric) !== Photometric.PALETTE) {
    return { colormap: undefined, photometric: options.photometric };
  }
  return (await import('./colormap.js')).planColormap(options, dtype, rule, warn);
}

/**
 * The JPEG plan of a JPEG-compressed series (its module loaded for those only); `subsampling` means
 * nothing to other codecs.
 */
async function planJpegOf(
  codec: CodecPlan,
  dtype: DType,
  layout: SampleLayout,
  options: WriteOptions,
  warn: Warn,
): Promise<JpegPlan | undefined> {
  if (codec.compression === Compression.JPEG) return (await import('./jpeg.js')).planJpeg(dtype, layout, options, warn);
  const { subsampling } = options;
  if (subsampling !== undefined && subsampling !== null && `${subsampling}` !== '1,1') {
    warn(
      'subsampling-ignored',
      `cannot apply subsampling=${describeValue(subsampling)}: only JPEG-compressed RGB is subsampled`,
    );
  }
  return undefined;
}
