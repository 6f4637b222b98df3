import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Test the sources: resolve the deflate backend switch to its Node implementation in src/.
    alias: {
      '#deflate-backend': fileURLToPath(new URL('./src/node/deflate-backend.ts', import.meta.url)),
      '#worker-host': fileURLToPath(new URL('./src/node/worker-host.ts', import.meta.url)),
      '#zstd-native': fileURLToPath(new URL('./src/node/zstd-native.ts', import.meta.url)),
      '#wasm-binary': fileURLToPath(new URL('./src/node/wasm-binary.ts', import.meta.url)),
      '#openjpeg': fileURLToPath(new URL('./src/node/openjpeg.ts', import.meta.url)),
    },
  },
  test: { testTimeout: 60_000 },
});
