/**
 * Generated write() calls for the write fuzz (issue 10): dtypes, shapes with edge sizes, data in every
 * form, and every write option with valid and invalid values. Each option value is a named variant; a
 * variant that names an input the writer must refuse says so (`refuse`), so the harness can tell an
 * accepted invalid input from a refused valid one.
 */
import type { DTypeName, TypedArray } from '@tiffkit/tiff-core';
import { DTypes } from '@tiffkit/tiff-core';
import fc from 'fast-check';
import type { OpenOptions, WriteOptions } from '../../src/index.js';
import { testValues } from './data.js';

/**
 * Writer defects of issue 10 that are still open. The bounded in-suite run does not generate these
 * variants, so `pnpm test` stays green while they are open; `pnpm fuzz write` generates them all and
 * reports each as a defect. Remove an entry when its fix lands: the suite then guards the fix.
 */
export const KNOWN_WRITER_DEFECTS: readonly { readonly variant: string; readonly issue: string }[] = [];

/** What the harness needs to know about the file a write goes to. */
export interface FileContext {
  readonly kind: 'shaped' | 'ome' | 'imagej';
  readonly bigtiff: boolean;
  readonly byteorder: '<' | '>';
}

export interface WriteContext extends FileContext {
  readonly dtype: DTypeName;
  readonly shape: readonly number[];
  /** The other options of the call (refusal can depend on them). */
  readonly options: Readonly<Record<string, unknown>>;
}

interface Variant {
  readonly id: string;
  readonly value: (ctx: WriteContext) => unknown;
  /** The writer must refuse this value (in this context). */
  readonly refuse?: (ctx: WriteContext) => boolean;
  /** tifffile cannot check values exactly: lossy (JPEG) or decoded only by libtiff. */
  readonly lossy?: boolean;
  readonly viaLibtiff?: boolean;
  /** Other options this variant sets with its own. */
  readonly also?: Readonly<Record<string, unknown>>;
  /** A more precise id in some contexts (to single out a known defect). */
  readonly idFor?: (ctx: WriteContext) => string;
}

const always = () => true;
const isCompressed = (ctx: WriteContext) => {
  const c = ctx.options['compression'];
  return c !== undefined && c !== 'none' && c !== false;
};
const v = (id: string, value: unknown, extra: Partial<Omit<Variant, 'id' | 'value'>> = {}): Variant => ({
  id,
  value: () => value,
  ...extra,
});

/** Every option of write(), with valid values, edge values and invalid ones. */
export const OPTION_VARIANTS: Readonly<Record<string, readonly Variant[]>> = {
  photometric: [
    v('photometric:minisblack', 'minisblack'),
    v('photometric:rgb', 'rgb'),
    v('photometric:MINISWHITE', 'MINISWHITE'),
    v('photometric:palette', 'palette'),
    v('photometric:bogus', 'bogus', { refuse: always }),
    v('photometric:99', 99, { refuse: always }),
  ],
  planarConfig: [
    v('planarConfig:contig', 'contig'),
    v('planarConfig:separate', 'separate'),
    v('planarConfig:3', 3, { refuse: always }),
  ],
  extraSamples: [
    v('extraSamples:[1]', [1]),
    v('extraSamples:unassalpha', 'unassalpha'),
    // 3 extra samples need 6 samples in RGB: no generated shape has 6 in any dimension.
    v('extraSamples:count-mismatch', [1, 1, 1], { also: { photometric: 'rgb' }, refuse: always }),
    v('extraSamples:bogus', ['bogus'], { refuse: always }),
  ],
  volumetric: [v('volumetric:true', true)],
  tile: [
    v('tile:[16,16]', [16, 16]),
    v('tile:[16,32]', [16, 32]),
    v('tile:[16,16,16]', [16, 16, 16]),
    v('tile:[15,16]', [15, 16], { refuse: always }),
    v('tile:[0,16]', [0, 16], { refuse: always }),
    {
      id: 'tile:[2**31,16]',
      value: () => [2 ** 31, 16],
      refuse: always,
      idFor: (ctx) => (ctx.bigtiff ? 'tile:[2**31,16] (BigTIFF)' : 'tile:[2**31,16]'),
    },
  ],
  rowsPerStrip: [
    v('rowsPerStrip:1', 1),
    v('rowsPerStrip:3', 3),
    v('rowsPerStrip:1e9', 1e9),
    v('rowsPerStrip:NaN', Number.NaN, { refuse: always }),
    v('rowsPerStrip:-1', -1, { refuse: always }),
    v('rowsPerStrip:1.5', 1.5, { refuse: always }),
  ],
  bitsPerSample: [
    { id: 'bitsPerSample:natural', value: (ctx) => DTypes[ctx.dtype].bitsPerSample },
    v('bitsPerSample:0', 0, { refuse: always }),
    v('bitsPerSample:99', 99, { refuse: always }),
  ],
  compression: [
    v('compression:zlib', 'zlib'),
    v('compression:deflate', 'deflate'),
    v('compression:true', true),
    v('compression:lzw', 'lzw', { viaLibtiff: true }),
    v('compression:packbits', 'packbits'),
    v('compression:jpeg', 'jpeg', { lossy: true, viaLibtiff: true }),
    v('compression:none', 'none'),
    v('compression:packbits+predictor', 'packbits', { also: { predictor: 2 }, refuse: always }),
    v('compression:bogus', 'bogus', { refuse: always }),
    v('compression:12345', 12345, { refuse: always }),
  ],
  compressionArgs: [
    // LZW and PackBits take no arguments: a key is refused rather than ignored.
    v(
      'compressionArgs:level1',
      { level: 1 },
      { refuse: (ctx) => ['lzw', 'packbits'].includes(`${ctx.options['compression']}`) },
    ),
    v('compressionArgs:levle', { levle: 1 }, { refuse: isCompressed }),
    v('compressionArgs:[]', [], { refuse: always }),
  ],
  predictor: [
    v('predictor:true', true),
    v('predictor:2', 2),
    v('predictor:3', 3, { viaLibtiff: true }),
    v('predictor:bogus', 'bogus', { refuse: always }),
  ],
  iccProfile: [
    v(
      'iccProfile:16-bytes',
      Uint8Array.from({ length: 16 }, (_, i) => i),
    ),
  ],
  colormap: [
    {
      id: 'colormap:valid',
      value: (ctx) => ({
        data: testValues('uint16', 3 * 2 ** Math.min(16, DTypes[ctx.dtype].bitsPerSample), 5),
        shape: [3, 2 ** Math.min(16, DTypes[ctx.dtype].bitsPerSample)],
      }),
    },
    {
      id: 'colormap:3x3',
      value: () => ({ data: new Uint16Array(9), shape: [3, 3] }),
      // A colormap is used (so checked) for palette images; with other photometrics it is dropped.
      refuse: (ctx) =>
        ctx.options['photometric'] === 'palette' ||
        (ctx.options['photometric'] === undefined && (ctx.dtype === 'uint8' || ctx.dtype === 'uint16')),
    },
  ],
  description: [
    v('description:text', 'a description'),
    v('description:unicode', 'ünïcödé µm'),
    v('description:empty', ''),
    // OME and ImageJ files ignore `description` (with a warning): only shaped files must refuse it.
    v('description:embedded-NUL', 'before\0after', { refuse: (ctx) => ctx.kind === 'shaped' }),
  ],
  datetime: [
    v('datetime:true', true),
    v('datetime:Date', new Date(Date.UTC(2020, 0, 2, 3, 4, 5))),
    v('datetime:string', '2020:01:02 03:04:05'),
    v('datetime:bogus', 'yesterday', { refuse: always }),
  ],
  resolution: [
    v('resolution:[1,2]', [1, 2]),
    v('resolution:rationals', [
      [72, 1],
      [300, 7],
    ]),
    v('resolution:NaN', [Number.NaN, 1], { refuse: always }),
    v('resolution:negative', [-1, 1], { refuse: always }),
  ],
  resolutionUnit: [
    v('resolutionUnit:inch', 'inch'),
    v('resolutionUnit:3', 3),
    v('resolutionUnit:99', 99, { refuse: always }),
  ],
  subfileType: [v('subfileType:0', 0), v('subfileType:2', 2), v('subfileType:-1', -1, { refuse: always })],
  software: [v('software:name', 'tiffkit fuzz'), v('software:false', false)],
  subIfds: [v('subIfds:1', 1), v('subIfds:1.5', 1.5, { refuse: always })],
  metadata: [
    v('metadata:null', null),
    v('metadata:custom', { experiment: 'fuzz', index: 3 }),
    { id: 'metadata:axes', value: (ctx) => ({ axes: 'TZCYX'.slice(-ctx.shape.length) }) },
    {
      id: 'metadata:axes-wrong-length',
      value: (ctx) => ({ axes: 'QTZCYX'.slice(-(ctx.shape.length + 1)) }),
      refuse: always,
    },
  ],
  extraTags: [
    v('extraTags:short', [[65000, 'H', 1, 7]]),
    v('extraTags:ascii', [[65001, 's', null, 'text']]),
    v('extraTags:short-70000', [[65000, 'H', 1, 70000]], { refuse: always }),
    {
      id: 'extraTags:long8',
      value: () => [[65002, 16, 1, 5]],
      refuse: (ctx) => !ctx.bigtiff,
      idFor: (ctx) => (!ctx.bigtiff && isCompressed(ctx) ? 'extraTags:long8 (classic, compressed)' : 'extraTags:long8'),
    },
    v('extraTags:long8-bigint-2**65', [[65002, 16, 1, 2n ** 65n]], { refuse: always }),
  ],
  contiguous: [v('contiguous:true', true)],
  truncate: [v('truncate:true', true)],
  align: [v('align:16', 16), v('align:3', 3), v('align:-4', -4, { refuse: always })],
  maxWorkers: [v('maxWorkers:1', 1), v('maxWorkers:-1', -1, { refuse: always })],
  bufferSize: [v('bufferSize:1', 1), v('bufferSize:-5', -5, { refuse: always })],
  returnOffset: [v('returnOffset:true', true)],
  pyramid: [
    {
      id: 'pyramid:1',
      value: () => ({ levels: 1 }),
      // Refused for volumetric data (its levels read as series of their own); also refused, depending on
      // how the shape is stored, for pages too small to halve (a level 1 pixel wide staying 1 pixel wide).
      refuse: (ctx) => ctx.options['volumetric'] === true,
      idFor: (ctx) => (ctx.options['volumetric'] === true ? 'pyramid:1 (volumetric)' : 'pyramid:1'),
    },
    v('pyramid:0', { levels: 0 }),
    v('pyramid:-1', { levels: -1 }, { refuse: always }),
  ],
};

/** Every dtype the writer takes, in tiff-core's order (the generated cases depend on it). */
const DTYPES = Object.keys(DTypes) as readonly DTypeName[];

/** How the data is handed over. */
export type DataForm = 'arraylike' | 'bare' | 'numbers' | 'null' | 'longer' | 'shorter' | 'bigint-range' | 'getter';

/** Data forms the writer must refuse. */
const REFUSED_FORMS: ReadonlySet<DataForm> = new Set(['longer', 'shorter', 'bigint-range', 'getter']);
const FORM_IDS: Record<DataForm, string> = {
  arraylike: 'data:arraylike',
  bare: 'data:bare',
  numbers: 'data:numbers',
  null: 'data:null',
  longer: 'data:longer-than-shape',
  shorter: 'data:shorter-than-shape',
  'bigint-range': 'data:bigint-out-of-range',
  getter: 'data:throwing-getter',
};

export interface WriteSpec {
  readonly dtype: DTypeName;
  readonly shape: readonly number[];
  readonly form: DataForm;
  readonly options: readonly (readonly [string, number])[];
  readonly seed: number;
}

export interface FileSpec {
  readonly open: FileContext;
  readonly writes: readonly WriteSpec[];
}

function known(id: string, includeKnown: boolean): boolean {
  return !includeKnown && KNOWN_WRITER_DEFECTS.some((d) => d.variant === id);
}

const EDGE_SIZES = [1, 2, 3, 4, 7, 8, 16, 17, 33];

export function writeSpec(includeKnown: boolean): fc.Arbitrary<WriteSpec> {
  const names = Object.keys(OPTION_VARIANTS);
  const option = fc
    .constantFrom(...names)
    .chain((name) => fc.tuple(fc.constant(name), fc.integer({ min: 0, max: (OPTION_VARIANTS[name]?.length ?? 1) - 1 })))
    .filter(([name, i]) => !known(OPTION_VARIANTS[name]?.[i]?.id ?? '', includeKnown));
  const forms = (Object.keys(FORM_IDS) as DataForm[]).filter((f) => !known(FORM_IDS[f], includeKnown));
  return fc
    .record({
      dtype: fc.constantFrom(...DTYPES),
      shape: fc
        .array(
          fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...EDGE_SIZES) }, { weight: 1, arbitrary: fc.constant(0) }),
          {
            minLength: 2,
            maxLength: 4,
          },
        )
        .filter((shape) => shape.reduce((a, b) => a * b, 1) <= 8192),
      form: fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom<DataForm>('arraylike', 'bare', 'numbers', 'null') },
        { weight: 1, arbitrary: fc.constantFrom(...forms) },
      ),
      options: fc.uniqueArray(option, { maxLength: 4, selector: ([name]) => name }),
      seed: fc.integer({ min: 1, max: 1_000_000 }),
    })
    .filter((spec) => !(spec.dtype === 'bool' && spec.shape.includes(0) && known('data:zero-size-bool', includeKnown)));
}

export function fileSpec(includeKnown: boolean): fc.Arbitrary<FileSpec> {
  return fc.record({
    open: fc.record({
      kind: fc.constantFrom<FileContext['kind']>('shaped', 'shaped', 'ome', 'imagej'),
      bigtiff: fc.boolean(),
      byteorder: fc.constantFrom<'<' | '>'>('<', '>'),
    }),
    writes: fc.array(writeSpec(includeKnown), { minLength: 1, maxLength: 3 }),
  });
}

export function openOptions(open: FileContext): OpenOptions {
  return { bigtiff: open.bigtiff, byteorder: open.byteorder, kind: open.kind };
}

/** A write, ready to call, with what the harness expects of it. */
export interface MaterialWrite {
  readonly data: unknown;
  readonly options: WriteOptions;
  /** The values the file must hold if the write succeeds (undefined: cannot be known). */
  readonly values: TypedArray | undefined;
  readonly dtype: DTypeName;
  readonly shape: readonly number[];
  /** Variant ids (options and data form) that the writer must refuse. */
  readonly mustRefuse: readonly string[];
  readonly ids: readonly string[];
  readonly lossy: boolean;
  readonly viaLibtiff: boolean;
}

export function materialize(spec: WriteSpec, file: FileContext, includeKnown = true): MaterialWrite {
  const options: Record<string, unknown> = {};
  const ctx: WriteContext = { ...file, dtype: spec.dtype, shape: spec.shape, options };
  const info = DTypes[spec.dtype];
  const count = spec.shape.reduce((a, b) => a * b, 1);
  const values = testValues(spec.dtype, count, spec.seed);
  const mustRefuse: string[] = [];
  const ids: string[] = [FORM_IDS[spec.form]];
  let lossy = false;
  let viaLibtiff = false;
  const chosen: [string, Variant][] = [];
  for (const [name, index] of spec.options) {
    const variant = OPTION_VARIANTS[name]?.[index];
    if (!variant) continue;
    Object.assign(options, variant.also, { [name]: variant.value(ctx) });
    chosen.push([name, variant]);
  }
  // Ids can depend on the other options: known defects are dropped once all are chosen.
  const kept = chosen.filter(([name, variant]) => {
    if (!known(variant.idFor?.(ctx) ?? variant.id, includeKnown)) return true;
    delete options[name];
    for (const key of Object.keys(variant.also ?? {})) delete options[key];
    return false;
  });
  for (const [, variant] of kept) {
    const id = variant.idFor?.(ctx) ?? variant.id;
    ids.push(id);
    // Zero-size data is written as an empty page (tifffile drops compression, bitsPerSample, tiles),
    // so option values that would be refused for real data need not be.
    if (variant.refuse?.(ctx) && count > 0) mustRefuse.push(id);
    lossy ||= variant.lossy === true;
    viaLibtiff ||= variant.viaLibtiff === true;
  }
  if (REFUSED_FORMS.has(spec.form)) mustRefuse.push(FORM_IDS[spec.form]);
  const shape = [...spec.shape];
  if (spec.dtype === 'bool' && count === 0) ids.push('data:zero-size-bool');
  let data: unknown;
  let expected: TypedArray | undefined = values;
  switch (spec.form) {
    case 'arraylike':
      data = { data: values, shape, dtype: spec.dtype };
      break;
    case 'bare':
      data = values;
      options['shape'] = shape;
      options['dtype'] = spec.dtype;
      break;
    case 'numbers':
      if (info.carriersPerElement === 2 || spec.dtype === 'float16' || spec.dtype === 'bool') {
        data = { data: values, shape, dtype: spec.dtype };
      } else {
        data = { data: Array.from(values as ArrayLike<number | bigint>), shape, dtype: spec.dtype };
      }
      break;
    case 'null':
      data = null;
      options['shape'] = shape;
      options['dtype'] = spec.dtype;
      expected = new info.carrier(count * info.carriersPerElement) as TypedArray;
      break;
    case 'longer':
      data = { data: testValues(spec.dtype, count + 1, spec.seed), shape, dtype: spec.dtype };
      break;
    case 'shorter':
      data = { data: testValues(spec.dtype, Math.max(0, count - 1), spec.seed), shape, dtype: spec.dtype };
      if (count === 0) mustRefuse.pop(); // nothing shorter than empty
      break;
    case 'bigint-range': {
      const numbers: bigint[] = Array.from({ length: count }, (_, i) => BigInt(i));
      if (count > 0) numbers[0] = 2n ** 70n;
      data = { data: numbers, shape, dtype: 'uint64' };
      if (count === 0) mustRefuse.pop();
      expected = undefined;
      break;
    }
    case 'getter':
      data = {
        get data(): never {
          throw new Error('user getter failed');
        },
        shape,
        dtype: spec.dtype,
      };
      expected = undefined;
      break;
  }
  return {
    data,
    options: options as WriteOptions,
    values: expected,
    dtype: spec.form === 'bigint-range' ? 'uint64' : spec.dtype,
    shape,
    mustRefuse,
    ids,
    lossy,
    viaLibtiff,
  };
}
