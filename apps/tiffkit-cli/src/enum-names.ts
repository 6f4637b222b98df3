import {
  Compression,
  type DecodedValue,
  ExtraSample,
  enumName,
  Photometric,
  PlanarConfig,
  Predictor,
  ResolutionUnit,
  SampleFormat,
  SubfileType,
  TagCode,
} from '@tiffkit/tiff-core';

/** Tags whose values are codes of one of tiff-core's enums. */
const ENUM_TAGS: ReadonlyMap<number, Record<string, number>> = new Map<number, Record<string, number>>([
  [TagCode.Compression, Compression],
  [TagCode.PhotometricInterpretation, Photometric],
  [TagCode.PlanarConfiguration, PlanarConfig],
  [TagCode.Predictor, Predictor],
  [TagCode.ResolutionUnit, ResolutionUnit],
  [TagCode.SampleFormat, SampleFormat],
  [TagCode.ExtraSamples, ExtraSample],
]);

/** NewSubfileType is a bit set: each set bit by name (`REDUCEDIMAGE|MASK`), `UNDEFINED` for 0. */
function subfileBits(value: number): string {
  if (value === 0) return 'UNDEFINED';
  const names = Object.entries(SubfileType)
    .filter(([, bit]) => bit !== 0 && (value & bit) === bit)
    .map(([name]) => name);
  const known = names.reduce((bits, name) => bits | (SubfileType[name as keyof typeof SubfileType] as number), 0);
  // Bits no enum member covers are shown as a number, so nothing set in the file goes unseen.
  if (value & ~known) names.push(`0x${(value & ~known).toString(16)}`);
  return names.join('|');
}

/**
 * The names of an enum tag's values, one per value (undefined where the code is unknown), or undefined
 * when the tag is not an enum tag. The numbers themselves are printed beside the names, never replaced.
 */
export function valueNames(code: number, value: DecodedValue | undefined): (string | undefined)[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const numbers = value as readonly (number | bigint)[];
  if (code === TagCode.NewSubfileType) return numbers.map((v) => subfileBits(Number(v)));
  const members = ENUM_TAGS.get(code);
  if (!members) return undefined;
  return numbers.map((v) => enumName(members, Number(v)));
}
