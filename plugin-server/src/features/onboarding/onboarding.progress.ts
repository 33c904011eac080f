import { ONBOARDING_STEPS, REMOVAL_STEPS, type OnboardingPurpose, type OnboardingStep, type StepProgress } from '@m365/contracts';

export function initialSteps(now: Date, purpose: OnboardingPurpose = 'connect'): StepProgress[] {
  const steps: readonly OnboardingStep[] = purpose === 'connect' ? ONBOARDING_STEPS : REMOVAL_STEPS;
  return steps.map((step) => ({
    step,
    state: step === 'sign_in' ? 'running' : 'pending',
    message: step === 'sign_in' ? 'Requesting a sign-in code from Microsoft.' : null,
    attempts: 0,
    startedAt: step === 'sign_in' ? now.toISOString() : null,
    finishedAt: null,
    waitUntil: null,
  }));
}

export function withStep(steps: StepProgress[], step: OnboardingStep, change: Partial<StepProgress>): StepProgress[] {
  return steps.map((item) => (item.step === step ? { ...item, ...change } : item));
}

export function stepOf(steps: StepProgress[], step: OnboardingStep): StepProgress {
  return steps.find((item) => item.step === step)!;
}

/** The step after `step` in this onboarding's own list (connecting and removing differ). */
export function nextStep(steps: StepProgress[], step: OnboardingStep): OnboardingStep | undefined {
  return steps[steps.findIndex((item) => item.step === step) + 1]?.step;
}

/** Steps from `from` on go back to pending, for a retry or a new sign-in. */
export function resetFrom(steps: StepProgress[], from: OnboardingStep): StepProgress[] {
  const start = steps.findIndex((item) => item.step === from);
  return steps.map((item, index) =>
    index >= start && item.state !== 'done'
      ? { ...item, state: 'pending', message: null, attempts: 0, startedAt: null, finishedAt: null, waitUntil: null }
      : item,
  );
}
