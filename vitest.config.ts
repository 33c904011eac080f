import { defineConfig } from 'vitest/config';

// One run over every Node-side suite, so `npm test` gets a single total.
export default defineConfig({
  test: {
    projects: ['contracts', 'plugin-server', 'test/emulator', 'test/host-portal', 'test/e2e'],
  },
});
