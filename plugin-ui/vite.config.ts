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

/**
 * The page a share link opens (`${PUBLIC_BASE_URL}/ui/share.html#<token>`, built by the server's share
 * feature): the customer's admin sees the code and the progress, nothing else.
 */
const SHARE_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <meta name="robots" content="noindex" />
    <title>Connect Microsoft 365 backup</title>
    <script type="module" src="./share.js"></script>
  </head>
  <body style="margin: 0"></body>
</html>
`;

/** Static pages next to the bundle: the pop-up's redirect URI (loads the bridge script) and the share page. */
function staticPages(): Plugin {
  return {
    name: 'm365-static-pages',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'redirect-bridge.html', source: BRIDGE_HTML });
      this.emitFile({ type: 'asset', fileName: 'share.html', source: SHARE_HTML });
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
  plugins: [staticPages(), removeOldChunks()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    minify: true,
    // dist/.vite/manifest.json: the import graph test/bench/bundle-size.ts measures.
    manifest: true,
    lib: {
      entry: { 'm365-plugin': 'src/main.ts', 'redirect-bridge': 'src/redirect-bridge.ts', share: 'src/share.ts' },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rolldownOptions: {
      // Library mode keeps whitespace in ES output (for re-bundling); this file is served as is.
      output: { chunkFileNames: 'chunks/[name]-[hash].js', minify: true },
    },
  },
});
