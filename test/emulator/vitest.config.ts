import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'emulator',
    include: ['src/**/*.spec.ts'],
    // Each fork is a new process that reads NODE_EXTRA_CA_CERTS set by the global setup (STACK.md).
    pool: 'forks',
    globalSetup: ['src/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
