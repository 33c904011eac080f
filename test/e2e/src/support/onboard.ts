import type { Onboarding, OnboardingSettingsInput } from '@m365/contracts';
import { SEED_PASSWORD, type Stack } from './stack.js';

const ENDED = ['connected', 'failed', 'cancelled', 'awaiting_confirmation'];

/** Starts an onboarding for the customer owning `domain` and returns it with its code. */
export async function startFor(stack: Stack, customerDomainOrId: string, settings: OnboardingSettingsInput = {}): Promise<Onboarding> {
  const customerId = customerDomainOrId.includes('.') ? stack.customerFor(customerDomainOrId).id : customerDomainOrId;
  const response = await stack.api.onboarding.startOnboarding({ body: { customerId, settings } });
  if (response.status !== 201) throw new Error(`startOnboarding answered ${response.status}: ${JSON.stringify(response.body)}`);
  // Microsoft may refuse the first code request (throttling); the server then retries by itself.
  return response.body.signIn ? response.body : stack.waitFor(response.body.id, (onboarding) => onboarding.signIn !== null);
}

/** Signs the admin in through the emulator's control API, as the sign-in pages would. */
export function signIn(stack: Stack, onboarding: Onboarding, email: string): void {
  stack.emulator.control.completeDeviceCode(onboarding.signIn!.userCode, { email, password: SEED_PASSWORD });
}

export function settle(stack: Stack, onboardingId: string, timeoutMs?: number): Promise<Onboarding> {
  return stack.waitFor(onboardingId, (onboarding) => ENDED.includes(onboarding.status), timeoutMs);
}

/** Start, sign in and wait for the onboarding to end (connected, failed or waiting for a confirmation). */
export async function onboard(stack: Stack, customer: string, email: string, settings: OnboardingSettingsInput = {}): Promise<Onboarding> {
  const started = await startFor(stack, customer, settings);
  signIn(stack, started, email);
  return settle(stack, started.id);
}
