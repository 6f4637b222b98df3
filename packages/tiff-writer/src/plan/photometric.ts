import { enumName, Photometric, PlanarConfig, PlanarConfigAliases, parseEnum } from '@tiffkit/tiff-core/enums.js';
import type { EnumInput } from '../options.js';

/** Number of colour samples a photometric interpretation needs. */
export function photometricSamples(photometric: Photometric): number {
  switch (photometric) {
    case Photometric.RGB:
    case Photometric.YCBCR:
    case Photometric.CIELAB:
    case Photometric.ICCLAB:
    case Photometric.ITULAB:
    case Photometric.LOGLUV:
      return 3;
    case Photometric.SEPARATED:
      return 4;
    default:
      return 1;
  }
}

export function photometricLabel(photometric: number): string {
  return `'${(enumName(Photometric, photometric) ?? String(photometric)).toLowerCase()}'`;
}

export function parsePhotometric(value: EnumInput | undefined): Photometric | undefined {
  return value === undefined || value === null ? undefined : parseEnum(Photometric, value, 'photometric');
}

export function parsePlanarConfig(value: EnumInput | undefined): PlanarConfig | undefined {
  return value === undefined || value === null
    ? undefined
    : parseEnum(PlanarConfig, value, 'planarConfig', PlanarConfigAliases);
}
