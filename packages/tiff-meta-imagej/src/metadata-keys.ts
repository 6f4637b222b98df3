import { ImageJError } from './errors.js';

/**
 * The binary metadata keys, in the order their records appear in IJMetadata. They never become text
 * lines: ImageJ reads them from the IJMetadata tag.
 */
export const BINARY_KEYS = ['Info', 'Labels', 'Ranges', 'LUTs', 'Plot', 'ROI', 'Overlays', 'Properties'] as const;
export type BinaryKey = (typeof BINARY_KEYS)[number];

/**
 * Keys the description writes itself (`ImageJ`, `hyperstack`, `mode`, `loop`), recomputes from the shape
 * (`images`, `channels`, `slices`, `frames`), or drops (`axes` is consumed by the shape mapping, `SCIFIO`
 * is another program's marker). All are matched in any case, so `Mode` cannot add a second `mode=` line.
 */
const NOT_COPIED = new Set([
  'imagej',
  'hyperstack',
  'mode',
  'loop',
  'images',
  'channels',
  'slices',
  'frames',
  'axes',
  'scifio',
]);
const BINARY_LOWER = new Set(BINARY_KEYS.map((key) => key.toLowerCase()));

export function isBinaryKey(key: string): boolean {
  return BINARY_LOWER.has(key.toLowerCase());
}

/** Whether a metadata key is copied into the description as `key=value`. */
export function isCopiedKey(key: string): boolean {
  const lower = key.toLowerCase();
  return !NOT_COPIED.has(lower) && !BINARY_LOWER.has(lower);
}

/**
 * The metadata key spelled `name` in any case, or undefined. Two spellings of one name (`Info` and
 * `info`) are rejected: both would land in the same place and one would silently win.
 */
export function findKey(metadata: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const lower = name.toLowerCase();
  const found = Object.keys(metadata).filter((key) => key.toLowerCase() === lower);
  if (found.length > 1) {
    throw new ImageJError(
      'INVALID_OPTION',
      `metadata has both ${found.map((k) => `'${k}'`).join(' and ')}: ImageJ keys are case-insensitive here, give one`,
      `metadata.${found[1]}`,
    );
  }
  return found[0];
}
