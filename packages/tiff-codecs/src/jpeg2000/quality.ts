/**
 * Lossy JPEG 2000 at a PSNR target. imagecodecs asks OpenJPEG for a fixed quality (`tcp_distoratio`): the
 * rate allocator truncates each code block's coding passes until its own estimate of the distortion,
 * made in the wavelet domain, reaches the target. The embind API tiffkit uses exposes only the other
 * mode of that allocator, a byte budget (compression ratio), which truncates the same way to a size. So
 * the budget is searched: each probe is encoded, decoded by the same OpenJPEG and its PSNR measured on
 * the samples, and the smallest codestream that reaches the target is kept. The result honours the
 * target exactly (OpenJPEG's estimate may land a little above or below it) at the cost of a few
 * encodes and decodes per segment. Everything is a function of the segment's samples alone, so the
 * bytes do not depend on the thread or the number of workers.
 */

/** Most probes after the one that keeps every coding pass. */
export const MAX_PROBES = 5;
/** The search stops once the smallest passing codestream is within this factor of the largest failing one. */
const CLOSE_ENOUGH = 1.05;
/** Interpolating, a passing probe's PSNR counts at most this far above the target (dB). */
const HEADROOM_DB = 12;
/** At high rates (every pass kept), each bit per sample is worth 6.02 dB: the error's amplitude halves. */
const DB_PER_BIT = 6.02;
/** The first step down from a codestream whose PSNR is exact (Infinity): a factor 2^3. */
const FIRST_STEP = 3;
/** Steps down without a failing probe: at least half, at most 2^8 times fewer bytes. */
const MIN_STEP = 1;
const MAX_STEP = 8;

/** One encode, measured. */
interface Probe {
  readonly codestream: Uint8Array;
  readonly psnr: number;
}

/** What the search needs from the encoder. */
export interface QualitySearch {
  /** PSNR to reach, in dB. */
  readonly target: number;
  /** Samples in the segment (pixels × samples per pixel). */
  readonly samples: number;
  /** Bits per sample stored: the compression ratio is relative to `samples × bits / 8` bytes. */
  readonly bits: number;
  /** The codestream for compression ratio `ratio` (0: every coding pass). */
  encode(ratio: number): Uint8Array;
  /** The PSNR of `codestream` once decoded, in dB (Infinity when exact). */
  measure(codestream: Uint8Array): number;
}

const log2Bytes = (probe: Probe): number => Math.log2(probe.codestream.length);

/**
 * The next byte budget, in log2 of bytes (PSNR is close to linear in it at the rates that matter):
 * between the closest passing and failing probes, interpolated and kept a tenth of the bracket away from
 * either end so that it always shrinks — pulled halfway to the end that has not moved for `streak`
 * (≥ 2) probes, as the Illinois method does, since the curve is far from straight at low rates; without a
 * failing probe, extrapolated down from the smallest passing one: from every pass, by the bits per
 * sample the high-rate rule (DB_PER_BIT) says the spare dB are worth; then along the slope of the two
 * smallest passing probes.
 */
function nextLog2Budget(
  pass: Probe,
  previous: Probe | undefined,
  fail: Probe | undefined,
  search: QualitySearch,
  streak: number,
): number {
  const { target } = search;
  const high = log2Bytes(pass);
  if (!fail) {
    if (pass.psnr === Number.POSITIVE_INFINITY) return high - FIRST_STEP;
    if (!previous) {
      const spare = ((pass.psnr - target) / DB_PER_BIT) * (search.samples / 8);
      const bytes = pass.codestream.length;
      return Math.log2(Math.min(Math.max(bytes - spare, bytes / 16), bytes / 1.25));
    }
    const slope = (previous.psnr - pass.psnr) / (log2Bytes(previous) - high);
    const step = slope > 0 ? (pass.psnr - target) / slope : MAX_STEP;
    return high - Math.min(Math.max(step, MIN_STEP), MAX_STEP);
  }
  const low = log2Bytes(fail);
  // An exact (or near exact) passing probe says little about the slope near the target: cap it.
  const psnrHigh = Math.min(pass.psnr, target + HEADROOM_DB);
  let t = Math.min(Math.max((target - fail.psnr) / (psnrHigh - fail.psnr), 0.1), 0.9);
  if (streak >= 2) t /= 2; // the passing end kept moving: aim nearer the failing one
  if (streak <= -2) t = (1 + t) / 2; // the failing end kept moving: aim nearer the passing one
  return low + t * (high - low);
}

/**
 * The smallest codestream found whose decoded PSNR reaches `search.target`, or undefined when even
 * every coding pass falls short (the caller then writes the exact 5/3 codestream).
 */
export function encodeToPsnr(search: QualitySearch): Uint8Array | undefined {
  const all = search.encode(0);
  let pass: Probe = { codestream: all, psnr: search.measure(all) };
  if (pass.psnr < search.target) return undefined;
  let previous: Probe | undefined;
  let fail: Probe | undefined;
  /** Consecutive passing (> 0) or failing (< 0) probes since the bracket closed. */
  let streak = 0;
  const raw = (search.samples * search.bits) / 8;
  for (let probe = 0; probe < MAX_PROBES; probe++) {
    if (fail && pass.codestream.length <= fail.codestream.length * CLOSE_ENOUGH) break;
    const budget = Math.round(2 ** nextLog2Budget(pass, previous, fail, search, streak));
    if (budget < 1 || budget >= pass.codestream.length) break;
    const codestream = search.encode(raw / budget);
    const measured: Probe = { codestream, psnr: search.measure(codestream) };
    if (measured.psnr >= search.target) {
      if (codestream.length >= pass.codestream.length) break; // the budget bought nothing smaller
      previous = pass;
      pass = measured;
      streak = fail ? Math.max(streak, 0) + 1 : 0;
    } else {
      if (!fail || codestream.length > fail.codestream.length) fail = measured;
      streak = Math.min(streak, 0) - 1;
    }
  }
  return pass.codestream;
}
