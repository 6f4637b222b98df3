import { CliError } from '../errors.js';
import type { PhysicalSize, SourceHints } from '../source.js';

interface NgffAxis {
  name: string;
  type?: string;
  unit?: string;
}
interface NgffTransform {
  type: string;
  scale?: number[];
}
interface NgffMultiscale {
  axes?: (NgffAxis | string)[];
  datasets: { path: string; coordinateTransformations?: NgffTransform[] }[];
  coordinateTransformations?: NgffTransform[];
}

/** The image an OME-Zarr group's attributes describe: dataset paths (largest first) and hints. */
export interface NgffImage {
  readonly datasets: string[];
  readonly hints: SourceHints;
}

function scaleOf(transforms: NgffTransform[] | undefined): number[] | undefined {
  return transforms?.find((t) => t.type === 'scale')?.scale;
}

/** NGFF `#RRGGBB`-less hex colour (`FF0000`) → OME's RGBA integer (opaque). */
function omeColor(hex: unknown): number | undefined {
  if (typeof hex !== 'string' || !/^#?[0-9a-f]{6}$/i.test(hex)) return undefined;
  return (Number.parseInt(hex.replace('#', ''), 16) * 256 + 255) >>> 0;
}

/**
 * Read NGFF 0.4 (`multiscales` in the group attributes) or 0.5 (under `ome`): axes as letters,
 * physical sizes from the first dataset's scale (times the multiscale's own), units, and the `omero`
 * channel labels and colours.
 */
export function ngffHints(attrs: Record<string, unknown>, path: string): NgffImage {
  const ome = (attrs['ome'] as Record<string, unknown> | undefined) ?? attrs;
  const multiscale = (ome['multiscales'] as NgffMultiscale[] | undefined)?.[0];
  if (!multiscale?.datasets?.length) {
    throw new CliError(`${path}: a Zarr group without NGFF multiscales; give the path of an array inside it`);
  }
  const hints: SourceHints = {};
  const axes = (multiscale.axes ?? []).map((a) => (typeof a === 'string' ? { name: a } : a));
  if (axes.length > 0) {
    hints.axes = axes
      .map((a) => (['t', 'c', 'z', 'y', 'x'].includes(a.name.toLowerCase()) ? a.name.toUpperCase() : 'Q'))
      .join('');
  }
  const scale = scaleOf(multiscale.datasets[0]?.coordinateTransformations);
  const global = scaleOf(multiscale.coordinateTransformations);
  const physical: NonNullable<SourceHints['physicalSize']> = {};
  axes.forEach((axis, i) => {
    const value = (scale?.[i] ?? 1) * (global?.[i] ?? 1);
    if (scale?.[i] === undefined && global?.[i] === undefined) return;
    const size: PhysicalSize = axis.unit ? { value, unit: axis.unit } : { value };
    const name = axis.name.toUpperCase();
    if (name === 'X' || name === 'Y' || name === 'Z') physical[name] = size;
    if (name === 'T') hints.timeIncrement = size;
  });
  if (Object.keys(physical).length > 0) hints.physicalSize = physical;
  const channels = (ome['omero'] as { channels?: { label?: string; color?: string }[] } | undefined)?.channels;
  if (channels?.length) {
    const names = channels.map((c, i) => c.label ?? `Channel ${i}`);
    hints.channelNames = names;
    const colors = channels.map((c) => omeColor(c.color));
    if (colors.every((c) => c !== undefined)) hints.channelColors = colors as number[];
  }
  return { datasets: multiscale.datasets.map((d) => d.path), hints };
}
