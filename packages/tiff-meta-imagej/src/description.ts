import { ImageJError, show } from './errors.js';
import { findKey, isCopiedKey } from './metadata-keys.js';
import { checkKey, scalarText } from './safe-text.js';
import type { ImageJShape } from './shape.js';

/** The version tifffile writes when none is given; ImageJ only checks that the text starts with "ImageJ". */
export const DEFAULT_IMAGEJ_VERSION = '1.11a';

/** NULs the writer reserves after the description so the final text can be rewritten in place at close. */
export const IMAGEJ_DESCRIPTION_RESERVE = 64;

export interface ImagejDescriptionOptions {
  /** The data are RGB (S of 3 or 4), as `imagejShape` reported. */
  rgb: boolean;
  /** A colormap (palette or LUT) is written: ImageJ then must not treat the file as a hyperstack. */
  colormapped: boolean;
  /** The series metadata; binary keys and `axes` are skipped here. */
  metadata: Readonly<Record<string, unknown>>;
}

/**
 * The `ImageJ=` description: lines joined by `\n` with a final `\n`, in tifffile's order so the bytes
 * match: ImageJ, images, channels/slices/frames (when >1), hyperstack, mode, loop, then the remaining
 * metadata keys lower-cased as `key=value` in insertion order. The reserved NULs are the writer's job.
 */
export function imagejDescription(shape: ImageJShape, options: ImagejDescriptionOptions): string {
  checkShape(shape, options);
  const { metadata, colormapped, rgb } = options;
  const [frames, slices, channels] = shape;

  const version = handledValue(metadata, 'ImageJ');
  const head = [`ImageJ=${version === undefined ? DEFAULT_IMAGEJ_VERSION : scalarText(version.key, version.value)}`];
  head.push(`images=${frames * slices * channels}`);
  if (channels > 1) head.push(`channels=${channels}`);
  if (slices > 1) head.push(`slices=${slices}`);
  if (frames > 1) head.push(`frames=${frames}`);

  const tail: string[] = [];
  const given = booleanOf(metadata, 'hyperstack');
  // ImageJ shows a colormapped file through its LUT only when it is not opened as a hyperstack.
  const hyperstack = colormapped ? false : (given ?? true);
  tail.push(`hyperstack=${hyperstack}`);
  const mode = handledValue(metadata, 'mode');
  const modeText = mode === undefined ? (rgb || colormapped ? '' : 'grayscale') : scalarText(mode.key, mode.value);
  if (hyperstack && modeText !== '') tail.push(`mode=${modeText}`);
  const loop = booleanOf(metadata, 'loop');
  if (loop !== undefined) tail.push(`loop=${loop}`);
  else if (frames > 1) tail.push('loop=false');

  const seen = new Map<string, string>();
  for (const [key, value] of Object.entries(metadata)) {
    if (value === undefined || !isCopiedKey(key)) continue;
    const name = key.toLowerCase();
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      throw new ImageJError(
        'INVALID_OPTION',
        `metadata keys '${earlier}' and '${key}' would both be written as '${name}=': give one`,
        `metadata.${key}`,
      );
    }
    seen.set(name, key);
    checkKey(key);
    tail.push(`${name}=${scalarText(key, value)}`);
  }
  return `${[...head, ...tail].join('\n')}\n`;
}

function checkShape(shape: ImageJShape, options: ImagejDescriptionOptions): void {
  const valid = Array.isArray(shape) && shape.length === 6 && shape.every((n) => Number.isSafeInteger(n) && n >= 0);
  if (!valid) {
    throw new ImageJError('INVALID_DATA', `shape=${show(shape)} is not a TZCYXS shape: use imagejShape()`, 'shape');
  }
  const samples = shape[5];
  if (options.rgb !== (samples === 3 || samples === 4) || (samples !== 1 && samples !== 3 && samples !== 4)) {
    throw new ImageJError(
      'INVALID_DATA',
      `rgb=${options.rgb} does not match the ${samples} samples of shape ${show(shape)}: use imagejShape()`,
      'shape',
    );
  }
  if (options.rgb && options.colormapped) {
    throw new ImageJError('INVALID_OPTION', 'an RGB ImageJ image cannot have a colormap', 'colormap');
  }
}

function handledValue(
  metadata: Readonly<Record<string, unknown>>,
  name: string,
): { key: string; value: unknown } | undefined {
  const key = findKey(metadata, name);
  if (key === undefined || metadata[key] === undefined) return undefined;
  return { key, value: metadata[key] };
}

/** hyperstack and loop are ImageJ booleans; Python's truthiness (bool('false') is True) is not copied. */
function booleanOf(metadata: Readonly<Record<string, unknown>>, name: string): boolean | undefined {
  const found = handledValue(metadata, name);
  if (found === undefined) return undefined;
  if (typeof found.value !== 'boolean') {
    throw new ImageJError(
      'INVALID_OPTION',
      `metadata.${found.key}=${show(found.value)} must be true or false`,
      `metadata.${found.key}`,
    );
  }
  return found.value;
}
