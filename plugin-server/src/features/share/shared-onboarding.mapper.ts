import type { NextAction, Onboarding, SharedOnboarding } from '@m365/contracts';

// Technicians' failure messages can name other customers (a tenant already connected elsewhere), so
// the customer's admin gets a sentence chosen by the next action instead.
const FAILURE_MESSAGES: Partial<Record<NextAction, string>> = {
  new_code: 'The sign-in did not complete. Ask your IT provider for a new code; it appears on this page as soon as it is ready.',
  use_popup: 'Your organization does not allow this kind of sign-in. Your IT provider will contact you to sign in another way.',
  ask_global_admin:
    'The account that signed in cannot grant the permissions the backup needs. Sign in with a Global Administrator account when your IT provider sends a new code.',
};
const GENERIC_FAILURE = 'The setup stopped. Your IT provider has been told and will contact you.';
const CANCELLED = 'Your IT provider cancelled this setup.';

/** Only the code, the steps' states and the customer's own name: nothing else of the partner's data. */
export function toSharedOnboarding(onboarding: Onboarding, linkExpiresAt: Date): SharedOnboarding {
  return {
    customerName: onboarding.customerName,
    status: onboarding.status,
    signIn: onboarding.signIn,
    steps: onboarding.steps.map((step) => ({ ...step, message: null })),
    failureMessage:
      onboarding.status === 'cancelled'
        ? CANCELLED
        : onboarding.failure
          ? (FAILURE_MESSAGES[onboarding.failure.action] ?? GENERIC_FAILURE)
          : null,
    linkExpiresAt: linkExpiresAt.toISOString(),
  };
}
