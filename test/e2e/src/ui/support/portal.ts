import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pluginApi } from '@m365/contracts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@m365/emulator/chromium';
import { DEV_PARTNER, DEV_TECHNICIAN, startDevStack, type DevStack, type DevStackOptions } from '@m365/host-portal';
import { initClient } from '@ts-rest/core';
import { chromium, type Browser, type Page } from 'playwright-core';

const RESULTS_DIR = fileURLToPath(new URL('../../../../../test-results/ui/', import.meta.url));

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** `npm start`'s stack on free ports and a temporary data directory; the server's output is kept for failures. */
export async function startPortalStack(options: Omit<DevStackOptions, 'dataDir'> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'm365-ui-e2e-'));
  const serverOutput: string[] = [];
  const stack: DevStack = await startDevStack({
    dataDir,
    onServerOutput: (line) => {
      serverOutput.push(line);
      if (serverOutput.length > 200) serverOutput.shift();
    },
    ...options,
    emulator: { ...options.emulator, timing: { deviceCodeIntervalSeconds: 1, ...options.emulator?.timing } },
  });
  const refused = stack.fixtureHooks.filter((hook) => hook.status !== 200);
  if (refused.length) {
    await stack.close();
    throw new Error(`Fixture hooks refused: ${JSON.stringify(refused)}`);
  }

  /** The plugin API as the portal's technician, for checks the page does not show. */
  async function api() {
    const { accessToken } = await stack.portal.tokens.sign(DEV_PARTNER.id, DEV_TECHNICIAN);
    return initClient(pluginApi, { baseUrl: stack.portal.apiBaseUrl, baseHeaders: { authorization: `Bearer ${accessToken}` } });
  }

  return {
    ...stack,
    dataDir,
    serverOutput,
    api,
    async close() {
      await stack.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type PortalStack = Awaited<ReturnType<typeof startPortalStack>>;

/** Saves numbered screenshots of one run under test-results/ui/<run>/ (git-ignored). */
export function screenshots(run: string) {
  const dir = join(RESULTS_DIR, run);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let index = 0;
  return async (page: Page, stage: string): Promise<void> => {
    index += 1;
    await page.screenshot({ path: join(dir, `${String(index).padStart(2, '0')}-${stage}.png`), fullPage: true });
  };
}
