import { Inject, Injectable } from '@nestjs/common';
import { bindingOf, SecretBox } from '../../common/crypto/secret-box.js';
import { IdentityPlatformClient, type DelegatedTokens } from '../../common/identity/identity-platform.client.js';
import { MicrosoftError } from '../../common/microsoft/microsoft-error.js';
import { classify, retryDelayMs } from '../../common/retry/retry-policy.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import type { OnboardingPatch, OnboardingRow } from './onboarding.repository.js';
import { DELEGATED_SCOPES } from './permissions.js';
import type { StepFailure } from './steps/step.js';

export type SignInOutcome =
  | { kind: 'waiting'; patch: OnboardingPatch; message: string }
  | { kind: 'granted'; tokens: DelegatedTokens }
  | { kind: 'failed'; failure: StepFailure };

// RFC 8628 section 3.5: on slow_down the client adds 5 seconds to its interval for good.
const SLOW_DOWN_STEP_SECONDS = 5;
const CONDITIONAL_ACCESS = [53003, 530033, 50097, 530003];
const PERSONAL_OR_FOREIGN_ACCOUNT = [50020, 500200, 50034, 9002331];

/** The device code sign-in (RFC 8628), polled by the server itself so a restart resumes it. */
@Injectable()
export class SignInService {
  constructor(
    private readonly identity: IdentityPlatformClient,
    private readonly secrets: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A fresh code; a Microsoft hiccup is retried by the engine rather than failing the onboarding. */
  async newCode(row: OnboardingRow, renewals: number): Promise<SignInOutcome> {
    try {
      const grant = await this.identity.requestDeviceCode(DELEGATED_SCOPES);
      const now = Date.now();
      return {
        kind: 'waiting',
        message: `Waiting for the customer's administrator to sign in with code ${grant.userCode}.`,
        patch: {
          deviceCodeEnc: this.secrets.seal(grant.deviceCode, bindingOf('onboarding', row.id, 'device_code_enc')),
          userCode: grant.userCode,
          verificationUri: grant.verificationUri,
          codeIssuedAt: new Date(now),
          codeExpiresAt: new Date(now + grant.expiresInSeconds * 1000),
          pollIntervalSeconds: grant.intervalSeconds,
          codeRenewals: renewals,
          nextRunAt: new Date(now + grant.intervalSeconds * 1000),
        },
      };
    } catch (error) {
      return this.retryOrFail(error, row, 'Could not get a sign-in code from Microsoft');
    }
  }

  async poll(row: OnboardingRow): Promise<SignInOutcome> {
    const now = Date.now();
    if (!row.deviceCodeEnc || !row.codeExpiresAt) return this.newCode(row, row.codeRenewals);
    if (row.codeExpiresAt.getTime() <= now) return this.expired(row);
    const interval = row.pollIntervalSeconds ?? 5;
    try {
      const result = await this.identity.pollDeviceCode(this.secrets.open(row.deviceCodeEnc, bindingOf('onboarding', row.id, 'device_code_enc')));
      if (result.kind === 'granted') return result;
      const nextInterval = result.kind === 'slow_down' ? interval + SLOW_DOWN_STEP_SECONDS : interval;
      // Counted from the answer, not the request, so a slow answer never makes the next poll early.
      return {
        kind: 'waiting',
        message: `Waiting for the customer's administrator to sign in with code ${row.userCode}.`,
        patch: { pollIntervalSeconds: nextInterval, nextRunAt: new Date(Date.now() + nextInterval * 1000) },
      };
    } catch (error) {
      if (!(error instanceof MicrosoftError) || error.source !== 'identity') return this.retryOrFail(error, row, 'Could not reach Microsoft');
      if (error.code === 'expired_token' || error.hasAadsts(70020, 70019)) return this.expired(row);
      if (error.code === 'authorization_declined') {
        return failed('ONBOARDING_SIGN_IN_DECLINED', 'The administrator declined the sign-in or the consent. Get a new code when they are ready to approve.', 'new_code');
      }
      if (error.hasAadsts(...CONDITIONAL_ACCESS)) {
        return failed(
          'ONBOARDING_SIGN_IN_BLOCKED_BY_CONDITIONAL_ACCESS',
          "The customer's Conditional Access policies block sign-in with a device code. Use the pop-up sign-in instead.",
          'use_popup',
        );
      }
      if (error.hasAadsts(...PERSONAL_OR_FOREIGN_ACCOUNT)) {
        return failed(
          'ONBOARDING_SIGN_IN_PERSONAL_ACCOUNT',
          'A personal Microsoft account (or one that is not a member of an organization) signed in. Sign in with a work account of the customer.',
          'new_code',
        );
      }
      if (error.code === 'bad_verification_code') {
        return failed('ONBOARDING_SIGN_IN_FAILED', 'Microsoft no longer recognizes this sign-in code. Get a new code.', 'new_code');
      }
      return this.retryOrFail(error, row, 'Microsoft refused the sign-in');
    }
  }

  /** A code someone is looking at is replaced; one nobody watches ends the sign-in. */
  private async expired(row: OnboardingRow): Promise<SignInOutcome> {
    const watched = row.watchedAt && Date.now() - row.watchedAt.getTime() <= this.config.onboarding.codeWatchMs;
    if (watched) return this.newCode(row, row.codeRenewals + 1);
    return failed('ONBOARDING_SIGN_IN_CODE_EXPIRED', 'The sign-in code expired before anyone used it. Get a new code to continue.', 'new_code');
  }

  private retryOrFail(error: unknown, row: OnboardingRow, what: string): SignInOutcome {
    const classification = classify(error);
    const message = error instanceof Error ? error.message : String(error);
    if (classification.retry) {
      const attempt = (row.steps.find((step) => step.step === 'sign_in')?.attempts ?? 0) + 1;
      const delayMs = retryDelayMs(classification, attempt);
      return { kind: 'waiting', message: `${what}; trying again in ${Math.ceil(delayMs / 1000)} s.`, patch: { nextRunAt: new Date(Date.now() + delayMs) } };
    }
    return failed('ONBOARDING_SIGN_IN_FAILED', `${what}: ${message}`, 'new_code');
  }
}

function failed(code: StepFailure['code'], message: string, action: StepFailure['action']): SignInOutcome {
  return { kind: 'failed', failure: { code, message, action } };
}
