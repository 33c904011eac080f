import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const testPackages = ['@m365/emulator', '@m365/emulator/*', '@m365/host-portal', '@m365/host-portal/*', '@m365/e2e', '@m365/bench'];
const nodeBuiltins = ['node:*', 'fs', 'path', 'crypto', 'http', 'https', 'os', 'child_process', 'url', 'util', 'stream'];
const noDeepContracts = { group: ['@m365/contracts/*'], message: 'Import contracts through its index only.' };
const noTestCode = { group: [...testPackages, '**/test/emulator/**', '**/test/host-portal/**', '**/test/e2e/**', '**/test/bench/**'], message: 'Production code never imports test/.' };

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.data/**', '**/drizzle/meta/**', 'test-results/**', '**/coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['contracts/src/**/*.ts'],
    ignores: ['contracts/src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@m365/*'], message: 'contracts imports no other package of the workspace.' },
          { group: [...nodeBuiltins, '@nestjs/*', 'lit', 'lit/*', '@lit/*', '@lit-labs/*', 'drizzle-orm', 'drizzle-orm/*', 'express', 'better-sqlite3', 'jose', '@azure/*', '@microsoft/*'], message: 'contracts depends on zod and @ts-rest/core only.' },
          { group: ['../../plugin-*/**', '../../test/**'], message: 'contracts imports no other package of the workspace.' },
        ],
      }],
    },
  },
  {
    files: ['plugin-ui/src/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@m365/plugin-server', '@m365/plugin-server/*', '**/plugin-server/**'], message: 'plugin-ui never imports plugin-server.' },
          noDeepContracts,
          noTestCode,
          { group: [...nodeBuiltins, '@nestjs/*', 'drizzle-orm', 'drizzle-orm/*'], message: 'plugin-ui runs in the browser.' },
        ],
      }],
    },
  },
  {
    files: ['plugin-server/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@m365/plugin-ui', '@m365/plugin-ui/*', '**/plugin-ui/**'], message: 'plugin-server never imports plugin-ui.' },
          noDeepContracts,
          noTestCode,
          { group: ['lit', 'lit/*', '@lit/*'], message: 'plugin-server does not render UI.' },
        ],
      }],
    },
  },
  {
    files: ['plugin-server/src/**/*.ts'],
    ignores: ['plugin-server/src/**/*.repository.ts', 'plugin-server/src/db/**', 'plugin-server/src/**/*.spec.ts', 'plugin-server/src/test/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@m365/plugin-ui', '@m365/plugin-ui/*', '**/plugin-ui/**'], message: 'plugin-server never imports plugin-ui.' },
          noDeepContracts,
          noTestCode,
          { group: ['lit', 'lit/*', '@lit/*'], message: 'plugin-server does not render UI.' },
          { group: ['drizzle-orm', 'drizzle-orm/*', '**/db/schema', '**/db/schema/*'], message: 'Only repositories (and src/db) touch drizzle and the schema.' },
        ],
      }],
    },
  },
  {
    files: ['plugin-server/src/**/*.ts'],
    ignores: ['plugin-server/src/common/graph/**'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "ImportDeclaration[source.value='@microsoft/microsoft-graph-client']",
        message: 'Only common/graph/ talks to Microsoft Graph.',
      }],
    },
  },
);
