import type { ByteOrder, DType, DTypeName, Sink, TypedArray } from '@tiffkit/tiff-core';

/** A warning that tifffile would raise as a Python `UserWarning`. */
export interface TiffWarning {
  readonly code: string;
  readonly message: string;
}

/** The kind of metadata a writer produces. */
export type WriterKind = 'shaped' | 'generic' | 'imagej' | 'ome';

/** Options of `TiffWriter.open` (and the file-level options of `imwrite`). */
export interface OpenOptions {
  /** `'w'` (create or truncate, default), `'x'` (create, fail if it exists), `'r+'` (append to an existing file). */
  mode?: 'w' | 'x' | 'r+' | 'wb' | 'xb' | 'r+b';
  /** Write a BigTIFF (64-bit offsets). Default false; `imwrite` picks it for large uncompressed data. */
  bigtiff?: boolean;
  /** `'<'` little-endian, `'>'` big-endian, `'='`/`'|'` native (default). */
  byteorder?: '<' | '>' | '=' | '|';
  /** Append new series to an existing TIFF; `'force'` also when it carries format metadata. */
  append?: boolean | 'force';
  /** The metadata format; wins over the `imagej`/`ome`/`shaped` flags. */
  kind?: WriterKind;
  imagej?: boolean;
  ome?: boolean;
  shaped?: boolean;
  /** Receives warnings; default `process.emitWarning` in Node, `console.warn` elsewhere. */
  onWarning?: (warning: TiffWarning) => void;
  /**
   * Once a `write()` has resolved, its data is part of the file for every reader, whatever happens to
   * the process afterwards (default `true`): each call's pages are linked into the IFD chain, and the
   * series' metadata (shaped JSON, ImageJ text, OME-XML) updated, before it resolves. `false` keeps
   * tifffile's deferred layout, where a growing series' later IFDs and the OME-XML are written only at
   * `close()` — byte-identical to tifffile, and a little faster for tiny frames, but a crash loses them.
   * tifffile: no equivalent (its layout is the deferred one).
   */
  crashSafe?: boolean;
  /**
   * When the file's bytes are forced to the storage device (`fdatasync`), for data that must survive a
   * power cut, not only a crash of the process: `'never'` (default: the operating system writes them
   * in its own time), `'close'`, `'write'` (every `write()` call, with a barrier between the data and
   * the pointers that link it: the file is valid after a power cut at any moment), or `{ frames, seconds }`
   * (at the end of the first `write()` after that many pages or seconds since the last sync).
   * Sinks without a `sync()` (memory, browser streams) ignore it. tifffile: no equivalent.
   */
  fsync?: FsyncPolicy;
}

/** How often the writer forces the file to the storage device: see `OpenOptions.fsync`. */
export type FsyncPolicy =
  | 'never'
  | 'close'
  | 'write'
  | { readonly frames?: number | undefined; readonly seconds?: number | undefined };

/** An N-D array: a TypedArray plus its shape, as scijs `ndarray` and zarrita chunks provide. */
export interface ArrayLike {
  readonly data: TypedArray | ArrayLikeNumbers;
  readonly shape: readonly number[];
  /** A dtype name or NumPy code; its byte order (`'>u2'`) is the byte order of the bytes in `data`. */
  readonly dtype?: DTypeName | string | DType;
  /** Element strides (C order when absent), as in ndarray. */
  readonly stride?: readonly number[];
  /** Element offset of the first element into `data`. */
  readonly offset?: number;
}

/** Plain JavaScript numbers (or bigints for 64-bit integers), converted to `dtype`. */
export type ArrayLikeNumbers = readonly number[] | readonly bigint[];

/** Data that `write` accepts. */
export type WriteData =
  | ArrayLike
  | TypedArray
  | ArrayLikeNumbers
  | Iterable<WriteItem>
  | AsyncIterable<WriteItem>
  | null
  | undefined;

/** A pre-encoded strip or tile, written verbatim; `byteCount` (default: all bytes) goes into the tag. */
export interface EncodedSegment {
  readonly encoded: Uint8Array;
  readonly byteCount?: number;
}

/** One item of an iterator: a page or a tile (`null`: zeros, or a missing tile), or an encoded segment. */
export type WriteItem = ArrayLike | TypedArray | ArrayLikeNumbers | EncodedSegment | null;

export type EnumInput = string | number;

/** A `[numerator, denominator]` pair or a number, for RATIONAL tags. */
export type RationalInput = number | readonly [number, number];

/** `(code, dtype, count, value, writeOnce)` as tifffile's extratags, or an object. */
export type ExtraTag =
  | readonly [code: number | string, dtype: number | string, count: number | null, value: unknown, writeOnce?: boolean]
  | {
      readonly code: number | string;
      readonly dtype: number | string;
      readonly count?: number | null;
      readonly value: unknown;
      readonly writeOnce?: boolean;
    };

/** Options of `write()`: tifffile's `TiffWriter.write` parameters in camelCase. */
export interface WriteOptions {
  shape?: readonly number[];
  dtype?: DTypeName | string | DType;
  photometric?: EnumInput;
  planarConfig?: EnumInput;
  extraSamples?: readonly EnumInput[] | EnumInput | false;
  volumetric?: boolean;
  tile?: readonly number[];
  rowsPerStrip?: number;
  bitsPerSample?: number;
  compression?: EnumInput | boolean | null;
  compressionArgs?: Record<string, unknown>;
  predictor?: EnumInput | boolean | null;
  subsampling?: readonly [number, number];
  jpegTables?: Uint8Array;
  iccProfile?: Uint8Array;
  colormap?: ArrayLike | TypedArray | readonly (readonly number[])[];
  description?: string | Uint8Array;
  datetime?: boolean | Date | string | null;
  resolution?: readonly [RationalInput, RationalInput];
  resolutionUnit?: EnumInput;
  subfileType?: number;
  software?: string | false;
  subIfds?: number | readonly unknown[];
  /** Shaped JSON (and later ImageJ/OME) metadata; `null` writes none. */
  metadata?: Record<string, unknown> | null;
  extraTags?: readonly ExtraTag[];
  contiguous?: boolean;
  truncate?: boolean;
  align?: number;
  maxWorkers?: number;
  bufferSize?: number;
  returnOffset?: boolean;
  /**
   * Compute and write `levels` pyramid levels as SubIFDs of every page, each halving rows and columns
   * (`downsample` 'mean' of 2×2 blocks, default, or 'nearest'), encoded like the full resolution.
   */
  pyramid?: { readonly levels: number; readonly downsample?: 'mean' | 'nearest' };
}

/** Where the first page's image data went, when stored contiguously. */
export interface WriteResult {
  readonly offset: number;
  readonly byteCount: number;
}

/** Anything `imwrite`/`TiffWriter.open` accept as the file. */
export type FileTarget = string | FileUrl | Sink | NodeFileHandleLike | WritableFileStreamLike;

/**
 * A `file:` URL: the WHATWG `URL` of Node and browsers, typed by the parts the writer reads so that
 * these declarations need neither the DOM's nor Node's types.
 */
export interface FileUrl {
  readonly href: string;
  readonly protocol: string;
  readonly pathname: string;
}

/** The parts of Node's `fs.promises.FileHandle` the writer uses. */
export interface NodeFileHandleLike {
  readonly fd: number;
  write(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  stat(): Promise<{ size: number }>;
  close(): Promise<void>;
}

/**
 * The parts of a browser `FileSystemWritableFileStream` the writer uses (typed so that the DOM's own
 * type is assignable to it: its chunks are ArrayBuffer-backed).
 */
export interface WritableFileStreamLike {
  write(
    data: { type: 'write'; position: number; data: Uint8Array<ArrayBuffer> } | { type: 'truncate'; size: number },
  ): Promise<void>;
  seek(position: number): Promise<void>;
  truncate(size: number): Promise<void>;
  close(): Promise<void>;
}

export type { ByteOrder };
