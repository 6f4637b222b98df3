import { invalidOption, OmeError } from './errors.js';
import type { MetaView } from './metadata-view.js';
import { isDict, readBoolean, readDouble, readInteger, readText, readUri } from './values.js';
import { checkXmlFragment } from './xml-fragment.js';

/**
 * StructuredAnnotations from metadata. Shapes (as tifffile takes them): `<Kind>Annotation: value`, a list
 * of values, or dicts `{ Namespace, Description, Value }`; for MapAnnotation a dict without `Value` is the
 * map itself (its `Namespace`/`Description` keys still count as those attributes, as in tifffile).
 */

export type OmeAnnotationKind =
  | 'XMLAnnotation'
  | 'MapAnnotation'
  | 'CommentAnnotation'
  | 'DoubleAnnotation'
  | 'LongAnnotation'
  | 'BooleanAnnotation';

/** An annotation ready to write: `value` is element text, a checked XML fragment, or map entries. */
export interface OmeAnnotationSpec {
  readonly kind: OmeAnnotationKind;
  readonly namespace?: string;
  readonly description?: string;
  readonly value: string | readonly (readonly [key: string, value: string])[];
}

export interface OmeWarning {
  readonly code: string;
  readonly message: string;
}

const SUPPORTED: ReadonlyMap<string, OmeAnnotationKind> = new Map([
  ['XMLAnnotation', 'XMLAnnotation'],
  ['XmlAnnotation', 'XMLAnnotation'],
  ['MapAnnotation', 'MapAnnotation'],
  ['CommentAnnotation', 'CommentAnnotation'],
  ['DoubleAnnotation', 'DoubleAnnotation'],
  ['LongAnnotation', 'LongAnnotation'],
  ['BooleanAnnotation', 'BooleanAnnotation'],
]);

/** Kinds the schema has but that need data tiffkit does not model (files, lists, terms). */
const SKIPPED = ['FileAnnotation', 'ListAnnotation', 'TimestampAnnotation', 'TagAnnotation', 'TermAnnotation'];

export const ANNOTATION_SKIPPED = 'ome-annotation-skipped';

/**
 * Annotations of one element (Image, Dataset, Project, Experimenter): from its `StructuredAnnotations`
 * dict when there is one, else from its own `*Annotation` keys.
 */
export function readAnnotations(view: MetaView, warnings: OmeWarning[]): OmeAnnotationSpec[] {
  const source = view.child('StructuredAnnotations') ?? view;
  const specs: OmeAnnotationSpec[] = [];
  for (const key of source.keys()) {
    const kind = SUPPORTED.get(key);
    const path = source.path(key);
    if (kind === undefined) {
      if (SKIPPED.includes(key)) {
        warnings.push({ code: ANNOTATION_SKIPPED, message: `${path} is not supported by tiffkit and was not written` });
      }
      continue;
    }
    const value = source.get(key);
    // Unlike tifffile, only null/undefined mean "none": false, 0 and '' are real annotation values.
    const items = Array.isArray(value)
      ? value.map((item, i) => [item, `${path}[${i}]`] as const)
      : [[value, path] as const];
    for (const [item, itemPath] of items) {
      if (item !== undefined && item !== null) specs.push(readAnnotation(kind, item, itemPath));
    }
  }
  return specs;
}

function readAnnotation(kind: OmeAnnotationKind, item: unknown, path: string): OmeAnnotationSpec {
  let value = item;
  let valuePath = path;
  let namespace: string | undefined;
  let description: string | undefined;
  if (isDict(item)) {
    if (item['Namespace'] !== undefined) namespace = readUri(item['Namespace'], `${path}.Namespace`);
    if (item['Description'] !== undefined) description = readText(item['Description'], `${path}.Description`);
    if (Object.hasOwn(item, 'Value')) {
      value = item['Value'];
      valuePath = `${path}.Value`;
    } else if (kind === 'MapAnnotation') {
      const { Namespace: _n, Description: _d, ...map } = item;
      value = map;
    } else {
      throw new OmeError('INVALID_OPTION', `${path} needs a Value`, path);
    }
  }
  return {
    kind,
    ...(namespace === undefined ? {} : { namespace }),
    ...(description === undefined ? {} : { description }),
    value: readAnnotationValue(kind, value, valuePath),
  };
}

function readAnnotationValue(kind: OmeAnnotationKind, value: unknown, path: string): OmeAnnotationSpec['value'] {
  switch (kind) {
    case 'MapAnnotation':
      return readMap(value, path);
    case 'XMLAnnotation':
      if (typeof value !== 'string') throw invalidOption(path, value, 'an XML fragment as a string');
      return checkXmlFragment(value, path);
    case 'CommentAnnotation':
      return readText(value, path);
    case 'DoubleAnnotation':
      return readDouble(value, path);
    case 'LongAnnotation':
      return readInteger(value, path, -(2n ** 63n), 2n ** 63n - 1n);
    case 'BooleanAnnotation':
      return readBoolean(value, path);
  }
}

/** A dict, or a list of [key, value] pairs (for repeated or ordered keys). */
function readMap(value: unknown, path: string): (readonly [string, string])[] {
  if (isDict(value)) {
    return Object.entries(value).map(([k, v]) => [readText(k, path), readText(v, `${path}.${k}`)] as const);
  }
  if (Array.isArray(value)) {
    return value.map((pair, i) => {
      if (!Array.isArray(pair) || pair.length !== 2) throw invalidOption(`${path}[${i}]`, pair, 'a [key, value] pair');
      return [readText(pair[0], `${path}[${i}][0]`), readText(pair[1], `${path}[${i}][1]`)] as const;
    });
  }
  throw invalidOption(path, value, 'an object of keys and values, or a list of [key, value] pairs');
}
