import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
// Debian's Chromium; no test tool downloads a browser on these machines.
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@m365/emulator/chromium';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));


function countTests(suite, counts = { passed: 0, failed: 0 }) {
  for (const test of suite?.tests ?? []) {
    if (test.skipped) continue;
    counts[test.passed ? 'passed' : 'failed'] += 1;
  }
  for (const child of suite?.suites ?? []) countTests(child, counts);
  return counts;
}

/**
 * Writes `{passed, failed, unfinished}` to WTR_SUMMARY_FILE for the repository's `npm test` total;
 * `unfinished` lists the files whose browser session never reported (the test-finish timeout).
 */
function summaryFileReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, unfinished: [] };
      for (const session of sessions) {
        countTests(session.testResults, counts);
        // A file that fails to load has no test results but must still count as a failure.
        if (!session.passed && (session.errors?.length ?? 0) > 0 && !session.testResults?.tests?.length) {
          counts.failed += 1;
          if (session.errors.some((error) => /did not finish/.test(error.message ?? ''))) counts.unfinished.push(session.testFile);
        }
      }
      writeFileSync(file, JSON.stringify(counts));
    },
  };
}

export default {
  // The repository root, so @m365/contracts (a workspace symlink) is served from its TypeScript source.
  rootDir: here('..'),
  files: [here('src/**/*.test.ts')],
  nodeResolve: { exportConditions: ['source', 'browser', 'development'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: here('tsconfig.json') })],
  browsers: [
    chromeLauncher({
      // Each test file gets its own window: a background tab gets no animation frames, and
      // @open-wc's fixture() waits for one, so parallel files in tabs of one window would hang.
      createPage: async ({ browser }) => {
        const context = await browser.createBrowserContext();
        const page = await context.newPage();
        // A context per file: close it with its page, or eighteen files leave eighteen windows open.
        page.once('close', () => void context.close().catch(() => undefined));
        return page;
      },
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
  concurrency: 2,
  reporters: [defaultReporter(), ...(process.env.WTR_SUMMARY_FILE ? [summaryFileReporter(process.env.WTR_SUMMARY_FILE)] : [])],
  testFramework: { config: { timeout: 10000 } },
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html lang="en"><head><title>plugin-ui tests</title></head>
    <body><script type="module" src="${testFramework}"></script></body></html>`,
};
