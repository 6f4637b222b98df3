import { describeValue, invalidOption, TiffError } from '@tiffkit/tiff-core/errors.js';
import { FieldType, fieldTypeSize, isFieldType } from '@tiffkit/tiff-core/field-types.js';
import type { TiffFormat } from '@tiffkit/tiff-core/format.js';
import { encodeIfd, type IfdEntry, type TagValue } from '@tiffkit/tiff-core/ifd-encode.js';
import { TagCode, tagByName } from '@tiffkit/tiff-core/tags.js';
import type { ExtraTag } from '../options.js';
import { asciiValue, nulTerminated } from './tag-values.js';

/** Tags the writer owns: extra tags given by code are not written over them (tifffile's filter). */
const OWNED_TAGS: ReadonlySet<number> = new Set(
  (
    [
      'ImageWidth',
      'ImageLength',
      'BitsPerSample',
      'Compression',
      'PhotometricInterpretation',
      'FillOrder',
      'StripOffsets',
      'SamplesPerPixel',
      'RowsPerStrip',
      'StripByteCounts',
      'PlanarConfiguration',
      'Predictor',
      'TileWidth',
      'TileLength',
      'TileOffsets',
      'TileByteCounts',
      'SubIFDs',
      'ExtraSamples',
      'SampleFormat',
      'GlobalParametersIFD',
      'ImageDepth',
      'TileDepth',
      'ExifIFD',
      'GPSIFD',
      'InteroperabilityIFD',
    ] as const
  ).map((name) => TagCode[name]),
);

/** Python struct codes tifffile accepts for extra tag types. */
const STRUCT_CODES: Record<string, FieldType> = {
  B: FieldType.BYTE,
  s: FieldType.ASCII,
  H: FieldType.SHORT,
  I: FieldType.LONG,
  '2I': FieldType.RATIONAL,
  b: FieldType.SBYTE,
  h: FieldType.SSHORT,
  i: FieldType.SLONG,
  '2i': FieldType.SRATIONAL,
  f: FieldType.FLOAT,
  d: FieldType.DOUBLE,
  Q: FieldType.LONG8,
  q: FieldType.SLONG8,
};

export interface ParsedExtraTag {
  readonly entry: IfdEntry;
  readonly writeOnce: boolean;
  /** Given by name: bypasses the filter of writer-owned tags. */
  readonly byName: boolean;
}

function parseType(dtype: unknown, option: string): FieldType {
  if (isFieldType(dtype)) return dtype;
  if (typeof dtype === 'string') {
    const code = dtype.replace(/^[<>=!@]/, '');
    const struct = STRUCT_CODES[code];
    if (struct !== undefined) return struct;
    const named = (FieldType as Record<string, FieldType>)[dtype.toUpperCase()];
    if (named !== undefined) return named;
  }
  throw invalidOption(
    option,
    dtype,
    "a TIFF field type code (1-13, 16-18), a name such as 'SHORT', or a struct code such as 'H'",
  );
}

function parseOne(tag: ExtraTag, index: number, format: TiffFormat): ParsedExtraTag {
  const option = `extraTags[${index}]`;
  const [code, dtype, count, value, writeOnce] = Array.isArray(tag)
    ? (tag as readonly unknown[])
    : [
        (tag as { code: unknown }).code,
        (tag as { dtype: unknown }).dtype,
        (tag as { count?: unknown }).count,
        (tag as { value: unknown }).value,
        (tag as { writeOnce?: unknown }).writeOnce,
      ];
  let tagCode: number;
  let byName = false;
  if (typeof code === 'string') {
    const known = tagByName(code);
    if (!known) throw invalidOption(`${option}.code`, code, 'a tag code or a tag name known to tiffkit (see Tags)');
    tagCode = known.code;
    byName = true;
  } else if (Number.isInteger(code) && (code as number) > 0 && (code as number) <= 0xffff) {
    tagCode = code as number;
  } else {
    throw invalidOption(`${option}.code`, code, 'a tag code in 1..65535 or a tag name');
  }
  const type = parseType(dtype, `${option}.dtype`);
  const entry: IfdEntry = { code: tagCode, type, value: tagValue(type, count, value, option) };
  checkEncodable(entry, option, format);
  return { entry, writeOnce: writeOnce === true, byName };
}

function tagValue(type: FieldType, count: unknown, value: unknown, option: string): TagValue {
  if (type === FieldType.ASCII) {
    if (typeof value === 'string') return asciiValue(value, `${option}.value`);
    if (value instanceof Uint8Array) return { packed: nulTerminated(value) };
    throw invalidOption(`${option}.value`, value, 'a string or a Uint8Array for an ASCII tag');
  }
  const size = fieldTypeSize(type);
  if (value instanceof Uint8Array) {
    if (value.length % size !== 0) {
      throw invalidOption(`${option}.value`, value, `packed bytes whose length is a multiple of ${size}`);
    }
    return { packed: value };
  }
  if (!Number.isInteger(count) || (count as number) < 1) {
    throw invalidOption(`${option}.count`, count, 'the number of values (a positive integer)');
  }
  const n = count as number;
  const rational = type === FieldType.RATIONAL || type === FieldType.SRATIONAL;
  let values: unknown[];
  if (Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    values = Array.from(value as ArrayLike<unknown>);
  } else {
    values = [value];
  }
  if (rational && values.length === n && values.every((v) => Array.isArray(v) && v.length === 2)) {
    values = (values as unknown[][]).flat();
  }
  const expected = rational ? 2 * n : n;
  if (values.length !== expected) {
    throw new TiffError(
      'INVALID_OPTION',
      `${option}: count ${n} needs ${expected} ${rational ? 'integers (numerator, denominator pairs)' : 'values'}, got ${values.length} (${describeValue(value)})`,
      { option: 'extraTags' },
    );
  }
  const is64 = type === FieldType.LONG8 || type === FieldType.SLONG8 || type === FieldType.IFD8;
  if (!values.every((v) => typeof v === 'number' || (is64 && typeof v === 'bigint'))) {
    throw invalidOption(`${option}.value`, value, is64 ? 'numbers or bigints' : 'numbers');
  }
  return values as number[] | bigint[];
}

/**
 * Parse extra tags. Tags given by code that the writer produces itself are skipped with a warning;
 * tags given by name are always written (as tifffile does).
 */
/**
 * Encode the tag alone now, so that a value its type cannot hold (70000 as SHORT, a LONG8 in a
 * classic file) is refused while planning, before any byte is written.
 */
function checkEncodable(entry: IfdEntry, option: string, format: TiffFormat): void {
  try {
    encodeIfd([entry], 0, format);
  } catch (error) {
    if (!(error instanceof TiffError)) throw error;
    throw new TiffError('INVALID_OPTION', `${option}: ${error.message}`, { option: 'extraTags', cause: error });
  }
}

export function parseExtraTags(
  tags: readonly ExtraTag[] | undefined,
  warn: (code: string, message: string) => void,
  ownCodes: ReadonlySet<number>,
  format: TiffFormat,
): ParsedExtraTag[] {
  if (tags === undefined || tags === null) return [];
  if (!Array.isArray(tags))
    throw invalidOption('extraTags', tags, 'an array of [code, dtype, count, value, writeOnce?] tuples or objects');
  const parsed: ParsedExtraTag[] = [];
  tags.forEach((tag, i) => {
    const one = parseOne(tag, i, format);
    if (!one.byName && (OWNED_TAGS.has(one.entry.code) || ownCodes.has(one.entry.code))) {
      warn(
        'extratag-filtered',
        `not writing extra tag ${one.entry.code}: the writer sets it (give the tag by name to force it)`,
      );
      return;
    }
    parsed.push(one);
  });
  return parsed;
}
