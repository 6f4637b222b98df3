import { ImageJError, show } from './errors.js';
import type { BinaryKey } from './metadata-keys.js';

/** Private TIFF tags ImageJ uses for binary metadata. */
export const IJ_METADATA_BYTE_COUNTS_TAG = 50838;
export const IJ_METADATA_TAG = 50839;

/** The binary metadata as decoded from (or accepted into) the IJMetadata tag. */
export interface IjMetadata {
  /** The image's "Info" text (Image > Show Info). */
  Info?: string;
  /** One label per image (plane), in ImageJ's stack order. */
  Labels?: string[];
  /** Display ranges, usually min and max per channel. */
  Ranges?: number[];
  /** One 768-byte LUT per channel: 256 reds, 256 greens, 256 blues. */
  LUTs?: Uint8Array[];
  /** ImageJ's serialised plot. */
  Plot?: Uint8Array;
  /** ImageJ's serialised ROI (e.g. from the roifile package). */
  ROI?: Uint8Array;
  /** One serialised ROI per overlay element. */
  Overlays?: Uint8Array[];
  /** Image properties (ImageJ 1.52+ getProp/setProp). */
  Properties?: Record<string, string>;
}

/**
 * Record type codes as they appear in big-endian files. ImageJ writes each code as a 32-bit int, so
 * little-endian files hold the four bytes reversed ("ofni", " ior").
 */
export const TYPE_CODES: Readonly<Record<BinaryKey, string>> = {
  Info: 'info',
  Labels: 'labl',
  Ranges: 'rang',
  LUTs: 'luts',
  Plot: 'plot',
  ROI: 'roi ',
  Overlays: 'over',
  Properties: 'prop',
};

/** The magic number 0x494A494A, also written as an int: "IJIJ" big-endian, "JIJI" little-endian. */
export function magic(littleEndian: boolean): string {
  return littleEndian ? 'JIJI' : 'IJIJ';
}

/** The four bytes of a type code as stored in a file of the given byte order. */
export function storedCode(code: string, littleEndian: boolean): string {
  return littleEndian ? [...code].reverse().join('') : code;
}

export const LUT_BYTES = 768;

/** Whether the payloads are little-endian; anything but '<' or '>' is an INVALID_OPTION error. */
export function isLittleEndian(byteOrder: unknown): boolean {
  if (byteOrder !== '<' && byteOrder !== '>') {
    throw new ImageJError(
      'INVALID_OPTION',
      `byteOrder=${show(byteOrder)} is invalid: expected '<' or '>'`,
      'byteOrder',
    );
  }
  return byteOrder === '<';
}
