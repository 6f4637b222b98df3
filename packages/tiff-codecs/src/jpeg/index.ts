/**
 * Baseline JPEG (ITU-T T.81 sequential DCT, Huffman coding, 8-bit samples) for TIFF compression 7,
 * written from the standard for tiffkit.
 *
 * Why not jpeg-js, which the design first named: its encoder takes RGBA only and always writes 4:4:4
 * YCbCr (no grayscale, no chroma subsampling, so neither tifffile's default 2×2 YCbCr nor single-channel
 * microscopy data), and rebuilds its tables on every call (~3 Mpx/s on 256×256 tiles). TIFF needs all
 * three, and a tiled file encodes thousands of small streams with one configuration, so `JpegEncoder`
 * builds its quantisation and Huffman tables and marker segments once and reuses them.
 *
 * Each call returns a complete interchange-format stream (SOI, [APP14], DQT, SOF0, DHT, SOS, entropy-coded
 * data, EOI), as TIFF "new-style" JPEG stores one per strip or tile (no JPEGTables). The Huffman tables
 * are the typical ones of Annex K; the quantisation tables are Annex K's scaled by the IJG quality rule.
 * For YCbCr the TIFF page carries Photometric 6, YCbCrSubSampling [h, v] and ReferenceBlackWhite
 * [0, 255, 128, 255, 128, 255]; for 'rgb' Photometric 2; for 'gray' Photometric 1.
 */
export { encodeJpeg, JpegEncoder } from './encoder.js';
export type { JpegColorspace, JpegConfig, JpegEncodeOptions } from './options.js';
