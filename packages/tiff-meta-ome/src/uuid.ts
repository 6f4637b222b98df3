import { invalidOption, OmeError } from './errors.js';

interface WebCrypto {
  randomUUID?: () => string;
  getRandomValues?: <T extends Uint8Array>(array: T) => T;
}

/**
 * A random (version 4) UUID from Web Crypto, available in Node 20 and browsers. `randomUUID` exists only
 * in secure contexts (https, localhost), so a page served over plain http falls back to getRandomValues.
 */
export function randomUuid(): string {
  const crypto = (globalThis as { crypto?: WebCrypto }).crypto;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  if (typeof crypto?.getRandomValues !== 'function') {
    throw new OmeError('UNSUPPORTED', 'no Web Crypto here to make a UUID: pass options.uuid or metadata.UUID', 'UUID');
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** `urn:uuid:<uuid>` from a UUID given bare or as a URN (the part after the last ':' is used, as tifffile). */
export function uuidUrn(value: unknown, path: string): string {
  const bare = typeof value === 'string' ? value.slice(value.lastIndexOf(':') + 1) : undefined;
  if (bare === undefined || !UUID.test(bare)) {
    throw invalidOption(path, value, "a UUID such as '123e4567-e89b-12d3-a456-426614174000' (optionally 'urn:uuid:…')");
  }
  return `urn:uuid:${bare}`;
}
