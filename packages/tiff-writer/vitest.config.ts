import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Test the sources: resolve the platform switch to its Node implementation in src/.
    alias: { '#platform': fileURLToPath(new URL('./src/platform/node.ts', import.meta.url)) },
  },
  test: { testTimeout: 60_000, hookTimeout: 120_000 },
});
