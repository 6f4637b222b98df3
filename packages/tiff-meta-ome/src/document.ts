import type { OmeAnnotationSpec, OmeWarning } from './annotations.js';
import { annotationElement, imageElement, moduloAnnotation, type PlacedImage } from './elements.js';
import { invalidOption, OmeError } from './errors.js';
import { type OmeExperimenterSpec, type OmeGroupSpec, readExperimenters, readProjects } from './groups.js';
import { asDict, documentView } from './metadata-view.js';
import type { OmeImagePlan } from './plan.js';
import { INT32_MAX } from './schema-enums.js';
import { randomUuid, uuidUrn } from './uuid.js';
import { readText } from './values.js';
import { element, serializeXml, textElement, type XmlElement } from './xml-builder.js';
import { checkXmlFragment } from './xml-fragment.js';

export const OME_NAMESPACE = 'http://www.openmicroscopy.org/Schemas/OME/2016-06';
const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

export interface OmeXmlOptions {
  /** The writer's default Creator (e.g. `tiffkit 1.2.0`); metadata `Creator` wins. Default `tiffkit`. */
  readonly creator?: string;
  /** A fixed UUID (bare or `urn:uuid:…`); metadata `UUID` wins. Default: a random one. */
  readonly uuid?: string;
  /** Receives warnings (annotation kinds that are skipped); default `console.warn`. */
  readonly onWarning?: (code: string, message: string) => void;
}

/** Where the image's pages are in the file: first main-chain IFD index and number of pages. */
export interface OmeImagePlacement {
  readonly ifd: number;
  readonly planeCount: number;
}

interface Annotation {
  readonly id: string;
  readonly element: XmlElement;
}
interface Group {
  readonly id: string;
  readonly spec: OmeGroupSpec;
  readonly annotationIds: readonly string[];
}
interface Dataset extends Group {
  readonly imageIds: string[];
}
interface Experimenter {
  readonly id: string;
  readonly spec: OmeExperimenterSpec;
  readonly key: string;
  readonly annotationIds: readonly string[];
}

/**
 * One OME-XML document. It is created from the first write()'s metadata (document-level keys: Creator,
 * UUID, Project, Experimenter) and gets one <Image> per series as each series is finished; `toString()`
 * gives the text for the first page's ImageDescription.
 */
export class OmeXml {
  /** The document's UUID attribute, `urn:uuid:…`. */
  readonly uuid: string;
  readonly creator: string;
  readonly #warn: (code: string, message: string) => void;
  readonly #warned = new Set<string>();
  readonly #annotations: Annotation[] = [];
  readonly #projects: Group[] = [];
  readonly #datasets: Dataset[] = [];
  readonly #experimenters: Experimenter[] = [];
  readonly #images: PlacedImage[] = [];
  #nextIfd = 0;
  /** Warnings are not reported while previewing: the image is reported when it is really added. */
  #muted = false;

  constructor(metadata: Readonly<Record<string, unknown>> = {}, options: OmeXmlOptions = {}) {
    const document = documentView(asDict(metadata, 'metadata'));
    this.#warn = options.onWarning ?? defaultWarn;
    const creator = document.get('Creator');
    this.creator =
      creator !== undefined
        ? readText(creator, document.path('Creator'))
        : options.creator !== undefined
          ? readText(options.creator, 'options.creator')
          : 'tiffkit';
    const uuid = document.get('UUID');
    if (uuid !== undefined) this.uuid = uuidUrn(uuid, document.path('UUID'));
    else if (options.uuid !== undefined) this.uuid = uuidUrn(options.uuid, 'options.uuid');
    else this.uuid = `urn:uuid:${randomUuid()}`;

    const warnings: OmeWarning[] = [];
    const projects = readProjects(document, warnings);
    const experimenters = readExperimenters(document, warnings);
    for (const spec of projects) {
      this.#projects.push({
        id: `Project:${this.#projects.length}`,
        spec,
        annotationIds: this.#annotate(spec.annotations),
      });
    }
    for (const spec of experimenters) this.#addExperimenter(spec);
    this.#report(warnings);
  }

  get imageCount(): number {
    return this.#images.length;
  }

  /**
   * Adds the <Image> of a finished series. `placement.planeCount` must be the plan's plane count: a
   * series that grew (contiguous appends) after planning no longer matches its OME description.
   */
  addImage(plan: OmeImagePlan, placement: OmeImagePlacement): void {
    // Every check comes before the first change, so a rejected image leaves the document as it was.
    const { ifd, planeCount } = placement;
    if (!Number.isSafeInteger(ifd) || ifd < 0) throw invalidOption('placement.ifd', ifd, 'a non-negative integer');
    if (plan.index !== this.#images.length) {
      throw new OmeError(
        'INVALID_DATA',
        `image ${plan.index} was planned, but image ${this.#images.length} is the next one in this document`,
        'index',
      );
    }
    if (planeCount !== plan.planeCount) {
      throw new OmeError(
        'INVALID_DATA',
        `image ${plan.index} was planned with ${plan.planeCount} planes but ${planeCount} pages were written ` +
          '(shape does not match stored shape)',
        'shape',
      );
    }
    if (ifd < this.#nextIfd) {
      throw new OmeError(
        'INVALID_DATA',
        `placement.ifd=${ifd} overlaps the pages of the previous image`,
        'placement.ifd',
      );
    }
    if (ifd + planeCount - 1 > INT32_MAX) {
      throw new OmeError(
        'UNSUPPORTED',
        `IFD ${ifd + planeCount - 1} is beyond what OME-XML can record`,
        'placement.ifd',
      );
    }
    const link = plan.experimenter;
    if (link !== undefined && 'index' in link && link.index >= this.#experimenters.length) {
      throw new OmeError(
        'INVALID_OPTION',
        `${link.path}=${link.index} refers to a missing experimenter: the document has ${this.#experimenters.length}`,
        link.path,
      );
    }
    // Raw XML is re-checked because a plan is plain data that may be assembled by hand.
    const linked = link !== undefined && 'experimenters' in link ? link.experimenters : [];
    for (const spec of [
      plan.annotations,
      plan.dataset?.annotations ?? [],
      ...linked.map((e) => e.annotations),
    ].flat()) {
      if (spec.kind === 'XMLAnnotation') checkXmlFragment(String(spec.value), 'XMLAnnotation');
    }

    const imageId = `Image:${plan.index}`;
    const annotationIds: string[] = [];
    if (plan.modulo.length > 0) annotationIds.push(this.#add(moduloAnnotation(plan)));
    if (plan.dataset) {
      this.#datasets.push({
        id: `Dataset:${this.#datasets.length}`,
        spec: plan.dataset,
        annotationIds: this.#annotate(plan.dataset.annotations),
        imageIds: [imageId],
      });
    } else if (plan.dataset === undefined) {
      this.#datasets.at(-1)?.imageIds.push(imageId);
    }
    annotationIds.push(...this.#annotate(plan.annotations));
    let experimenterId: string | undefined;
    if (link !== undefined) {
      if ('index' in link) experimenterId = this.#experimenters[link.index]?.id;
      else experimenterId = link.experimenters.map((spec) => this.#addExperimenter(spec))[0];
    }
    this.#images.push({ plan, ifd, annotationIds, experimenterId });
    this.#nextIfd = ifd + planeCount;
    this.#report(plan.warnings);
  }

  /**
   * The document as it reads with one more image, without adding it: the text of a file whose last
   * series is still growing, kept current after every write. Throws as `addImage` would.
   */
  preview(plan: OmeImagePlan, placement: OmeImagePlacement): string {
    // addImage only appends: remember the lengths and cut back to them afterwards.
    const annotations = this.#annotations.length;
    const datasets = this.#datasets.length;
    const experimenters = this.#experimenters.length;
    const images = this.#images.length;
    const lastDataset = this.#datasets.at(-1);
    const lastDatasetImages = lastDataset?.imageIds.length ?? 0;
    const nextIfd = this.#nextIfd;
    this.#muted = true;
    try {
      this.addImage(plan, placement);
      return this.toString();
    } finally {
      this.#muted = false;
      this.#annotations.length = annotations;
      this.#datasets.length = datasets;
      this.#experimenters.length = experimenters;
      this.#images.length = images;
      if (lastDataset) lastDataset.imageIds.length = lastDatasetImages;
      this.#nextIfd = nextIfd;
    }
  }

  /** The whole document as one line of text, with the XML declaration; UTF-8 when encoded. */
  toString(): string {
    const soleProject = this.#projects.length === 1;
    const refs = (name: string, ids: readonly string[]): XmlElement[] => ids.map((id) => element(name, [['ID', id]]));
    const root = element(
      'OME',
      [
        ['xmlns', OME_NAMESPACE],
        ['xmlns:xsi', XSI_NAMESPACE],
        ['xsi:schemaLocation', `${OME_NAMESPACE} ${OME_NAMESPACE}/ome.xsd`],
        ['UUID', this.uuid],
        ['Creator', this.creator],
      ],
      [
        ...this.#projects.map((project) =>
          element(
            'Project',
            [
              ['ID', project.id],
              ['Name', project.spec.name],
            ],
            [
              textElement('Description', project.spec.description),
              // A sole Project holds every Dataset; with several, which goes where is not known.
              ...refs('DatasetRef', soleProject ? this.#datasets.map((d) => d.id) : []),
              ...refs('AnnotationRef', project.annotationIds),
            ],
          ),
        ),
        ...this.#datasets.map((dataset) =>
          element(
            'Dataset',
            [
              ['ID', dataset.id],
              ['Name', dataset.spec.name],
            ],
            [
              textElement('Description', dataset.spec.description),
              ...refs('ImageRef', dataset.imageIds),
              ...refs('AnnotationRef', dataset.annotationIds),
            ],
          ),
        ),
        ...this.#experimenters.map((person) =>
          element(
            'Experimenter',
            [['ID', person.id], ...person.spec.attributes],
            refs('AnnotationRef', person.annotationIds),
          ),
        ),
        ...this.#images.map((image) => imageElement(image, refs)),
        this.#annotations.length === 0
          ? undefined
          : element(
              'StructuredAnnotations',
              [],
              this.#annotations.map((a) => a.element),
            ),
      ],
    );
    return `<?xml version="1.0" encoding="UTF-8"?>${serializeXml(root)}`;
  }

  #add(build: (id: string) => XmlElement): string {
    const id = `Annotation:${this.#annotations.length}`;
    this.#annotations.push({ id, element: build(id) });
    return id;
  }

  #annotate(specs: readonly OmeAnnotationSpec[]): string[] {
    return specs.map((spec) => this.#add((id) => annotationElement(id, spec)));
  }

  /** Returns the ID of an equal experimenter already in the document, or adds this one. */
  #addExperimenter(spec: OmeExperimenterSpec): string {
    const key = JSON.stringify(spec);
    const known = this.#experimenters.find((e) => e.key === key);
    if (known !== undefined) return known.id;
    const id = `Experimenter:${this.#experimenters.length}`;
    this.#experimenters.push({ id, spec, key, annotationIds: this.#annotate(spec.annotations) });
    return id;
  }

  #report(warnings: readonly OmeWarning[]): void {
    for (const { code, message } of warnings) {
      if (this.#muted || this.#warned.has(message)) continue;
      this.#warned.add(message);
      this.#warn(code, message);
    }
  }
}

/** `console` is typed through globalThis: this package builds without DOM or Node type definitions. */
function defaultWarn(code: string, message: string): void {
  (globalThis as { console?: { warn(text: string): void } }).console?.warn(`tiffkit (${code}): ${message}`);
}
