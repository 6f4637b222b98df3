/*
 * Turning one MCU row of 8-bit pixels into level-shifted component samples (T.81 A.3.1: samples minus
 * 128 before the DCT). Bands are `paddedWidth / h` samples wide, 8·v rows high, and are filled past
 * the image's right and bottom edges by repeating the last column and row, which keeps the padding
 * blocks smooth (no ringing into the visible pixels) and costs nothing to decode.
 * Each pixel is read once, in one pass per row: this runs for every pixel, so it matters as much as the DCT.
 */

// JFIF / BT.601 full-range RGB → YCbCr. The +128 offset of Cb and Cr cancels the level shift.
const YR = 0.299;
const YG = 0.587;
const YB = 0.114;
const CBR = -0.168736;
const CBG = -0.331264;
const CBB = 0.5;
const CRR = 0.5;
const CRG = -0.418688;
const CRB = -0.081312;

/**
 * Deinterleave 8 rows of 1 or 3 samples per pixel into one band per sample, unconverted (gray, 'rgb').
 * With 1 component only `b0` is written.
 */
export function fillPlanes(
  pixels: Uint8Array,
  width: number,
  height: number,
  components: number,
  y0: number,
  b0: Float32Array,
  b1: Float32Array,
  b2: Float32Array,
  paddedWidth: number,
): void {
  const rowBytes = width * components;
  for (let r = 0; r < 8; r++) {
    const dst = r * paddedWidth;
    const end = dst + width;
    const src = Math.min(y0 + r, height - 1) * rowBytes;
    if (components === 1) {
      for (let x = dst, s = src; x < end; x++, s++) b0[x] = (pixels[s] as number) - 128;
    } else {
      for (let x = dst, s = src; x < end; x++, s += 3) {
        b0[x] = (pixels[s] as number) - 128;
        b1[x] = (pixels[s + 1] as number) - 128;
        b2[x] = (pixels[s + 2] as number) - 128;
      }
      b1.fill(b1[end - 1] as number, end, dst + paddedWidth);
      b2.fill(b2[end - 1] as number, end, dst + paddedWidth);
    }
    b0.fill(b0[end - 1] as number, end, dst + paddedWidth);
  }
}

/**
 * Y at full resolution (8·v rows) and Cb, Cr as the mean over h × v boxes (8 rows). `shift` is log2(h)
 * (h is 1, 2 or 4). Chroma is accumulated with coefficients pre-divided by h·v, so the box mean costs
 * one add per pixel.
 */
export function fillYcbcr(
  pixels: Uint8Array,
  width: number,
  height: number,
  shift: number,
  v: number,
  y0: number,
  luma: Float32Array,
  cb: Float32Array,
  cr: Float32Array,
  paddedWidth: number,
): void {
  const rowBytes = width * 3;
  const chromaWidth = paddedWidth >> shift;
  const scale = 1 / ((1 << shift) * v);
  const cbr = CBR * scale;
  const cbg = CBG * scale;
  const cbb = CBB * scale;
  const crr = CRR * scale;
  const crg = CRG * scale;
  const crb = CRB * scale;
  if (shift !== 0 || v !== 1) {
    cb.fill(0, 0, chromaWidth * 8);
    cr.fill(0, 0, chromaWidth * 8);
  }
  const lumaRows = 8 * v;
  for (let r = 0; r < lumaRows; r++) {
    const dst = r * paddedWidth;
    const cdst = ((r / v) | 0) * chromaWidth;
    const src = Math.min(y0 + r, height - 1) * rowBytes;
    if (shift === 0 && v === 1) {
      // 4:4:4: no accumulation needed.
      for (let x = 0, s = src; x < width; x++, s += 3) {
        const R = pixels[s] as number;
        const G = pixels[s + 1] as number;
        const B = pixels[s + 2] as number;
        luma[dst + x] = YR * R + YG * G + YB * B - 128;
        cb[cdst + x] = cbr * R + cbg * G + cbb * B;
        cr[cdst + x] = crr * R + crg * G + crb * B;
      }
    } else {
      for (let x = 0, s = src; x < width; x++, s += 3) {
        const R = pixels[s] as number;
        const G = pixels[s + 1] as number;
        const B = pixels[s + 2] as number;
        luma[dst + x] = YR * R + YG * G + YB * B - 128;
        const c = cdst + (x >> shift);
        cb[c] = (cb[c] as number) + cbr * R + cbg * G + cbb * B;
        cr[c] = (cr[c] as number) + crr * R + crg * G + crb * B;
      }
    }
    // Right edge: repeat the last pixel, in chroma too (it enters the box means like a real pixel).
    if (width < paddedWidth) {
      const s = src + rowBytes - 3;
      const R = pixels[s] as number;
      const G = pixels[s + 1] as number;
      const B = pixels[s + 2] as number;
      luma.fill(YR * R + YG * G + YB * B - 128, dst + width, dst + paddedWidth);
      const cbValue = cbr * R + cbg * G + cbb * B;
      const crValue = crr * R + crg * G + crb * B;
      if (shift === 0 && v === 1) {
        cb.fill(cbValue, cdst + width, cdst + paddedWidth);
        cr.fill(crValue, cdst + width, cdst + paddedWidth);
      } else {
        for (let x = width; x < paddedWidth; x++) {
          const c = cdst + (x >> shift);
          cb[c] = (cb[c] as number) + cbValue;
          cr[c] = (cr[c] as number) + crValue;
        }
      }
    }
  }
}
