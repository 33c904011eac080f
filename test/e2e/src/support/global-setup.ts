import { trustEmulatorCa } from '@m365/emulator';

/** Runs before the forks start, so every worker trusts the emulator's CA (NODE_EXTRA_CA_CERTS). */
export default async function setup(): Promise<void> {
  await trustEmulatorCa();
}
