import type { ErrorCode, NextAction, OnboardingStep } from '@m365/contracts';
import type { GraphSession } from '../../../common/graph/graph-gateway.js';
import type { OnboardingPatch, OnboardingRow } from '../onboarding.repository.js';

export interface StepFailure {
  code: ErrorCode;
  message: string;
  action: NextAction;
  details?: Record<string, unknown>;
}

export type StepResult =
  | { outcome: 'done'; message: string }
  | { outcome: 'wait'; delayMs: number; message: string }
  | { outcome: 'confirm'; message: string }
  | { outcome: 'fail'; failure: StepFailure };

export interface StepContext {
  /** The onboarding as last saved. */
  readonly onboarding: OnboardingRow;
  /** Persists progress at once, so a crash right after repeats nothing that was already done. */
  save(patch: OnboardingPatch): OnboardingRow;
  /** A Graph session on the admin's delegated token (refreshed when close to expiry). */
  delegatedGraph(): Promise<GraphSession>;
  /** Shows what the step is doing now. */
  progress(message: string): void;
}

export interface OnboardingStepHandler {
  readonly step: OnboardingStep;
  /** True when Microsoft may still be replicating what an earlier step created. */
  readonly expectReplication: boolean;
  run(context: StepContext): Promise<StepResult>;
}

export const done = (message: string): StepResult => ({ outcome: 'done', message });
export const fail = (failure: StepFailure): StepResult => ({ outcome: 'fail', failure });
