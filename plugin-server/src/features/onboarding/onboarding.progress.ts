import { ONBOARDING_STEPS, type OnboardingStep, type StepProgress } from '@m365/contracts';

export function initialSteps(now: Date): StepProgress[] {
  return ONBOARDING_STEPS.map((step) => ({
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

export function nextStep(step: OnboardingStep): OnboardingStep | undefined {
  return ONBOARDING_STEPS[ONBOARDING_STEPS.indexOf(step) + 1];
}

/** Steps from `from` on go back to pending, for a retry or a new sign-in. */
export function resetFrom(steps: StepProgress[], from: OnboardingStep): StepProgress[] {
  const start = ONBOARDING_STEPS.indexOf(from);
  return steps.map((item) =>
    ONBOARDING_STEPS.indexOf(item.step) >= start && item.state !== 'done'
      ? { ...item, state: 'pending', message: null, attempts: 0, startedAt: null, finishedAt: null, waitUntil: null }
      : item,
  );
}
