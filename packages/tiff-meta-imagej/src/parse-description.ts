import { ImageJError, show } from './errors.js';

export type ImagejDescriptionValue = string | number | boolean;

const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE = /^([+-]?)(inf|infinity|nan)$/i;

/** Whether an ImageDescription is ImageJ's: its text starts with `ImageJ=` (after leading white space). */
export function isImagejDescription(text: string): boolean {
  return typeof text === 'string' && text.trimStart().startsWith('ImageJ=');
}

/**
 * The key=value lines of an ImageJ description, read the way tifffile reads them: numbers become
 * numbers (including `nan`/`inf`, which our writer emits for non-finite values), `true`/`false` in any
 * case become booleans, everything else stays a string. The `ImageJ` version always stays a string
 * (`1.53` is a version, not a number). Trailing NULs (the reserved padding) are ignored; lines without
 * `=` are skipped; a repeated key keeps its last value, as in ImageJ.
 */
export function parseImagejDescription(text: string): Record<string, ImagejDescriptionValue> {
  if (typeof text !== 'string') {
    throw new ImageJError('INVALID_DATA', `an ImageJ description must be a string, got ${show(text)}`, 'description');
  }
  const body = text.replace(/\0+$/, '');
  if (!body.startsWith('ImageJ=')) {
    throw new ImageJError(
      'INVALID_DATA',
      `not an ImageJ description (it must start with "ImageJ="): ${show(body.slice(0, 40))}`,
      'description',
    );
  }
  const result: Record<string, ImagejDescriptionValue> = {};
  for (const line of body.split(/\r\n|\n|\r/)) {
    const at = line.indexOf('=');
    if (at < 0) continue;
    const key = line.slice(0, at).trim();
    const raw = line.slice(at + 1).trim();
    // defineProperty: a key such as "__proto__" must become data, not change the object's prototype.
    Object.defineProperty(result, key, {
      value: key === 'ImageJ' ? raw : typed(raw),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

function typed(raw: string): ImagejDescriptionValue {
  if (FLOAT.test(raw)) return Number(raw);
  const special = NON_FINITE.exec(raw);
  if (special) {
    if ((special[2] as string).toLowerCase() === 'nan') return Number.NaN;
    return special[1] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  const lower = raw.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return raw;
}
