import { defineConfig } from 'vitest/config';

// One run over every Node-side suite, so `npm test` gets a single total.
export default defineConfig({
  test: {
    // Most e2e time is spent waiting on timers and sockets, so a third worker on two cores pays off.
    maxWorkers: 3,
    projects: ['contracts', 'plugin-server', 'test/emulator', 'test/host-portal', 'test/e2e'],
  },
});
