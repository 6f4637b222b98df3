import type { SegmentLayout } from '../layout.js';
import { BitWriter } from './bits.js';
import { type JxlImageInfo, writeFrameHeader, writeImageHeader, writeToc } from './headers.js';
import { type ModularImage, type ModularPlan, modularSections } from './modular.js';
import { SEARCHED_PREDICTORS } from './predict.js';
import { chooseRct, RCT_CANDIDATES, RCT_YCOCG } from './rct.js';

/** Groups of 1024 × 1024 pixels (128 << 3): most tiles and strips are one group, hence one section. */
const GROUP_SHIFT = 3;
const GROUP_DIM = 128 << GROUP_SHIFT;

/**
 * Cutoffs of W − NW and NW − N for 8-bit samples (scaled to the bit depth): 36 contexts per channel.
 * Measured on a 512×477 photo: 6.5% smaller than one context per channel; the values were tuned on it.
 */
const CUTOFFS_8BIT = [-7, -1, 0, 1, 7];
/** Finer cutoffs that effort 10 tries too: 64 contexts per channel (at most 256 for RGBA, the format's limit). */
const FINE_CUTOFFS_8BIT = [-11, -4, -1, 0, 1, 4, 11];

/** The effort when none is given: cjxl's default, and the encoder's one setting before efforts existed. */
export const DEFAULT_EFFORT = 7;

/**
 * Context cutoffs for integer samples in segments large enough to pay for the extra histograms (4096
 * pixels); none for floats (their bit patterns have no useful local differences) or small segments.
 */
function contextCutoffs(info: JxlImageInfo, pixels: number, base = CUTOFFS_8BIT): Int32Array | undefined {
  if (info.exponentBits > 0 || pixels < 4096) return undefined;
  return scaledCutoffs(info, base);
}

const scaledCutoffs = (info: JxlImageInfo, base: readonly number[]): Int32Array => {
  const scale = 2 ** Math.max(0, info.bits - 8);
  return Int32Array.from(base, (c) => c * scale);
};

/**
 * What each effort does; work grows with it, and the bytes depend only on the samples and the effort:
 * 1–2 one context per channel, gradient predictor; 3–7 (7 is the default) the neighbourhood contexts
 * (W − NW × NW − N) with gradient; 8 also the cheapest of 13 predictors in each context, by estimated
 * coded size; 9 also the cheapest of the 42 reversible colour transforms (RGB) and merged histograms
 * of alike contexts. Effort 10 (see `encodeJpegXlCodestream`) codes effort 9 with three context layouts
 * and keeps the smallest.
 */
export function effortPlan(
  effort: number,
  info: JxlImageInfo,
  pixels: number,
  rgb: boolean,
  lossy = false,
): ModularPlan {
  // Lossy coding keeps YCoCg: its steps are set for a luma and two chroma channels.
  const rct = rgb ? (effort >= 9 && !lossy ? 'search' : RCT_YCOCG) : undefined;
  if (effort <= 2) return { rct };
  const cutoffs = contextCutoffs(info, pixels);
  if (effort <= 7) return { rct, cutoffs };
  return { rct, cutoffs, predictors: SEARCHED_PREDICTORS, cluster: effort >= 9 };
}

/** Effort 10's context layouts: none, the default's cutoffs and finer ones (integers only). */
function effort10Plans(info: JxlImageInfo, image: ModularImage, rgb: boolean, lossy: boolean): ModularPlan[] {
  // The colour transform is chosen once, from the samples, for every layout.
  const rct = rgb ? (lossy ? RCT_YCOCG : chooseRct(image.channels, image.width, RCT_CANDIDATES)) : undefined;
  const base = { ...effortPlan(9, info, image.width * image.height, rgb, lossy), rct };
  const plans: ModularPlan[] = [{ ...base, cutoffs: undefined }];
  if (info.exponentBits === 0) {
    plans.push({ ...base, cutoffs: scaledCutoffs(info, CUTOFFS_8BIT) });
    plans.push({ ...base, cutoffs: scaledCutoffs(info, FINE_CUTOFFS_8BIT) });
  }
  return plans;
}

/**
 * Keep the `bits` low bits of every sample, as packed integers keep them: the codestream promises that
 * depth (and 16-bit decoding buffers rely on it up to 12 bits). Data-dependent, so not an error: a
 * write never fails half-way for it.
 */
function keepPrecision(channels: readonly Int32Array[], bits: number): void {
  const mask = 2 ** bits - 1;
  for (const ch of channels) {
    for (let i = 0; i < ch.length; i++) ch[i] = (ch[i] as number) & mask;
  }
}

/** The samples of one segment as modular channels: integer values, float samples as their bit patterns. */
function toChannels(data: Uint8Array, layout: SegmentLayout): Int32Array[] {
  const { width, rows, samples, dtype } = layout;
  const little = layout.byteOrder === '<';
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const size = dtype.itemSize;
  const channels = Array.from({ length: samples }, () => new Int32Array(width * rows));
  const count = width * rows;
  for (let i = 0; i < count; i++) {
    for (let s = 0; s < samples; s++) {
      const at = (i * samples + s) * size;
      const ch = channels[s] as Int32Array;
      if (size === 1) ch[i] = view.getUint8(at);
      else if (size === 2) ch[i] = view.getUint16(at, little);
      else ch[i] = view.getInt32(at, little);
    }
  }
  return channels;
}

/**
 * Quantizer steps of lossy (near-lossless) coding at Butteraugli-like `distance`, per coded channel:
 * an odd step 2e + 1 bounds each sample's error by e, with e = round(distance × 2^(bits − 8)) for luma
 * (or gray) and alpha and twice that for the YCoCg chroma channels (their range is one bit wider and
 * the eye less sensitive to them). Below distance 0.25 every step is 1: lossless.
 */
export function lossyQuantizers(distance: number, bits: number, channels: number, ycocg: boolean): Int32Array {
  const error = (weight: number) => Math.round(distance * weight * 2 ** (bits - 8));
  return Int32Array.from({ length: channels }, (_, c) => 2 * error(ycocg && (c === 1 || c === 2) ? 2 : 1) + 1);
}

/**
 * One JPEG XL codestream (no container) of a segment: a single modular frame — gray (1 sample), gray +
 * alpha (2), RGB (3) or RGBA (4); uint8, uint16 (or `bitsPerSample` 1–16), float16 or float32. The
 * samples are stored unchanged, or with `distance` (integers only) quantized in the prediction loop
 * (see `lossyQuantizers`). The colour encoding is the one imagecodecs declares: sRGB for 8-bit data,
 * linear sRGB otherwise.
 */
export function encodeJpegXlCodestream(
  data: Uint8Array,
  layout: SegmentLayout,
  bitsPerSample?: number,
  effort = DEFAULT_EFFORT,
  distance?: number,
): Uint8Array {
  const { width, rows, samples, dtype } = layout;
  const float = dtype.kind === 'float';
  const info: JxlImageInfo = {
    width,
    height: rows,
    colorChannels: samples >= 3 ? 3 : 1,
    alpha: samples === 2 || samples === 4 ? 1 : 0,
    bits: float ? dtype.itemSize * 8 : (bitsPerSample ?? dtype.itemSize * 8),
    exponentBits: float ? (dtype.itemSize === 2 ? 5 : 8) : 0,
    srgb: dtype.itemSize === 1,
  };
  // YCoCg for integer RGB(A) only: float samples are bit patterns, not values a colour transform can mix.
  const rct = info.colorChannels === 3 && !float;
  const channels = toChannels(data, layout);
  if (!float && info.bits < dtype.itemSize * 8) keepPrecision(channels, info.bits);
  const image: ModularImage = { width, height: rows, channels };
  const pixels = width * rows;
  const steps = distance !== undefined && !float ? lossyQuantizers(distance, info.bits, samples, rct) : undefined;
  const lossy = steps?.some((step) => step > 1) === true;
  const plans = effort === 10 ? effort10Plans(info, image, rct, lossy) : [effortPlan(effort, info, pixels, rct, lossy)];
  let best: Uint8Array | undefined;
  for (const plan of plans) {
    const codestream = writeCodestream(info, modularSections(image, GROUP_DIM, lossy ? { ...plan, steps } : plan));
    // The first of equal sizes is kept: the choice depends on the samples only.
    if (best === undefined || codestream.length < best.length) best = codestream;
  }
  return best as Uint8Array;
}

function writeCodestream(info: JxlImageInfo, sections: readonly Uint8Array[]): Uint8Array {
  const w = new BitWriter();
  writeImageHeader(w, info);
  writeFrameHeader(w, info, GROUP_SHIFT);
  writeToc(
    w,
    sections.map((s) => s.length),
  );
  for (const section of sections) w.appendBytes(section);
  return w.finish();
}
