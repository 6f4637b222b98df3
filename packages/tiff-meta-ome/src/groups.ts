import { type OmeAnnotationSpec, type OmeWarning, readAnnotations } from './annotations.js';
import { readFields } from './entries.js';
import { invalidOption } from './errors.js';
import { MetaView } from './metadata-view.js';
import { INT32_MAX } from './schema-enums.js';
import { isDict, readInteger, readText } from './values.js';
import type { XmlAttribute } from './xml-builder.js';

/** A Project or Dataset: a named container with a description and annotations. */
export interface OmeGroupSpec {
  readonly name?: string;
  readonly description?: string;
  readonly annotations: readonly OmeAnnotationSpec[];
}

export interface OmeExperimenterSpec {
  /** FirstName, MiddleName, LastName, Email, Institution, UserName, as given. */
  readonly attributes: readonly XmlAttribute[];
  readonly annotations: readonly OmeAnnotationSpec[];
}

/** An image's ExperimenterRef: an index into the document's experimenters, or experimenters to match/add. */
export type OmeExperimenterLink =
  | { readonly index: number; readonly path: string }
  | { readonly experimenters: readonly OmeExperimenterSpec[] };

const EXPERIMENTER_FIELDS = ['FirstName', 'MiddleName', 'LastName', 'Email', 'Institution', 'UserName'].map(
  (name) => [name, readText] as const,
);

interface Located {
  readonly dict: Readonly<Record<string, unknown>>;
  readonly path: string;
  readonly view: MetaView;
}

/** A dict or a list of dicts, each with its path. */
function dictOrList(value: unknown, path: string, what: string): Located[] {
  const items = Array.isArray(value) ? value : [value];
  return items.map((item, i) => {
    const itemPath = Array.isArray(value) ? `${path}[${i}]` : path;
    if (!isDict(item)) throw invalidOption(itemPath, item, `${what} as an object (or a list of them)`);
    return { dict: item, path: itemPath, view: new MetaView(item, itemPath) };
  });
}

function readGroup(view: MetaView, warnings: OmeWarning[]): OmeGroupSpec {
  const name = view.get('Name');
  const description = view.get('Description');
  return {
    ...(name === undefined ? {} : { name: readText(name, view.path('Name')) }),
    ...(description === undefined ? {} : { description: readText(description, view.path('Description')) }),
    annotations: readAnnotations(view, warnings),
  };
}

export function readProjects(document: MetaView, warnings: OmeWarning[]): OmeGroupSpec[] {
  const value = document.get('Project');
  if (value === undefined || value === null) return [];
  return dictOrList(value, document.path('Project'), 'a Project').map(({ view }) => readGroup(view, warnings));
}

export function readExperimenters(document: MetaView, warnings: OmeWarning[]): OmeExperimenterSpec[] {
  const value = document.get('Experimenter');
  if (value === undefined || value === null || typeof value === 'number') return [];
  return dictOrList(value, document.path('Experimenter'), 'an Experimenter').map(({ dict, path, view }) => ({
    attributes: readFields(dict, path, EXPERIMENTER_FIELDS),
    annotations: readAnnotations(view, warnings),
  }));
}

/**
 * The image's `Experimenter`: a number picks one of the document's experimenters; a dict (or list) is
 * matched against them by content — the first write()'s metadata is also the document's, so the same
 * dict refers to the same person — and added when new. Only the first becomes the ExperimenterRef
 * (the schema allows one per Image).
 */
export function readExperimenterLink(view: MetaView, warnings: OmeWarning[]): OmeExperimenterLink | undefined {
  const value = view.get('Experimenter');
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') {
    return {
      index: Number(readInteger(value, view.path('Experimenter'), 0, INT32_MAX)),
      path: view.path('Experimenter'),
    };
  }
  return { experimenters: readExperimenters(view, warnings) };
}

/** `undefined`: join the previous Dataset (if any); `null`: none; otherwise a new Dataset. */
export function readDataset(view: MetaView, warnings: OmeWarning[]): OmeGroupSpec | null | undefined {
  const value = view.get('Dataset');
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (!isDict(value)) throw invalidOption(view.path('Dataset'), value, 'an object with Name, Description, annotations');
  // tifffile treats an empty dict like an absent key.
  if (Object.keys(value).length === 0) return undefined;
  return readGroup(new MetaView(value, view.path('Dataset')), warnings);
}
