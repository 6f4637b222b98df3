import { PlanarConfig } from '@tiffkit/tiff-core/enums.js';
import { TiffError } from '@tiffkit/tiff-core/errors.js';
import { type OmeImagePlan, type OmeImageRequest, planOmeImage } from '@tiffkit/tiff-meta-ome';
import type { SeriesPlan } from '../../plan/series-plan.js';
import { asTiffError } from '../meta-errors.js';

/** The bytes of a UTF-8 string with a terminating NUL, for an ASCII tag holding OME-XML. */
export function utf8z(text: string): Uint8Array {
  const encoded = new TextEncoder().encode(text);
  const bytes = new Uint8Array(encoded.length + 1);
  bytes.set(encoded);
  return bytes;
}

/** A main series' OME image: the request of its first write() call and its validated plan. */
export interface OmeImage {
  readonly request: OmeImageRequest;
  readonly plan: OmeImagePlan;
}

/** Validate a series as an OME image, before any of its data is written. */
export function planImage(plan: SeriesPlan, metadata: Readonly<Record<string, unknown>>, index: number): OmeImage {
  if (plan.layout.volumetric) {
    throw new TiffError(
      'INCOMPATIBLE_OPTIONS',
      'OME-TIFF does not support volumetric data (ImageDepth): write the depth as Z planes',
      { option: 'volumetric' },
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
  return { request, plan: asTiffError(() => planOmeImage(request)) };
}

/**
 * The image of a series grown to `calls` contiguous calls: the call shapes along a leading T axis (or
 * along T itself when the calls already start with T). Refused when the axes cannot say how it grew.
 */
export function grownImage(image: OmeImage, calls: number, pagesPerCall: number): OmeImagePlan {
  const { request } = image;
  const { axes } = image.plan;
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
  return asTiffError(() => planOmeImage({ ...request, shape, metadata, pages: pagesPerCall * calls }));
}
