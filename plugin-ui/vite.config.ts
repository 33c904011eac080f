import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

const BRIDGE_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Signing in…</title>
    <script type="module" src="./redirect-bridge.js"></script>
  </head>
  <body>
    <p>Signing in… this window closes by itself.</p>
  </body>
</html>
`;

/** The pop-up's redirect URI: a static page next to the bundle that loads the bridge script. */
function redirectBridgePage(): Plugin {
  return {
    name: 'm365-redirect-bridge-page',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'redirect-bridge.html', source: BRIDGE_HTML });
    },
  };
}

/**
 * dist/ also holds tsc's declarations (dist/types), so it is not emptied; the hashed chunks of the
 * previous build are removed instead, so the server never serves stale ones.
 */
function removeOldChunks(): Plugin {
  return {
    name: 'm365-remove-old-chunks',
    apply: 'build',
    buildStart() {
      rmSync(fileURLToPath(new URL('./dist/chunks', import.meta.url)), { recursive: true, force: true });
    },
  };
}

export default defineConfig({
  resolve: {
    // Read @m365/contracts from its TypeScript source; it has no browser build of its own.
    conditions: ['source', ...defaultClientConditions],
  },
  plugins: [redirectBridgePage(), removeOldChunks()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    minify: true,
    // dist/.vite/manifest.json: the import graph test/bench/bundle-size.ts measures.
    manifest: true,
    lib: {
      entry: { 'm365-plugin': 'src/main.ts', 'redirect-bridge': 'src/redirect-bridge.ts' },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rolldownOptions: {
      // Library mode keeps whitespace in ES output (for re-bundling); this file is served as is.
      output: { chunkFileNames: 'chunks/[name]-[hash].js', minify: true },
    },
  },
});
