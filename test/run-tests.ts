/**
 * `npm test`: makes sure a browser is there, then runs typecheck, lint, the build, every vitest
 * project (contracts, server, emulator, host portal, e2e) and the web-test-runner suite in Chromium, and ends
 * with one line "N passed, N failed" totalled over all of them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface SuiteResult {
  name: string;
  passed: number;
  failed: number;
  note?: string;
}

const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const work = mkdtempSync(join(tmpdir(), 'm365-test-'));
const results: SuiteResult[] = [];

function run(command: string, args: string[], env: Record<string, string> = {}): number {
  process.stdout.write(`\n$ ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function step(name: string, command: string, args: string[]): boolean {
  const ok = run(command, args) === 0;
  results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
  return ok;
}

function ensureChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (isRoot && hasApt) {
    process.stdout.write('Chromium is missing: installing Debian\'s chromium package.\n');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium'], { DEBIAN_FRONTEND: 'noninteractive' });
  }
  if (existsSync(CHROMIUM)) return true;
  process.stdout.write(
    `\nNo Chromium at ${CHROMIUM}. Install Debian's package (as root: apt-get install -y chromium) ` +
      'or point CHROME_PATH at a Chromium binary. Browser suites are counted as failed.\n',
  );
  return false;
}

function vitest(): void {
  const output = join(work, 'vitest.json');
  const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${output}`], {
    CHROME_PATH: CHROMIUM,
  });
  if (!existsSync(output)) {
    results.push({ name: 'vitest', passed: 0, failed: 1, note: `vitest exited with ${status} before reporting` });
    return;
  }
  const report = JSON.parse(readFileSync(output, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    testResults: { name: string; status: string; assertionResults: unknown[] }[];
  };
  // A file that fails to load has no assertions but must still count as a failure.
  const brokenFiles = report.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
  results.push({ name: 'vitest (contracts, server, emulator, host portal, e2e)', passed: report.numPassedTests, failed: report.numFailedTests + brokenFiles });
}

function webTestRunner(browser: boolean): void {
  if (!browser) {
    results.push({ name: 'web-test-runner (plugin-ui)', passed: 0, failed: 1, note: 'no Chromium' });
    return;
  }
  const output = join(work, 'wtr.json');
  const status = run('npm', ['run', 'test', '-w', '@m365/plugin-ui'], { CHROME_PATH: CHROMIUM, WTR_SUMMARY_FILE: output });
  if (!existsSync(output)) {
    results.push({ name: 'web-test-runner (plugin-ui)', passed: 0, failed: 1, note: `exited with ${status} before reporting` });
    return;
  }
  const summary = JSON.parse(readFileSync(output, 'utf8')) as WtrSummary;
  const failed = summary.failed + (status !== 0 && summary.failed === 0 ? 1 : 0);
  // A file whose browser session never reported (no test failed in it) is run once more, on its own, and said so.
  if (summary.unfinished.length === 0 || failed !== summary.unfinished.length) {
    results.push({ name: 'web-test-runner (plugin-ui)', passed: summary.passed, failed });
    return;
  }
  const again = join(work, 'wtr-again.json');
  const againStatus = run('npm', ['run', 'test', '-w', '@m365/plugin-ui', '--', '--files', ...summary.unfinished], {
    CHROME_PATH: CHROMIUM,
    WTR_SUMMARY_FILE: again,
  });
  const rerun: WtrSummary = existsSync(again) ? (JSON.parse(readFileSync(again, 'utf8')) as WtrSummary) : { passed: 0, failed: 1, unfinished: [] };
  results.push({
    name: 'web-test-runner (plugin-ui)',
    passed: summary.passed + rerun.passed,
    failed: rerun.failed + (againStatus !== 0 && rerun.failed === 0 ? 1 : 0),
    note: `${summary.unfinished.length} file(s) run again after a browser session that did not finish: ${summary.unfinished.map((file) => file.split('/src/').at(-1)).join(', ')}`,
  });
}

interface WtrSummary {
  passed: number;
  failed: number;
  unfinished: string[];
}

const browser = ensureChromium();
results.push({ name: 'chromium present', passed: browser ? 1 : 0, failed: browser ? 0 : 1 });
const typed = step('typecheck (tsc -b)', 'npx', ['tsc', '-b']) && step('typecheck (test/e2e)', 'npx', ['tsc', '-p', 'test/e2e']);
step('lint (eslint)', 'npx', ['eslint', '.']);
if (typed) step('build (plugin-ui bundle)', 'npm', ['run', 'build', '-w', '@m365/plugin-ui']);
vitest();
webTestRunner(browser);

const width = Math.max(...results.map((result) => result.name.length));
process.stdout.write('\nSummary\n');
for (const result of results) {
  const note = result.note ? `  (${result.note})` : '';
  process.stdout.write(`  ${result.name.padEnd(width)}  ${String(result.passed).padStart(5)} passed  ${String(result.failed).padStart(4)} failed${note}\n`);
}
const passed = results.reduce((sum, result) => sum + result.passed, 0);
const failed = results.reduce((sum, result) => sum + result.failed, 0);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
