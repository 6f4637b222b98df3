import { invalidOption, OmeError } from './errors.js';
import { isDict } from './values.js';

export type Dict = Readonly<Record<string, unknown>>;

interface Layer {
  readonly dict: Dict;
  readonly path: string;
}

/**
 * Read access to a metadata dict that remembers where each key came from, so every error can name the
 * exact path the caller wrote (`metadata.Image[1].Pixels.SizeZ`). Later layers win.
 */
export class MetaView {
  readonly #layers: readonly Layer[];

  constructor(dict: Dict, path: string, overlay?: Layer) {
    this.#layers = overlay === undefined ? [{ dict, path }] : [overlay, { dict, path }];
  }

  /** The value of `key`, or `undefined` when absent (an explicit `undefined` counts as absent). */
  get(key: string): unknown {
    return this.#layerOf(key)?.dict[key];
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  path(key: string): string {
    return `${(this.#layerOf(key) ?? this.#base).path}.${key}`;
  }

  /** A nested dict as a view, or `undefined`; a non-dict value is an error naming the key. */
  child(key: string): MetaView | undefined {
    const value = this.get(key);
    if (value === undefined) return undefined;
    if (!isDict(value)) throw invalidOption(this.path(key), value, 'an object');
    return new MetaView(value, this.path(key));
  }

  /** Keys in insertion order (base layer first), without duplicates. */
  keys(): string[] {
    const keys = new Set<string>();
    for (const layer of [...this.#layers].reverse()) for (const key of Object.keys(layer.dict)) keys.add(key);
    return [...keys].filter((key) => this.has(key));
  }

  get #base(): Layer {
    return this.#layers[this.#layers.length - 1] as Layer;
  }

  #layerOf(key: string): Layer | undefined {
    return this.#layers.find((layer) => Object.hasOwn(layer.dict, key) && layer.dict[key] !== undefined);
  }
}

export function asDict(value: unknown, path: string): Dict {
  if (value === undefined || value === null) return {};
  if (!isDict(value)) throw invalidOption(path, value, 'an object of metadata keys');
  return value;
}

/** The document-level dict: the write() metadata, or its `OME` sub-dict (tifffile's lookup). */
export function documentView(metadata: Dict): MetaView {
  const ome = metadata['OME'];
  if (ome !== undefined) return new MetaView(asDict(ome, 'metadata.OME'), 'metadata.OME');
  return new MetaView(metadata, 'metadata');
}

/**
 * The dict describing image `index`, found as tifffile does: metadata → its `OME` sub-dict → its `Image`
 * sub-dict (a list of image dicts is indexed by image number), with a `Pixels` sub-dict merged over it
 * (its `ID` ignored: IDs are always generated).
 */
export function imageView(metadata: Dict, index: number): MetaView {
  let path = 'metadata';
  let dict = metadata;
  if (metadata['OME'] !== undefined) {
    path = 'metadata.OME';
    dict = asDict(metadata['OME'], path);
  }
  const image = dict['Image'];
  if (Array.isArray(image)) {
    const entry: unknown = image[index];
    if (entry === undefined) {
      throw new OmeError(
        'INVALID_OPTION',
        `${path}.Image has ${image.length} entries: there is none for image ${index}`,
        `${path}.Image`,
      );
    }
    path = `${path}.Image[${index}]`;
    dict = asDict(entry, path);
  } else if (image !== undefined) {
    path = `${path}.Image`;
    dict = asDict(image, path);
  }
  const pixels = dict['Pixels'];
  if (pixels === undefined) return new MetaView(dict, path);
  if (!isDict(pixels)) throw invalidOption(`${path}.Pixels`, pixels, 'an object');
  const { ID: _ignored, ...withoutId } = pixels;
  return new MetaView(dict, path, { dict: withoutId, path: `${path}.Pixels` });
}
