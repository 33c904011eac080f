import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { OnboardingStep } from '@m365/contracts';
import { DomainError } from '../../common/errors/domain-error.js';
import { stackOf } from '../../common/errors/stack-of.js';
import { GraphGateway } from '../../common/graph/graph-gateway.js';
import { classify, retryDelayMs, type RetryKind } from '../../common/retry/retry-policy.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { DelegatedTokenStore } from './delegated-tokens.js';
import { OnboardingLifecycle } from './onboarding.lifecycle.js';
import { OnboardingRepository, type OnboardingPatch, type OnboardingRow } from './onboarding.repository.js';
import { nextStep, stepOf, withStep } from './onboarding.progress.js';
import { SignInService } from './sign-in.service.js';
import { CredentialStep } from './steps/credential.step.js';
import { FirstSyncStep } from './steps/first-sync.step.js';
import { GrantStep } from './steps/grant.step.js';
import { PropagationStep } from './steps/propagation.step.js';
import { RegisterAppStep } from './steps/register-app.step.js';
import { RemoveAppStep } from './steps/remove-app.step.js';
import { ServicePrincipalStep } from './steps/service-principal.step.js';
import type { OnboardingStepHandler, StepContext, StepFailure, StepResult } from './steps/step.js';
import { VerifyStep } from './steps/verify.step.js';

const LEASE_MS = 60_000;
const DUE_BATCH = 200;

/**
 * Drives every active onboarding: polls device codes, then runs the configuration steps one after
 * the other. Each step's state is saved before and after it runs, waits are saved as a time to come
 * back, and a lease keeps two workers off the same onboarding; so a restart resumes where it stopped.
 */
@Injectable()
export class OnboardingEngine implements OnApplicationBootstrap {
  private readonly logger = new Logger(OnboardingEngine.name);
  private readonly owner = randomUUID();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly handlers: Map<OnboardingStep, OnboardingStepHandler>;

  constructor(
    private readonly onboardings: OnboardingRepository,
    private readonly lifecycle: OnboardingLifecycle,
    private readonly signIn: SignInService,
    private readonly tokens: DelegatedTokenStore,
    private readonly graph: GraphGateway,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    verify: VerifyStep,
    registerApp: RegisterAppStep,
    servicePrincipal: ServicePrincipalStep,
    grant: GrantStep,
    credential: CredentialStep,
    propagation: PropagationStep,
    firstSync: FirstSyncStep,
    removeApp: RemoveAppStep,
  ) {
    this.handlers = new Map(
      [verify, registerApp, servicePrincipal, grant, credential, propagation, firstSync, removeApp].map((handler) => [handler.step, handler]),
    );
  }

  onApplicationBootstrap(): void {
    const released = this.onboardings.releaseAllLeases();
    if (released) this.logger.warn(`Resuming ${released} onboarding(s) left in progress by the previous run.`);
  }

  /** Starts work on whatever is due; returns without waiting for it (see `drain`). */
  tick(now = new Date()): void {
    this.onboardings.promoteQueued(this.config.onboarding.maxConfiguring - this.onboardings.countConfiguring(), now);
    for (const id of this.onboardings.due(now, DUE_BATCH)) {
      if (this.inFlight.has(id)) continue;
      const work = this.process(id).finally(() => this.inFlight.delete(id));
      this.inFlight.set(id, work);
    }
  }

  /** Waits for the work started so far (tests and shutdown). */
  async drain(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight.values()]);
  }

  private async process(id: string): Promise<void> {
    const now = new Date();
    let row = this.onboardings.acquireLease(id, this.owner, now, new Date(now.getTime() + LEASE_MS));
    if (!row) return;
    try {
      if (row.status === 'awaiting_sign_in') row = await this.signInTurn(row);
      while (row.status === 'configuring' && (row.nextRunAt?.getTime() ?? 0) <= Date.now()) row = await this.stepTurn(row);
    } catch (error) {
      this.logger.error(`Onboarding ${id} stopped on an unexpected error; it will be retried.`, stackOf(error));
      this.onboardings.update(id, { nextRunAt: new Date(Date.now() + 30_000) });
    } finally {
      this.onboardings.releaseLease(id, this.owner);
    }
  }

  private async signInTurn(row: OnboardingRow): Promise<OnboardingRow> {
    const outcome = await this.signIn.poll(row);
    if (outcome.kind === 'waiting') {
      return this.save(row.id, { ...outcome.patch, steps: withStep(row.steps, 'sign_in', { state: 'running', message: outcome.message }) });
    }
    if (outcome.kind === 'failed') return this.lifecycle.fail(row, 'sign_in', outcome.failure);
    const signedIn = this.lifecycle.signedIn(row, outcome.tokens, 'device_code', this.tokens.seal(row.id, outcome.tokens));
    this.crashPoint('sign_in', 'after');
    return signedIn;
  }

  private async stepTurn(row: OnboardingRow): Promise<OnboardingRow> {
    const step = row.currentStep;
    const handler = this.handlers.get(step);
    if (!handler) throw new Error(`No handler for step ${step}`);
    this.crashPoint(step, 'before');
    const progress = stepOf(row.steps, step);
    const now = new Date();
    row = this.save(row.id, {
      leaseUntil: new Date(now.getTime() + LEASE_MS),
      steps: withStep(row.steps, step, {
        state: 'running',
        attempts: progress.attempts + 1,
        startedAt: progress.startedAt ?? now.toISOString(),
        waitUntil: null,
      }),
    });
    const context = this.context(row);
    let result: StepResult;
    let retryKind: RetryKind | undefined;
    try {
      result = await handler.run(context);
    } catch (error) {
      [result, retryKind] = this.fromError(error, handler, context.onboarding);
    }
    row = context.onboarding;
    switch (result.outcome) {
      case 'done': {
        const next = nextStep(row.steps, step);
        row = this.save(row.id, {
          currentStep: next ?? step,
          nextRunAt: new Date(),
          steps: withStep(row.steps, step, { state: 'done', message: result.message, finishedAt: new Date().toISOString(), waitUntil: null }),
        });
        this.crashPoint(step, 'after');
        return next ? row : this.lifecycle.complete(row);
      }
      case 'wait':
        return this.wait(row, step, result.delayMs, result.message, retryKind ?? 'replication');
      case 'confirm':
        return this.lifecycle.awaitConfirmation(row, result.message);
      case 'fail':
        return this.lifecycle.fail(row, step, result.failure);
    }
  }

  /** Waits are bounded per step; past the budget the onboarding fails with a retry action. */
  private wait(row: OnboardingRow, step: OnboardingStep, delayMs: number, message: string, kind: RetryKind): OnboardingRow {
    const startedAt = Date.parse(stepOf(row.steps, step).startedAt ?? new Date().toISOString());
    const until = new Date(Date.now() + delayMs);
    if (until.getTime() - startedAt > this.config.onboarding.stepMaxWaitMs) {
      const minutes = Math.round(this.config.onboarding.stepMaxWaitMs / 60_000);
      return this.lifecycle.fail(row, step, {
        code: kind === 'replication' ? 'ONBOARDING_PROPAGATION_TIMEOUT' : 'ONBOARDING_MICROSOFT_UNAVAILABLE',
        message:
          kind === 'replication'
            ? `Microsoft has not finished applying the changes after ${minutes} minutes. Retry in a few minutes; nothing will be created twice.`
            : `Microsoft kept refusing requests for ${minutes} minutes (${message}). Retry later; the onboarding continues where it stopped.`,
        action: 'retry',
      });
    }
    return this.save(row.id, {
      nextRunAt: until,
      steps: withStep(row.steps, step, { state: 'waiting', message, waitUntil: until.toISOString() }),
    });
  }

  private fromError(error: unknown, handler: OnboardingStepHandler, row: OnboardingRow): [StepResult, RetryKind?] {
    if (error instanceof DomainError) {
      const action = error.code === 'ONBOARDING_SIGN_IN_FAILED' ? 'new_code' : 'retry';
      return [{ outcome: 'fail', failure: { code: error.code, message: error.message, action } }];
    }
    const classification = classify(error, { expectReplication: handler.expectReplication });
    const detail = error instanceof Error ? error.message : String(error);
    if (classification.retry) {
      const attempts = stepOf(row.steps, handler.step).attempts;
      const delayMs = retryDelayMs(classification, attempts);
      const seconds = Math.ceil(delayMs / 1000);
      const message = {
        throttled: `Microsoft asked us to slow down; continuing in ${seconds} s.`,
        unavailable: `Microsoft is temporarily unavailable; trying again in ${seconds} s.`,
        replication: `Waiting for Microsoft to replicate the new objects (attempt ${attempts}); trying again in ${seconds} s.`,
        network: `Could not reach Microsoft; trying again in ${seconds} s.`,
      }[classification.kind];
      return [{ outcome: 'wait', delayMs, message }, classification.kind];
    }
    const failure: StepFailure =
      classification.kind === 'unauthorized'
        ? handler.step === 'propagation'
          ? { code: 'ONBOARDING_CREDENTIAL_REJECTED', message: `Microsoft rejected the application's certificate: ${detail}`, action: 'retry' }
          : { code: 'ONBOARDING_SIGN_IN_FAILED', message: "The administrator's sign-in is no longer valid. Sign in again to continue.", action: 'new_code' }
        : classification.kind === 'forbidden'
          ? { code: 'ONBOARDING_CONSENT_DENIED', message: `Microsoft refused the request: ${detail} Sign in with a Global Administrator.`, action: 'ask_global_admin' }
          : { code: 'GRAPH_REQUEST_FAILED', message: `Microsoft refused a request: ${detail}`, action: 'retry' };
    return [{ outcome: 'fail', failure }];
  }

  private context(initial: OnboardingRow): StepContext {
    let current = initial;
    const save = (patch: OnboardingPatch) => (current = this.save(current.id, patch));
    return {
      get onboarding() {
        return current;
      },
      save,
      progress: (message) => {
        save({ steps: withStep(current.steps, current.currentStep, { message }) });
      },
      delegatedGraph: async () => {
        const token = await this.tokens.accessToken(current, save);
        if (!token) throw new DomainError('ONBOARDING_SIGN_IN_FAILED', 'The administrator sign-in has expired. Sign in again to continue.');
        return this.graph.session(async () => token);
      },
    };
  }

  private save(id: string, patch: OnboardingPatch): OnboardingRow {
    return this.onboardings.update(id, patch);
  }

  /** Test hook (refused in production by the config): die at a step boundary like a killed process. */
  private crashPoint(step: OnboardingStep, when: 'before' | 'after'): void {
    if (this.config.testCrashAt === `${step}:${when}`) process.kill(process.pid, 'SIGKILL');
  }
}
