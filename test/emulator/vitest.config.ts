import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'emulator',
    include: ['src/**/*.spec.ts'],
    // Each fork is a new process that reads NODE_EXTRA_CA_CERTS set by the global setup (STACK.md).
    pool: 'forks',
    // Most of the time is spent waiting (polling intervals, browsers), so two files at once even on two cores.
    maxWorkers: 2,
    globalSetup: ['src/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
