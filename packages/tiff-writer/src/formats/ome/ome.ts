import { PlanarConfig, TiffError } from '@tiffkit/tiff-core';
import { type OmeImagePlan, type OmeImageRequest, OmeXml, planOmeImage } from '@tiffkit/tiff-meta-ome';
import { asTiffError } from '../meta-errors.js';
import type { SeriesPlan, Warn } from '../../plan/plan-series.js';

/** The bytes of a UTF-8 string with a terminating NUL, for an ASCII tag holding OME-XML. */
function utf8z(text: string): Uint8Array {
  const encoded = new TextEncoder().encode(text);
  const bytes = new Uint8Array(encoded.length + 1);
  bytes.set(encoded);
  return bytes;
}

/** One main series' image: planned (validated) when the series is written, added when it ends. */
export interface OmeSeries {
  /** The image as the first write() call described it. */
  readonly request: OmeImageRequest;
  /** Its plan: of the first call, or re-planned as the series grew. */
  plan: OmeImagePlan;
  /** The axes of the first call's plan. */
  readonly axes: string;
  /** Index of the series' first page in the main IFD chain (set when the series is written). */
  ifd: number;
}

/**
 * The OME-XML of a file: created at the first write() from its metadata, one <Image> per main series,
 * written into the first page's ImageDescription at close.
 */
export class OmeDocument {
  private readonly document: OmeXml;

  constructor(metadata: Readonly<Record<string, unknown>>, warn: Warn, creator: string) {
    this.document = asTiffError(() => new OmeXml(metadata, { creator, onWarning: warn }));
  }

  get images(): number {
    return this.document.imageCount;
  }

  /** Validate a series as an OME image now, before any of its data is written. */
  planSeries(plan: SeriesPlan, metadata: Readonly<Record<string, unknown>>, index: number, ifd: number): OmeSeries {
    if (plan.layout.volumetric) {
      throw new TiffError(
        'INCOMPATIBLE_OPTIONS',
        'OME-TIFF does not support volumetric data (ImageDepth): write the depth as Z planes',
        {
          option: 'volumetric',
        },
      );
    }
    const request: OmeImageRequest = {
      shape: plan.shape,
      dtype: plan.dtype.name,
      samples: plan.layout.samples,
      planar: plan.layout.planarConfig === PlanarConfig.SEPARATE,
      pages: plan.stored.frames,
      metadata,
      index,
    };
    const planned = asTiffError(() => planOmeImage(request));
    return { request, plan: planned, axes: planned.axes, ifd };
  }

  /**
   * A series grows by contiguous writes: re-plan its image with `calls` call shapes along a leading
   * T axis (or T itself when the calls already start with T). Refused, before the data is written, when
   * the axes cannot say how the image grew.
   */
  grow(series: OmeSeries, calls: number, pagesPerCall: number): void {
    const { request, axes } = series;
    let shape: number[];
    let grownAxes: string;
    if (axes.startsWith('T')) {
      shape = [(request.shape[0] as number) * calls, ...request.shape.slice(1)];
      grownAxes = axes;
    } else if (!axes.includes('T')) {
      shape = [calls, ...request.shape];
      grownAxes = `T${axes}`;
    } else {
      throw new TiffError(
        'INCOMPATIBLE_OPTIONS',
        `an OME-TIFF series with axes '${axes}' cannot grow by contiguous writes: T must be its first axis, or absent (each write is then one T)`,
        { option: 'contiguous' },
      );
    }
    const metadata = { ...request.metadata, axes: grownAxes };
    const grown: OmeImageRequest = { ...request, shape, metadata, pages: pagesPerCall * calls };
    series.plan = asTiffError(() => planOmeImage(grown));
  }

  /** Add a finished series' image. */
  addImage(series: OmeSeries, pages: number): void {
    asTiffError(() => this.document.addImage(series.plan, { ifd: series.ifd, planeCount: pages }));
  }

  /** The document as ImageDescription bytes (UTF-8, NUL-terminated). */
  bytes(): Uint8Array {
    return utf8z(this.document.toString());
  }
}

/** Whether a file name asks for OME-TIFF: `.ome.` in its extension (`cells.ome.tif`). */
export function isOmeFileName(name: string | undefined): boolean {
  if (!name) return false;
  const base = name.split(/[\\/]/).pop() ?? '';
  return base.toLowerCase().includes('.ome.');
}
