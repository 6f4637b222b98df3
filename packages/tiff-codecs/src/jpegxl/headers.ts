import { type BitWriter, bitsOffset, val, writeEnum, writeU32, writeU64Zero } from './bits.js';

/** What the image header says about the samples. */
export interface JxlImageInfo {
  readonly width: number;
  readonly height: number;
  /** 1 (gray) or 3 (RGB) colour channels. */
  readonly colorChannels: 1 | 3;
  /** 0 or 1: an alpha channel after the colour channels. */
  readonly alpha: 0 | 1;
  /** Bits per sample: 1–16 for integers, 16 or 32 for floats. */
  readonly bits: number;
  /** Exponent bits of float samples (5 for float16, 8 for float32), 0 for integers. */
  readonly exponentBits: number;
  /** sRGB transfer function (as imagecodecs tags 8-bit data), else linear. */
  readonly srgb: boolean;
}

// Enumerated values of the colour encoding (ISO/IEC 18181-1, Table A.5 and following).
const COLOR_SPACE_RGB = 0;
const COLOR_SPACE_GRAY = 1;
const WHITE_POINT_D65 = 1;
const PRIMARIES_SRGB = 1;
const TRANSFER_LINEAR = 8;
const TRANSFER_SRGB = 13;
const RENDERING_RELATIVE = 1;

const DIMENSION = [bitsOffset(9, 1), bitsOffset(13, 1), bitsOffset(18, 1), bitsOffset(30, 1)];

function writeBitDepth(w: BitWriter, info: JxlImageInfo): void {
  const float = info.exponentBits > 0;
  w.bool(float);
  if (float) {
    writeU32(w, [val(32), val(16), val(24), bitsOffset(6, 1)], info.bits);
    w.write(4, info.exponentBits - 1);
  } else {
    writeU32(w, [val(8), val(10), val(12), bitsOffset(6, 1)], info.bits);
  }
}

/** Signature, SizeHeader, ImageMetadata and the (default) transform data, padded to a byte. */
export function writeImageHeader(w: BitWriter, info: JxlImageInfo): void {
  w.write(8, 0xff);
  w.write(8, 0x0a);
  w.bool(false); // not a "small" size
  writeU32(w, DIMENSION, info.height);
  w.write(3, 0); // no aspect ratio: the width follows
  writeU32(w, DIMENSION, info.width);

  w.bool(false); // ImageMetadata: not all default
  w.bool(false); // no extra fields (orientation, previews, animation)
  writeBitDepth(w, info);
  // 16-bit buffers only suffice for up to 12-bit integers (libjxl's rule); false is always valid.
  w.bool(info.exponentBits === 0 && info.bits <= 12);
  writeU32(w, [val(0), val(1), bitsOffset(4, 2), bitsOffset(12, 1)], info.alpha);
  if (info.alpha) {
    w.bool(false); // ExtraChannelInfo: not the default (8-bit) alpha
    writeEnum(w, 0); // type: alpha
    writeBitDepth(w, info);
    writeU32(w, [val(0), val(3), val(4), bitsOffset(3, 1)], 0); // dim_shift
    writeU32(w, [val(0), bitsOffset(4), bitsOffset(5, 16), bitsOffset(10, 48)], 0); // no name
    w.bool(false); // not premultiplied
  }
  w.bool(false); // not XYB: samples are stored as they are (lossless)
  w.bool(false); // ColorEncoding: not all default
  w.bool(false); // no ICC profile
  writeEnum(w, info.colorChannels === 1 ? COLOR_SPACE_GRAY : COLOR_SPACE_RGB);
  writeEnum(w, WHITE_POINT_D65);
  if (info.colorChannels === 3) writeEnum(w, PRIMARIES_SRGB);
  w.bool(false); // no gamma: an enumerated transfer function
  writeEnum(w, info.srgb ? TRANSFER_SRGB : TRANSFER_LINEAR);
  writeEnum(w, RENDERING_RELATIVE);
  writeU64Zero(w); // ImageMetadata extensions
  w.bool(true); // CustomTransformData: all default
  w.padToByte();
}

/**
 * A frame header for the only frame: regular, modular, no flags, no YCbCr, no upsampling,
 * groups of 128 << `groupShift` pixels, one pass, full size, replace blending, last, unnamed, and no
 * restoration filters (lossless).
 */
export function writeFrameHeader(w: BitWriter, info: JxlImageInfo, groupShift: number): void {
  w.bool(false); // not all default
  w.write(2, 0); // U32 selector 0: regular frame
  w.bool(true); // modular
  writeU64Zero(w); // flags
  w.bool(false); // no YCbCr
  w.write(2, 0); // upsampling 1
  for (let i = 0; i < info.alpha; i++) w.write(2, 0); // extra channel upsampling 1
  w.write(2, groupShift);
  w.write(2, 0); // one pass
  w.bool(false); // no custom size or origin
  w.write(2, 0); // blend mode: replace
  for (let i = 0; i < info.alpha; i++) w.write(2, 0); // extra channel blend mode: replace
  w.bool(true); // last frame
  w.write(2, 0); // name length 0
  w.bool(false); // loop filter: not all default
  w.bool(false); // no Gabor-like filter
  w.write(2, 0); // no edge-preserving filter iterations
  writeU64Zero(w); // loop filter extensions
  writeU64Zero(w); // frame header extensions
}

/** The table of contents (section sizes in bytes, not permuted), byte-aligned before and after. */
export function writeToc(w: BitWriter, sizes: readonly number[]): void {
  w.bool(false);
  w.padToByte();
  const dist = [bitsOffset(10), bitsOffset(14, 1024), bitsOffset(22, 17408), bitsOffset(30, 4211712)];
  for (const size of sizes) writeU32(w, dist, size);
  w.padToByte();
}
