import { trustEmulatorCa } from '../tls/ca.js';

/** Runs in the main vitest process before the forks start, so every worker trusts the emulator's CA. */
export default async function setup(): Promise<void> {
  await trustEmulatorCa();
}
