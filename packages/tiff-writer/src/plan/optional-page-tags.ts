import { parseEnum, ResolutionUnit, ResolutionUnitAliases } from '@tiffkit/tiff-core/enums.js';
import { invalidOption } from '@tiffkit/tiff-core/errors.js';
import { FieldType } from '@tiffkit/tiff-core/field-types.js';
import type { IfdEntry } from '@tiffkit/tiff-core/ifd-encode.js';
import { TagCode } from '@tiffkit/tiff-core/tags.js';
import type { EnumInput, WriteOptions } from '../options.js';
import { asciiValue } from './tag-values.js';

/**
 * Page tags few series have, loaded by `planTags` for those (page-tags.ts `needsOptionalTags`): a plain
 * write has none of them.
 */

/** ReferenceBlackWhite of 8-bit YCbCr over the full range (JPEG's), as numerator, denominator pairs. */
export const FULL_RANGE_REFERENCE_BLACK_WHITE: readonly number[] = [0, 1, 255, 1, 128, 1, 255, 1, 128, 1, 255, 1];

/** NewSubfileType, from the `subfileType` option. */
export function subfileTypeEntry(subfileType: number): IfdEntry {
  if (!Number.isInteger(subfileType) || subfileType < 0 || subfileType > 0xffff_ffff) {
    throw invalidOption('subfileType', subfileType, 'a NewSubfileType bit mask (0..2**32-1)');
  }
  return { code: TagCode.NewSubfileType, type: FieldType.LONG, value: [subfileType] };
}

/** JPEGTables and the ICC profile, written verbatim. */
export function byteTags(options: WriteOptions): IfdEntry[] {
  const bytes = (value: unknown, option: string): IfdEntry['value'] => {
    if (!(value instanceof Uint8Array)) throw invalidOption(option, value, 'a Uint8Array');
    return { packed: value };
  };
  const tags: IfdEntry[] = [];
  if (options.jpegTables !== undefined && options.jpegTables !== null) {
    tags.push({ code: TagCode.JPEGTables, type: FieldType.UNDEFINED, value: bytes(options.jpegTables, 'jpegTables') });
  }
  if (options.iccProfile !== undefined && options.iccProfile !== null) {
    const value = bytes(options.iccProfile, 'iccProfile');
    tags.push({ code: TagCode.InterColorProfile, type: FieldType.UNDEFINED, value });
  }
  return tags;
}

/** YCbCr without JPEG: samples are not subsampled, and the reference range is the full 8-bit one. */
export function ycbcrTags(): IfdEntry[] {
  return [
    { code: TagCode.YCbCrSubSampling, type: FieldType.SHORT, value: [1, 1] },
    { code: TagCode.ReferenceBlackWhite, type: FieldType.RATIONAL, value: FULL_RANGE_REFERENCE_BLACK_WHITE },
  ];
}

/** DateTime tag text, `YYYY:MM:DD HH:MM:SS`, from `true` (now), a Date or a 19-character string. */
export function datetimeValue(value: boolean | Date | string | null | undefined): string | undefined {
  if (value === undefined || value === null || value === false) return undefined;
  const date = value === true ? new Date() : value;
  if (date instanceof Date) {
    if (Number.isNaN(date.getTime())) throw invalidOption('datetime', value, 'a valid Date');
    const p = (n: number, w = 2) => String(n).padStart(w, '0');
    return (
      `${p(date.getFullYear(), 4)}:${p(date.getMonth() + 1)}:${p(date.getDate())} ` +
      `${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}`
    );
  }
  if (typeof date === 'string' && date.length === 19 && date[16] === ':') return asciiValue(date, 'datetime');
  throw invalidOption('datetime', value, "true, a Date, or a 'YYYY:MM:DD HH:MM:SS' string");
}

/** ResolutionUnit: as given, else INCH when `inchByDefault` (a resolution is given), NONE otherwise. */
export function resolutionUnitValue(value: EnumInput | undefined, inchByDefault: boolean): number {
  if (value !== undefined && value !== null) {
    return parseEnum(ResolutionUnit, value, 'resolutionUnit', ResolutionUnitAliases);
  }
  return inchByDefault ? ResolutionUnit.INCH : ResolutionUnit.NONE;
}
