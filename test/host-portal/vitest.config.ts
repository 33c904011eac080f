import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'host-portal', include: ['src/**/*.spec.ts'], pool: 'forks' },
});
