/** The part of OpenJPEG's embind API (as @cornerstonejs/codec-openjpeg builds it) that tiffkit uses. */

/** Size and sample format of the image handed to the encoder. */
export interface OpenJpegFrameInfo {
  readonly width: number;
  readonly height: number;
  /** Stored precision of each sample (1–16); 1–8 are read from bytes, 9–16 from native 16-bit words. */
  readonly bitsPerSample: number;
  readonly componentCount: number;
  readonly isSigned: boolean;
}

/** One encoder object, to be `delete()`d (embind objects live on the WebAssembly heap). */
export interface OpenJpegEncoder {
  /** The input buffer for `frame`, a view into WebAssembly memory: fill it before any other call. */
  getDecodedBuffer(frame: OpenJpegFrameInfo): Uint8Array;
  /** Wavelet decompositions: resolution levels less one. */
  setDecompositions(decompositions: number): void;
  /** `lossless` picks the 5/3 (true) or 9/7 wavelet; one compression ratio per quality layer follows. */
  setQuality(lossless: boolean, layers: number): void;
  /** Compression ratio of a quality layer; 0 keeps every coding pass. */
  setCompressionRatio(layer: number, ratio: number): void;
  /** 0 LRCP, 1 RLCP, 2 RPCL, 3 PCRL, 4 CPRL. */
  setProgressionOrder(order: number): void;
  encode(): void;
  /** The codestream, a view into WebAssembly memory (copy it before the next call). */
  getEncodedBuffer(): Uint8Array;
  delete(): void;
}

/** One decoder object, to be `delete()`d; used to measure what a lossy codestream decodes to. */
export interface OpenJpegDecoder {
  /** The input buffer for a codestream of `length` bytes, a view into WebAssembly memory: fill it first. */
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  /** The samples, interleaved as the encoder reads them (16-bit words for 9–16 bits); valid until the next call. */
  getDecodedBuffer(): Uint8Array;
  delete(): void;
}

/** The instantiated module. */
export interface OpenJpegModule {
  readonly J2KEncoder: new () => OpenJpegEncoder;
  readonly J2KDecoder: new () => OpenJpegDecoder;
  getVersion(): string;
}
