import { forwardDctQuantize, quantReciprocals } from './dct.js';
import { EntropyWriter, MAX_BLOCK_BYTES } from './entropy.js';
import { type HuffmanCodes, huffmanCodes } from './huffman.js';
import { buildStreamHeader, EOI, type FrameComponent, type StreamHeader } from './markers.js';
import { checkDimensions, type JpegConfig, type JpegEncodeOptions, resolveJpegOptions } from './options.js';
import { fillPlanes, fillYcbcr } from './sampling.js';
import { CHROMA_AC, CHROMA_DC, CHROMA_QUANT, LUMA_AC, LUMA_DC, LUMA_QUANT, scaleQuantTable } from './tables.js';

/** A frame component with what encoding it needs; a class, so every instance has one stable shape. */
class ComponentState {
  /** Level-shifted samples of the current MCU row; grown on demand, reused across images. */
  band = new Float32Array(1024);

  constructor(
    readonly h: number,
    readonly v: number,
    readonly reciprocals: Float64Array,
    readonly dc: HuffmanCodes,
    readonly ac: HuffmanCodes,
  ) {}
}

const LUMA_CODES = { dc: huffmanCodes(LUMA_DC), ac: huffmanCodes(LUMA_AC) };
const CHROMA_CODES = { dc: huffmanCodes(CHROMA_DC), ac: huffmanCodes(CHROMA_AC) };

/**
 * A baseline JPEG encoder for one configuration (components, quality, colour space, subsampling).
 * Tables, marker segments and scratch buffers are built once and reused for every image, which is what
 * makes encoding thousands of small TIFF tiles cheap. `encode` is synchronous and returns a fresh
 * buffer, so one instance serves every tile of a thread (worker) in turn.
 */
export class JpegEncoder {
  readonly config: JpegConfig;
  private readonly header: StreamHeader;
  private readonly frame: readonly ComponentState[];
  private readonly writer = new EntropyWriter();
  private readonly workspace = new Float64Array(64);
  private readonly block = new Int32Array(64);
  private readonly predictors = new Int32Array(3);

  constructor(options: Omit<JpegEncodeOptions, 'width' | 'height'>) {
    const config = resolveJpegOptions(options);
    this.config = config;
    const luma = scaleQuantTable(LUMA_QUANT, config.quality);
    const quantTables = [luma];
    let components: FrameComponent[];
    if (config.colorspace === 'gray') {
      components = [{ id: 1, h: 1, v: 1, quantTable: 0, dcTable: 0, acTable: 0 }];
    } else if (config.colorspace === 'rgb') {
      // R, G and B all carry full detail: they share the luminance tables, as libjpeg does for RGB.
      components = [1, 2, 3].map((id) => ({ id, h: 1, v: 1, quantTable: 0, dcTable: 0, acTable: 0 }));
    } else {
      quantTables.push(scaleQuantTable(CHROMA_QUANT, config.quality));
      const [h, v] = config.subsampling;
      components = [
        { id: 1, h, v, quantTable: 0, dcTable: 0, acTable: 0 },
        { id: 2, h: 1, v: 1, quantTable: 1, dcTable: 1, acTable: 1 },
        { id: 3, h: 1, v: 1, quantTable: 1, dcTable: 1, acTable: 1 },
      ];
    }
    const huffman: { tableClass: 0 | 1; id: number; spec: typeof LUMA_DC }[] = [
      { tableClass: 0, id: 0, spec: LUMA_DC },
      { tableClass: 1, id: 0, spec: LUMA_AC },
    ];
    if (config.colorspace === 'ycbcr') {
      huffman.push({ tableClass: 0, id: 1, spec: CHROMA_DC }, { tableClass: 1, id: 1, spec: CHROMA_AC });
    }
    this.header = buildStreamHeader(components, quantTables, huffman, config.colorspace === 'rgb' ? 0 : undefined);
    const reciprocals = quantTables.map(quantReciprocals);
    this.frame = components.map((c) => {
      const codes = c.dcTable === 0 ? LUMA_CODES : CHROMA_CODES;
      return new ComponentState(c.h, c.v, reciprocals[c.quantTable] as Float64Array, codes.dc, codes.ac);
    });
  }

  /** Encode `width × height` pixels (interleaved samples) into a complete JPEG interchange stream. */
  encode(pixels: Uint8Array, width: number, height: number): Uint8Array {
    const { components, colorspace, subsampling } = this.config;
    checkDimensions(pixels, width, height, components);
    const [hMax, vMax] = subsampling;
    const mcuWidth = 8 * hMax;
    const mcuHeight = 8 * vMax;
    const mcusX = Math.ceil(width / mcuWidth);
    const mcusY = Math.ceil(height / mcuHeight);
    const paddedWidth = mcusX * mcuWidth;
    const frame = this.frame;
    for (const c of frame) {
      const size = ((paddedWidth * c.h) / hMax) * 8 * c.v;
      if (c.band.length < size) c.band = new Float32Array(size);
    }

    const writer = this.writer;
    writer.reset();
    const { bytes: head, sizeOffset } = this.header;
    // Room for a typical stream (about 2 bits per sample, at most 16 MiB) up front; more by doubling.
    writer.ensure(head.length + Math.min(Math.ceil((width * height * components) / 4), 1 << 24));
    writer.writeBytes(head);
    const out = writer.bytes;
    out[sizeOffset] = height >> 8;
    out[sizeOffset + 1] = height & 0xff;
    out[sizeOffset + 2] = width >> 8;
    out[sizeOffset + 3] = width & 0xff;

    let blocksPerMcu = 0;
    for (const c of frame) blocksPerMcu += c.h * c.v;
    const mcuBytes = blocksPerMcu * MAX_BLOCK_BYTES;
    const predictors = this.predictors;
    predictors.fill(0);
    const ws = this.workspace;
    const block = this.block;
    const count = frame.length;
    const b0 = (frame[0] as ComponentState).band;
    const b1 = (frame[Math.min(1, count - 1)] as ComponentState).band;
    const b2 = (frame[count - 1] as ComponentState).band;
    const hShift = 31 - Math.clz32(hMax);
    for (let my = 0; my < mcusY; my++) {
      const y0 = my * mcuHeight;
      if (colorspace === 'ycbcr') {
        fillYcbcr(pixels, width, height, hShift, vMax, y0, b0, b1, b2, paddedWidth);
      } else {
        fillPlanes(pixels, width, height, components, y0, b0, b1, b2, paddedWidth);
      }
      for (let mx = 0; mx < mcusX; mx++) {
        writer.ensure(mcuBytes);
        for (let i = 0; i < count; i++) {
          const c = frame[i] as ComponentState;
          const stride = ((paddedWidth * c.h) / hMax) | 0;
          for (let by = 0; by < c.v; by++) {
            for (let bx = 0; bx < c.h; bx++) {
              const offset = by * 8 * stride + (mx * c.h + bx) * 8;
              const last = forwardDctQuantize(c.band, offset, stride, ws, c.reciprocals, block);
              predictors[i] = writer.encodeBlock(block, last, predictors[i] as number, c.dc, c.ac);
            }
          }
        }
      }
    }
    writer.flushBits();
    writer.writeBytes(Uint8Array.of(0xff, EOI));
    // A copy, so the caller may keep or transfer it while this encoder goes on with the next tile.
    return writer.bytes.slice(0, writer.pos);
  }
}

/** Encode one image with a throw-away encoder; prefer a shared `JpegEncoder` for many tiles. */
export function encodeJpeg(pixels: Uint8Array, options: JpegEncodeOptions): Uint8Array {
  return new JpegEncoder(options).encode(pixels, options.width, options.height);
}
