/**
 * Browsers (and every non-Node platform): no bytes supplied, so each wasm package falls back to its
 * own loader, which fetches the binary from `new URL('….wasm', import.meta.url)` — the form bundlers
 * (Vite, webpack 5, Parcel) recognise and emit.
 */
export async function wasmBinary(_specifier: string): Promise<Uint8Array | undefined> {
  return undefined;
}
