import type { HuffmanSpec } from './tables.js';
import { ZIGZAG } from './tables.js';

/** One component of a frame: identifier, sampling factors and table selectors. */
export interface FrameComponent {
  readonly id: number;
  readonly h: number;
  readonly v: number;
  readonly quantTable: number;
  readonly dcTable: number;
  readonly acTable: number;
}

export const SOI = 0xd8;
export const EOI = 0xd9;
export const SOF0 = 0xc0;
export const DHT = 0xc4;
export const DQT = 0xdb;
export const SOS = 0xda;
export const APP14 = 0xee;

/** The stream from SOI to the end of the SOS header, with the frame size left to patch per image. */
export interface StreamHeader {
  readonly bytes: Uint8Array;
  /** Position of SOF0's 16-bit Y (number of lines); X follows it. */
  readonly sizeOffset: number;
}

/**
 * Build SOI, [APP14 Adobe], DQT, SOF0, DHT and SOS for a baseline sequential frame (T.81 B.2).
 * `quantTables` are in natural order; DQT carries them in zig-zag order (B.2.4.1).
 */
export function buildStreamHeader(
  components: readonly FrameComponent[],
  quantTables: readonly Uint8Array[],
  huffman: readonly { readonly tableClass: 0 | 1; readonly id: number; readonly spec: HuffmanSpec }[],
  adobeTransform: number | undefined,
): StreamHeader {
  const out: number[] = [0xff, SOI];
  const segment = (marker: number, body: readonly number[]): void => {
    const length = body.length + 2;
    out.push(0xff, marker, length >> 8, length & 0xff, ...body);
  };
  if (adobeTransform !== undefined) {
    // Adobe's APP14 ("Adobe", version 100, flags 0, 0, transform): the one signal every decoder honours
    // for whether 3-component data is YCbCr (1) or stored as is (0).
    segment(APP14, [0x41, 0x64, 0x6f, 0x62, 0x65, 0, 100, 0, 0, 0, 0, adobeTransform]);
  }
  const dqt: number[] = [];
  quantTables.forEach((table, id) => {
    dqt.push(id); // Pq = 0 (8-bit values), Tq = id
    for (let k = 0; k < 64; k++) dqt.push(table[ZIGZAG[k] as number] as number);
  });
  segment(DQT, dqt);
  const sizeOffset = out.length + 5;
  const sof = [8, 0, 0, 0, 0, components.length];
  for (const c of components) sof.push(c.id, (c.h << 4) | c.v, c.quantTable);
  segment(SOF0, sof);
  const dht: number[] = [];
  for (const { tableClass, id, spec } of huffman) dht.push((tableClass << 4) | id, ...spec.bits, ...spec.values);
  segment(DHT, dht);
  const sos = [components.length];
  for (const c of components) sos.push(c.id, (c.dcTable << 4) | c.acTable);
  sos.push(0, 63, 0); // Ss, Se, Ah/Al: the whole spectrum in one sequential scan
  segment(SOS, sos);
  return { bytes: Uint8Array.from(out), sizeOffset };
}
