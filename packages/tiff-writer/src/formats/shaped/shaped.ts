import { describeValue } from '@tiffkit/tiff-core/errors.js';
import { asciiTagBytes } from '../../plan/tag-values.js';
import { pythonJsonDumps } from './pyjson.js';

/** NUL bytes reserved after the shaped JSON so that a grown shape can be rewritten in place. */
export const SHAPED_RESERVE = 16;

/**
 * The "shaped" description tifffile reads back: `{"shape": [...], ...metadata}`, formatted as Python's
 * json.dumps. The real shape always wins over a `shape` key in the metadata.
 */
export function shapedDescription(
  shape: readonly number[],
  metadata: Readonly<Record<string, unknown>>,
  truncated: boolean,
  warn: (code: string, message: string) => void,
): Uint8Array {
  const document: Record<string, unknown> = { shape: [...shape] };
  for (const [key, value] of Object.entries(metadata)) {
    if (key === 'shape') {
      const same = Array.isArray(value) && value.length === shape.length && value.every((v, i) => v === shape[i]);
      if (!same) {
        warn(
          'shape-metadata-ignored',
          `metadata.shape=${describeValue(value)} ignored: the data's shape ${describeValue(shape)} is written`,
        );
      }
      continue;
    }
    if (key === 'truncated') continue;
    document[key] = value;
  }
  if (truncated) document['truncated'] = true;
  // json.dumps escapes everything beyond ASCII: the text is always 7-bit.
  return asciiTagBytes(pythonJsonDumps(document));
}
