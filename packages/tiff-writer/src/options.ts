import type { CompressionArgsFor, CompressionInput, EncoderWorker, WorkerUrl } from '@tiffkit/tiff-codecs';
import type {
  ByteOrder,
  DType,
  DTypeInput,
  ExtraSampleInput,
  PhotometricInput,
  PlanarConfigInput,
  PredictorInput,
  ResolutionUnitInput,
  Sink,
  TypedArray,
} from '@tiffkit/tiff-core';
import type { TiffWarningCode } from './plan/warnings.js';

/** A warning that tifffile would raise as a Python `UserWarning`; the writer goes on. */
export interface TiffWarning {
  /** Stable: branch on it (messages may be reworded between releases). */
  readonly code: TiffWarningCode;
  /** What was done instead, for people. */
  readonly message: string;
}

/**
 * The kind of metadata a writer produces: `'shaped'` (tifffile's JSON `{"shape": ...}` description),
 * `'generic'` (none), `'imagej'` (an ImageJ hyperstack) or `'ome'` (OME-TIFF).
 */
export type WriterKind = 'shaped' | 'generic' | 'imagej' | 'ome';

/** Options of `TiffWriter.open` (and the file-level options of `imwrite`). */
export interface OpenOptions {
  /** `'w'` create or truncate, `'x'` create (fail if it exists), `'r+'` append. Default: `'w'`. tifffile: mode= */
  mode?: 'w' | 'x' | 'r+' | 'wb' | 'xb' | 'r+b';
  /** Write a BigTIFF (64-bit offsets). Default: false (`imwrite`: by data size). tifffile: bigtiff= */
  bigtiff?: boolean;
  /** `'<'` little-, `'>'` big-endian, `'='`/`'|'` native. Default: native (imwrite: data's). tifffile: byteorder= */
  byteorder?: '<' | '>' | '=' | '|';
  /** Add series to an existing TIFF; `'force'` even with format metadata. Default: false. tifffile: append= */
  append?: boolean | 'force';
  /** The metadata format; wins over the flags below. Default: shaped (OME for `*.ome.*` names). tifffile: kind= */
  kind?: WriterKind;
  /** `kind: 'imagej'` when `kind` is absent. Default: false. tifffile: imagej= */
  imagej?: boolean;
  /** `kind: 'ome'` when `kind` is absent (wins over `imagej`). Default: by file name. tifffile: ome= */
  ome?: boolean;
  /** `true`: `kind: 'shaped'`, `false`: `'generic'` (when `kind` is absent). Default: shaped. tifffile: shaped= */
  shaped?: boolean;
  /** Receives warnings. Default: `process.emitWarning` (Node), `console.warn`. tifffile: Python's `warnings` */
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
  | {
      /** Sync after the first `write()` once this many pages were written since the last sync. */
      readonly frames?: number | undefined;
      /** Sync after the first `write()` once this many seconds passed since the last sync. */
      readonly seconds?: number | undefined;
    };

/** An N-D array: a TypedArray plus its shape, as scijs `ndarray` and zarrita chunks provide. */
export interface ArrayLike {
  /** The values, in C order unless `stride` says otherwise. */
  readonly data: TypedArray | ArrayLikeNumbers;
  /** The length of each axis, slowest first. */
  readonly shape: readonly number[];
  /** A dtype name or NumPy code (`'>u2'`: `data` holds big-endian bytes); any string, as other libraries type it. */
  readonly dtype?: string | DType;
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
  /** The segment's bytes, already compressed as the series' `compression` says. */
  readonly encoded: Uint8Array;
  /** The StripByteCounts/TileByteCounts value. Default: `encoded.length`. */
  readonly byteCount?: number;
}

/** One item of an iterator: a page or a tile (`null`: zeros, or a missing tile), or an encoded segment. */
export type WriteItem = ArrayLike | TypedArray | ArrayLikeNumbers | EncodedSegment | null;

/** An enum-valued option as the stages parse it (the public options are typed per enum). */
export type EnumInput = string | number;

/** A `[numerator, denominator]` pair or a number, for RATIONAL tags. */
export type RationalInput = number | readonly [number, number];

/**
 * `(code, dtype, count, value, writeOnce)` as tifffile's extratags, or an object: the tag's code or name,
 * its field type (code or name such as `'ASCII'`), the count (`null`: from the value), the value, and
 * whether it goes on the series' first page only.
 */
export type ExtraTag =
  | readonly [code: number | string, dtype: number | string, count: number | null, value: unknown, writeOnce?: boolean]
  | {
      /** The tag, by code (`305`) or name (`'Software'`). */
      readonly code: number | string;
      /** The field type, by code (`2`) or name (`'ASCII'`). */
      readonly dtype: number | string;
      /** Values in the tag. Default: counted from `value`. */
      readonly count?: number | null;
      /** The value: a number, string, array or bytes, as the field type takes. */
      readonly value: unknown;
      /** Write the tag to the series' first page only. Default: false (every page). */
      readonly writeOnce?: boolean;
    };

/**
 * Options of `write()`: tifffile's `TiffWriter.write` parameters in camelCase. `C`, inferred from
 * `compression`, types `compressionArgs` for that codec.
 */
export interface WriteOptions<C extends CompressionInput = CompressionInput> {
  /** The data's shape; needed for `null`, iterators, flat arrays. Default: the data's. tifffile: shape= */
  shape?: readonly number[];
  /** A dtype name, NumPy code (`'<u2'`) or `DTypes` entry. Default: the TypedArray's. tifffile: dtype= */
  dtype?: DTypeInput;
  /** How samples map to colour (`'minisblack'`, `'rgb'`, …). Default: by shape. tifffile: photometric= */
  photometric?: PhotometricInput;
  /** Samples of a pixel together (`'contig'`) or planes (`'separate'`). Default: by shape. tifffile: planarconfig= */
  planarConfig?: PlanarConfigInput;
  /** What extra samples hold; `false`: no tag. Default: alpha for RGB + 1. tifffile: extrasamples= */
  extraSamples?: readonly ExtraSampleInput[] | ExtraSampleInput | false;
  /** Store a depth axis in each page (ImageDepth). Default: false (true with a 3-D `tile`). tifffile: volumetric= */
  volumetric?: boolean;
  /** `[length, width]` or `[depth, length, width]`, multiples of 16. Default: strips. tifffile: tile= */
  tile?: readonly number[];
  /** Rows per strip. Default: whole planes (~256 KiB when compressed). tifffile: rowsperstrip= */
  rowsPerStrip?: number;
  /** Fewer bits than the dtype's: packed MSB first (JPEG 2000, JPEG XL: their bit depth). tifffile: bitspersample= */
  bitsPerSample?: number;
  /** The codec, by name (`'zlib'`, `'zstd'`, `'jpeg'`, …) or code. Default: none. tifffile: compression= */
  compression?: C;
  /**
   * Encoder settings for `compression` (`{ level: 9 }`), typed per codec; an unknown key or a value out
   * of range is an INVALID_OPTION error. Ignored without compression. Default: the codec's. tifffile: compressionargs=
   */
  compressionArgs?: CompressionArgsFor<C>;
  /** Differencing before compression; `true` picks one by dtype. Default: none. tifffile: predictor= */
  predictor?: PredictorInput;
  /** JPEG chroma subsampling `[1, 1]`, `[2, 1]`, `[2, 2]`, `[4, 1]`. Default: `[2, 2]`. tifffile: subsampling= */
  subsampling?: readonly [number, number];
  /** JPEGTables, for pre-encoded abbreviated JPEG segments. Default: none. tifffile: jpegtables= */
  jpegTables?: Uint8Array;
  /** An ICC profile, written to every page. Default: none. tifffile: iccprofile= */
  iccProfile?: Uint8Array;
  /** The palette: `3 × 2**bits` uint16 values (red, green, blue). Default: none. tifffile: colormap= */
  colormap?: ArrayLike | TypedArray | readonly (readonly number[])[];
  /** ImageDescription of the first page: ASCII, or bytes as they are. Default: none. tifffile: description= */
  description?: string | Uint8Array;
  /** DateTime: `true` (now), a Date or `'YYYY:MM:DD HH:MM:SS'`. Default: none. tifffile: datetime= */
  datetime?: boolean | Date | string | null;
  /** `[x, y]` per unit: numbers or `[numerator, denominator]`. Default: `[1, 1]`. tifffile: resolution= */
  resolution?: readonly [RationalInput, RationalInput];
  /** The unit of `resolution`. Default: inch with `resolution` (not ImageJ). tifffile: resolutionunit= */
  resolutionUnit?: ResolutionUnitInput;
  /** NewSubfileType bits (`SubfileType.MASK`, …), every page. Default: no tag. tifffile: subfiletype= */
  subfileType?: number;
  /** Software of the first page; `false` or `''` omits it. Default: `'tiffkit'`. tifffile: software= */
  software?: string | false;
  /** The next `n` writes are SubIFD levels (negative: a chain). Default: none. tifffile: subifds= */
  subIfds?: number | readonly unknown[];
  /** The format's metadata (shaped, ImageJ, OME keys); `null`: none. Default: `{}`. tifffile: metadata= */
  metadata?: Record<string, unknown> | null;
  /** More tags: tifffile's extratags tuples, or objects. Default: none. tifffile: extratags= */
  extraTags?: readonly ExtraTag[];
  /** Grow the previous series with this data when they match. Default: false. tifffile: contiguous= */
  contiguous?: boolean;
  /** Write only the first IFD of the series (shaped, ImageJ). Default: false. tifffile: truncate= */
  truncate?: boolean;
  /** Byte boundary of each page's image data. Default: 16. tifffile: align= */
  align?: number;
  /** Most worker threads encoding; 1: this thread. Default: by size and cores. tifffile: maxworkers= */
  maxWorkers?: number;
  /**
   * The URL of the encoder worker's entry point (`@tiffkit/tiff-writer/worker`, bundled as its own entry)
   * as the application serves it, for bundlers that do not emit the worker themselves (esbuild, Rollup);
   * in Node, a file path or `file:` URL. Vite and webpack 5 need nothing. Workers already running in the
   * process (or page) are reused. See "Workers and bundlers" in the README. tifffile: no equivalent.
   */
  workerUrl?: string | WorkerUrl;
  /**
   * Starts one encoder worker running `@tiffkit/tiff-writer/worker`: a module Web Worker in browsers
   * (`new Worker(url, { type: 'module' })`), a `worker_threads` Worker in Node. For workers that a URL
   * cannot describe (an inline bundle, a bundler's own worker import). Not with `workerUrl`.
   * A worker that cannot start is no error: the write encodes on the calling thread, with the same
   * bytes, and warns once (`workers-unavailable`). Default: none. tifffile: no equivalent.
   */
  createWorker?: () => EncoderWorker;
  /** Most bytes of encoded segments in flight. Default: 512 MiB. tifffile: buffersize= */
  bufferSize?: number;
  /** Resolve to `{ offset, byteCount }` of contiguous image data. Default: false. tifffile: returnoffset= */
  returnOffset?: boolean;
  /**
   * Compute and write `levels` pyramid levels as SubIFDs of every page, each halving rows and columns
   * (`downsample` 'mean' of 2×2 blocks, default, or 'nearest'), encoded like the full resolution.
   * Default: none. tifffile: none (there, `subifds=` and one write per level)
   */
  pyramid?: {
    /** Levels below the full resolution, 1 to 32. */
    readonly levels: number;
    /** `'mean'` of 2×2 blocks, or `'nearest'` (for labels). Default: `'mean'`. */
    readonly downsample?: 'mean' | 'nearest';
  };
}

/** Where the first page's image data went, when stored contiguously (`returnOffset: true`). */
export interface WriteResult {
  /** File offset of the image data. */
  readonly offset: number;
  /** Bytes of image data from `offset`. */
  readonly byteCount: number;
}

/** Anything `imwrite`/`TiffWriter.open` accept as the file. */
export type FileTarget = string | FileUrl | Sink | NodeFileHandleLike | WritableFileStreamLike;

/**
 * A `file:` URL: the WHATWG `URL` of Node and browsers, typed by the parts the writer reads so that
 * these declarations need neither the DOM's nor Node's types.
 */
export interface FileUrl {
  /** The whole URL. */
  readonly href: string;
  /** `'file:'` for the URLs the writer accepts. */
  readonly protocol: string;
  /** The file's path, percent-encoded. */
  readonly pathname: string;
}

/** The parts of Node's `fs.promises.FileHandle` the writer uses. */
export interface NodeFileHandleLike {
  /** The file descriptor. */
  readonly fd: number;
  /** Write `length` bytes of `buffer` from `offset` at file position `position`. */
  write(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  /** The file's size, for appending. */
  stat(): Promise<{ size: number }>;
  /** Not called by the writer: the caller owns the handle. */
  close(): Promise<void>;
}

/**
 * The parts of a browser `FileSystemWritableFileStream` the writer uses (typed so that the DOM's own
 * type is assignable to it: its chunks are ArrayBuffer-backed).
 */
export interface WritableFileStreamLike {
  /** Write bytes at a position, or truncate. */
  write(
    data: { type: 'write'; position: number; data: Uint8Array<ArrayBuffer> } | { type: 'truncate'; size: number },
  ): Promise<void>;
  /** Move the write position. */
  seek(position: number): Promise<void>;
  /** Cut or extend the file to `size` bytes. */
  truncate(size: number): Promise<void>;
  /** Commit the file (a stream's writes land only then). */
  close(): Promise<void>;
}

export type { ByteOrder, TiffWarningCode };
