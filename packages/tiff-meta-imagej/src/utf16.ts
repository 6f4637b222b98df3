/*
 * IJMetadata strings are UTF-16 code units in the file's byte order, without BOM or terminator (ImageJ
 * reads them with its own byte-order-aware reader). JavaScript strings already are UTF-16 code units,
 * so no TextEncoder is needed, and 'utf-16be' (missing from some TextDecoder builds) is avoided.
 */

export function encodeUtf16(text: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < text.length; i++) view.setUint16(i * 2, text.charCodeAt(i), littleEndian);
  return bytes;
}

export function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const units: number[] = [];
  let text = '';
  for (let i = 0; i + 1 < bytes.byteLength; i += 2) {
    units.push(view.getUint16(i, littleEndian));
    // Chunked so String.fromCharCode never gets more arguments than the engine allows.
    if (units.length === 8192) text += String.fromCharCode(...units.splice(0));
  }
  return text + String.fromCharCode(...units);
}

/** The index of the first unpaired surrogate, or -1. Such strings are not valid UTF-16 for other readers. */
export function loneSurrogateAt(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return i;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return i;
    }
  }
  return -1;
}
