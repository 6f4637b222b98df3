import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Each test runs whole programs (README blocks, npm and pnpm installs): minutes, not seconds.
  test: { testTimeout: 300_000, hookTimeout: 300_000 },
});
