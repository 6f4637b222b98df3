import { readFileSync } from 'node:fs';
import type { WriterKind } from '@tiffkit/tiff-writer';
import type { DownsampleMethod } from './downsample.js';
import { usageError } from './errors.js';
import { parseByteSize } from './sizes.js';

/** `tiffkit convert`'s options, validated. */
export interface ConvertOptions {
  readonly inputs: readonly string[];
  readonly output: string;
  /** Raw binary input: shape, dtype, byte offset, memory order. */
  readonly raw?: { shape: number[]; dtype: string; offset: number; order: 'C' | 'F' };
  /** Convert only this series of a TIFF input. */
  readonly series?: number;
  /** Several inputs become one series along a new leading axis with this letter. */
  readonly stack?: string;
  readonly kind?: WriterKind;
  readonly axes?: string;
  readonly tile?: [number, number];
  readonly rowsPerStrip?: number;
  readonly compression?: string;
  readonly compressionArgs: Record<string, unknown>;
  readonly predictor?: boolean | string;
  readonly pyramid?: { levels: number; method: DownsampleMethod };
  readonly bigtiff: boolean;
  readonly byteorder?: '<' | '>';
  readonly photometric?: string;
  readonly resolution?: [number, number];
  readonly unit?: string;
  readonly metadata: Record<string, unknown>;
  readonly workers?: number;
  readonly append: boolean;
  readonly overwrite: boolean;
  /** Bytes the conversion may hold: bands, tiles in flight, the writer's encode buffer. */
  readonly memory: number;
  readonly quiet: boolean;
  readonly json: boolean;
}

/** The options as commander hands them over (strings, booleans, collected lists). */
export interface RawConvertOptions {
  shape?: string;
  dtype?: string;
  offset?: string;
  order?: string;
  series?: string;
  stack?: string;
  kind?: string;
  axes?: string;
  tile?: string;
  rowsPerStrip?: string;
  compression?: string;
  level?: string;
  codecArg?: string[];
  predictor?: string | boolean;
  pyramid?: string;
  bigtiff?: boolean;
  byteorder?: string;
  photometric?: string;
  resolution?: string;
  unit?: string;
  metadata?: string[];
  metadataJson?: string;
  workers?: string;
  append?: boolean;
  overwrite?: boolean;
  memory?: string;
  quiet?: boolean;
  json?: boolean;
}

function integer(text: string, option: string, min = 0): number {
  const value = Number(text);
  if (!/^\s*-?\d+\s*$/.test(text) || value < min) throw usageError(option, `'${text}' is not an integer ≥ ${min}`);
  return value;
}

function positiveNumber(text: string, option: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw usageError(option, `'${text}' is not a positive number`);
  return value;
}

function integers(text: string, option: string, min = 0): number[] {
  return text.split(/[,x×]/).map((part) => integer(part, option, min));
}

/** A `--metadata` value: JSON when it parses (numbers, lists, objects), else the text itself. */
function metadataValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `Channel.Name=["a","b"]` sets `metadata.Channel.Name`. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1] as string] = value;
}

const KINDS = ['ome', 'imagej', 'shaped', 'generic'] as const;

/** Validate commander's values into ConvertOptions; every error names its option (exit code 2). */
export function parseConvertOptions(paths: readonly string[], raw: RawConvertOptions): ConvertOptions {
  if (paths.length < 2) throw usageError('convert', 'needs INPUT... and OUTPUT');
  const inputs = paths.slice(0, -1);
  const output = paths[paths.length - 1] as string;
  if (inputs.length > 1 && !raw.stack) {
    throw usageError('--stack', `${inputs.length} inputs need --stack AXIS (e.g. --stack T) to become one series`);
  }
  if (raw.stack !== undefined && !/^[A-Z]$/i.test(raw.stack)) {
    throw usageError('--stack', `'${raw.stack}' is not one axis letter (T, Z, C, Q, …)`);
  }
  const rawInput =
    raw.shape !== undefined || raw.dtype !== undefined
      ? (() => {
          if (raw.shape === undefined || raw.dtype === undefined) {
            throw usageError(
              raw.shape === undefined ? '--shape' : '--dtype',
              'raw input needs both --shape and --dtype',
            );
          }
          const order = (raw.order ?? 'C').toUpperCase();
          if (order !== 'C' && order !== 'F') throw usageError('--order', `'${raw.order}' is not C or F`);
          return {
            shape: integers(raw.shape, '--shape', 1),
            dtype: raw.dtype,
            offset: raw.offset === undefined ? 0 : integer(raw.offset, '--offset'),
            order: order as 'C' | 'F',
          };
        })()
      : undefined;
  if (raw.kind !== undefined && !(KINDS as readonly string[]).includes(raw.kind.toLowerCase())) {
    throw usageError('--kind', `'${raw.kind}' is not one of ${KINDS.join(', ')}`);
  }
  let tile: [number, number] | undefined;
  if (raw.tile !== undefined) {
    const parts = integers(raw.tile, '--tile', 16);
    if (parts.length > 2 || parts.some((n) => n % 16 !== 0)) {
      throw usageError('--tile', `'${raw.tile}' must be LENGTH,WIDTH (or one size for both), multiples of 16`);
    }
    tile = [parts[0] as number, (parts[1] ?? parts[0]) as number];
  }
  if (tile && raw.rowsPerStrip !== undefined) {
    throw usageError('--rows-per-strip', 'cannot be combined with --tile');
  }
  const compressionArgs: Record<string, unknown> = {};
  if (raw.level !== undefined) compressionArgs['level'] = integer(raw.level, '--level');
  for (const pair of raw.codecArg ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw usageError('--codec-arg', `'${pair}' is not KEY=VALUE`);
    compressionArgs[pair.slice(0, at)] = metadataValue(pair.slice(at + 1));
  }
  let pyramid: ConvertOptions['pyramid'];
  if (raw.pyramid !== undefined) {
    const [levels, method = 'mean'] = raw.pyramid.split(':');
    if (method !== 'mean' && method !== 'nearest') {
      throw usageError('--pyramid', `'${raw.pyramid}': the method after ':' is mean or nearest`);
    }
    pyramid = { levels: integer(levels ?? '', '--pyramid', 1), method };
  }
  let byteorder: '<' | '>' | undefined;
  if (raw.byteorder !== undefined) {
    const spelled = { '<': '<', '>': '>', little: '<', big: '>', le: '<', be: '>', ii: '<', mm: '>' } as const;
    byteorder = spelled[raw.byteorder.toLowerCase() as keyof typeof spelled];
    if (!byteorder) throw usageError('--byteorder', `'${raw.byteorder}' is not < (little) or > (big)`);
  }
  let resolution: [number, number] | undefined;
  if (raw.resolution !== undefined) {
    const parts = raw.resolution.split(',').map((p) => positiveNumber(p, '--resolution'));
    if (parts.length > 2) throw usageError('--resolution', `'${raw.resolution}' is X or X,Y (pixels per unit)`);
    resolution = [parts[0] as number, (parts[1] ?? parts[0]) as number];
  }
  const metadata: Record<string, unknown> = {};
  if (raw.metadataJson !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(raw.metadataJson, 'utf8'));
    } catch (error) {
      throw usageError('--metadata-json', `${raw.metadataJson}: ${error instanceof Error ? error.message : error}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw usageError('--metadata-json', `${raw.metadataJson}: must hold a JSON object`);
    }
    Object.assign(metadata, parsed);
  }
  for (const pair of raw.metadata ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw usageError('--metadata', `'${pair}' is not KEY=VALUE`);
    setPath(metadata, pair.slice(0, at), metadataValue(pair.slice(at + 1)));
  }
  if (raw.append && raw.overwrite) throw usageError('--append', 'cannot be combined with --overwrite');
  return {
    inputs,
    output,
    ...(rawInput ? { raw: rawInput } : {}),
    ...(raw.series !== undefined ? { series: integer(raw.series, '--series') } : {}),
    ...(raw.stack !== undefined ? { stack: raw.stack.toUpperCase() } : {}),
    ...(raw.kind !== undefined ? { kind: raw.kind.toLowerCase() as WriterKind } : {}),
    ...(raw.axes !== undefined ? { axes: raw.axes.toUpperCase() } : {}),
    ...(tile ? { tile } : {}),
    ...(raw.rowsPerStrip !== undefined ? { rowsPerStrip: integer(raw.rowsPerStrip, '--rows-per-strip', 1) } : {}),
    ...(raw.compression !== undefined ? { compression: raw.compression } : {}),
    compressionArgs,
    ...(raw.predictor !== undefined ? { predictor: raw.predictor } : {}),
    ...(pyramid ? { pyramid } : {}),
    bigtiff: raw.bigtiff === true,
    ...(byteorder ? { byteorder } : {}),
    ...(raw.photometric !== undefined ? { photometric: raw.photometric } : {}),
    ...(resolution ? { resolution } : {}),
    ...(raw.unit !== undefined ? { unit: raw.unit } : {}),
    metadata,
    ...(raw.workers !== undefined ? { workers: integer(raw.workers, '--workers', 1) } : {}),
    append: raw.append === true,
    overwrite: raw.overwrite === true,
    memory: raw.memory === undefined ? 512 * 2 ** 20 : parseByteSize(raw.memory, '--memory'),
    quiet: raw.quiet === true,
    json: raw.json === true,
  };
}
