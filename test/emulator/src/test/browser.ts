import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@m365/emulator/chromium';
import { chromium, type Browser } from 'playwright-core';


export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs] });
}
