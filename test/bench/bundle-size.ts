/**
 * UI initial bundle: every JavaScript file the browser loads to mount the plugin, gzip-compressed.
 *
 * Two measurements that must agree:
 *  1. the static import closure of the entry in Vite's manifest (plugin-ui/dist/.vite/manifest.json);
 *  2. the files Chromium actually fetched from /m365-plugin/ui/ while the development host portal
 *     mounted the plugin on /m365 (API answered by a stub with empty lists) until its empty state showed.
 * It fails when msal-browser is among them or when the total exceeds the budget.
 *
 *   npm run build && npx tsx test/bench/bundle-size.ts [--budget-kb 60]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { constants, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@m365/emulator/chromium';
import { startHostPortal } from '@m365/host-portal';

const { values } = parseArgs({ options: { 'budget-kb': { type: 'string', default: '60' } } });
// The budget is in KiB (1024 bytes), as the figures printed.
const budget = Number(values['budget-kb']) * 1024;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'plugin-ui', 'dist');
const ENTRY = 'src/main.ts';
/** Source modules of a built file, from its source map (`build.sourcemap` is on). */
function sourcesOf(file: string): string[] {
  return (JSON.parse(readFileSync(join(dist, `${file}.map`), 'utf8')) as { sources: string[] }).sources;
}

interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
}

const gzipSize = (bytes: Buffer) => gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

function staticClosure(): string[] {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const seen = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(chunk.file)) return;
    seen.add(chunk.file);
    for (const next of chunk.imports ?? []) visit(next);
  };
  if (!manifest[ENTRY]) throw new Error(`${ENTRY} is not in the manifest: run npm run build first`);
  visit(ENTRY);
  return [...seen].sort();
}

async function loadedAtMount(): Promise<string[]> {
  const stub = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://stub').pathname;
    if (path.startsWith('/ui/')) {
      try {
        const body = readFileSync(join(dist, path.slice('/ui/'.length)));
        res.writeHead(200, { 'content-type': path.endsWith('.js') ? 'text/javascript' : 'application/octet-stream' });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ items: [], nextCursor: null, total: 0 }));
  });
  await new Promise<void>((ready) => stub.listen(0, '127.0.0.1', ready));
  const portal = await startHostPortal({ port: 0, pluginServerUrl: `http://127.0.0.1:${(stub.address() as AddressInfo).port}` });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    const files: string[] = [];
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.pathname.startsWith('/m365-plugin/ui/') && url.pathname.endsWith('.js')) {
        files.push(url.pathname.slice('/m365-plugin/ui/'.length));
      }
    });
    await page.goto(`${portal.url}/m365`);
    await page.getByText('No Microsoft 365 organization is connected yet').waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    return files.sort();
  } finally {
    await browser.close();
    await portal.close();
    stub.close();
  }
}

const fromManifest = staticClosure();
const fromBrowser = await loadedAtMount();
const rows = fromBrowser.map((file) => {
  const bytes = readFileSync(join(dist, file));
  const msal = sourcesOf(file).filter((source) => /@azure\/msal-(browser|common)/.test(source));
  return { file, raw: bytes.length, gzip: gzipSize(bytes), msal };
});
const total = rows.reduce((sum, row) => sum + row.gzip, 0);
const raw = rows.reduce((sum, row) => sum + row.raw, 0);

console.log('UI initial bundle (files loaded to mount the plugin):');
for (const row of rows) console.log(`  ${row.file.padEnd(48)} ${kb(row.raw).padStart(9)} raw  ${kb(row.gzip).padStart(8)} gzip`);
console.log(`  ${'total'.padEnd(48)} ${kb(raw).padStart(9)} raw  ${kb(total).padStart(8)} gzip (level 9), budget ${kb(budget)}`);
console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);

const problems: string[] = [];
if (JSON.stringify(fromManifest) !== JSON.stringify(fromBrowser)) {
  problems.push(`manifest closure ${fromManifest.join(', ')} differs from what the browser loaded ${fromBrowser.join(', ')}`);
}
for (const row of rows) if (row.msal.length) problems.push(`${row.file} contains msal-browser (${row.msal.length} modules, e.g. ${row.msal[0]})`);
const lazyMsal = readdirSync(join(dist, 'chunks'))
  .filter((file) => file.endsWith('.js'))
  .some((file) => sourcesOf(`chunks/${file}`).some((source) => source.includes('@azure/msal-browser')));
if (!lazyMsal) problems.push('no chunk holds msal-browser: the pop-up sign-in would not load (is the source-map check broken?)');
if (total > budget) problems.push(`initial bundle ${kb(total)} exceeds the budget of ${kb(budget)}`);
if (problems.length) {
  for (const problem of problems) console.error(`FAIL: ${problem}`);
  process.exit(1);
}
console.log('OK: the manifest and the browser agree; msal-browser is in a lazy chunk, not loaded at mount; within budget.');
