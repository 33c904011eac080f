import { describe, expect, it } from 'vitest';
import { SecretBox, bindingOf } from '../../common/crypto/secret-box.js';
import type { DeviceCodePoll, IdentityPlatformClient } from '../../common/identity/identity-platform.client.js';
import { MicrosoftError } from '../../common/microsoft/microsoft-error.js';
import { createTestConfig } from '../../test/test-config.js';
import type { OnboardingRow } from './onboarding.repository.js';
import { initialSteps } from './onboarding.progress.js';
import { SignInService } from './sign-in.service.js';

const config = createTestConfig({ ONBOARDING_CODE_WATCH_SECONDS: '30' });
const secrets = new SecretBox(config);

function fakeIdentity(poll: () => DeviceCodePoll | Promise<DeviceCodePoll>) {
  let codes = 0;
  const client = {
    requestDeviceCode: async () => {
      codes += 1;
      return { deviceCode: `device-${codes}`, userCode: `USER${codes}`, verificationUri: 'https://microsoft.com/devicelogin', expiresInSeconds: 900, intervalSeconds: 5 };
    },
    pollDeviceCode: async () => poll(),
  } as unknown as IdentityPlatformClient;
  return { client, codesIssued: () => codes };
}

function row(overrides: Partial<OnboardingRow> = {}): OnboardingRow {
  const now = new Date();
  return {
    id: 'onb-1',
    steps: initialSteps(now),
    deviceCodeEnc: secrets.seal('device-0', bindingOf('onboarding', 'onb-1', 'device_code_enc')),
    userCode: 'USER0',
    codeExpiresAt: new Date(now.getTime() + 600_000),
    pollIntervalSeconds: 5,
    codeRenewals: 0,
    watchedAt: now,
    ...overrides,
  } as OnboardingRow;
}

const identityError = (code: string, aadsts: number[] = []) => new MicrosoftError('identity', 400, code, 'x', { aadsts });

describe(SignInService.name, () => {
  describe('poll', () => {
    it('should keep the interval while the sign-in is pending', async () => {
      const service = new SignInService(fakeIdentity(() => ({ kind: 'pending' })).client, secrets, config);
      const outcome = await service.poll(row());
      expect(outcome).toMatchObject({ kind: 'waiting', patch: { pollIntervalSeconds: 5 } });
      if (outcome.kind === 'waiting') expect(outcome.patch.nextRunAt!.getTime() - Date.now()).toBeGreaterThan(4_000);
    });

    it('should add 5 seconds to the interval for good on slow_down', async () => {
      const service = new SignInService(fakeIdentity(() => ({ kind: 'slow_down' })).client, secrets, config);
      expect(await service.poll(row({ pollIntervalSeconds: 10 }))).toMatchObject({ kind: 'waiting', patch: { pollIntervalSeconds: 15 } });
    });

    it('should renew an expired code that someone watches, counting the renewal', async () => {
      const identity = fakeIdentity(() => ({ kind: 'pending' }));
      const service = new SignInService(identity.client, secrets, config);
      const outcome = await service.poll(row({ codeExpiresAt: new Date(Date.now() - 1), codeRenewals: 2 }));
      expect(outcome).toMatchObject({ kind: 'waiting', patch: { userCode: 'USER1', codeRenewals: 3 } });
      expect(identity.codesIssued()).toBe(1);
    });

    it('should end the sign-in when the expired code was not watched recently', async () => {
      const identity = fakeIdentity(() => ({ kind: 'pending' }));
      const service = new SignInService(identity.client, secrets, config);
      const outcome = await service.poll(row({ codeExpiresAt: new Date(Date.now() - 1), watchedAt: new Date(Date.now() - 60_000) }));
      expect(outcome).toMatchObject({ kind: 'failed', failure: { code: 'ONBOARDING_SIGN_IN_CODE_EXPIRED', action: 'new_code' } });
      expect(identity.codesIssued()).toBe(0);
    });

    it.each([
      [identityError('authorization_declined'), 'ONBOARDING_SIGN_IN_DECLINED', 'new_code'],
      [identityError('invalid_grant', [53003]), 'ONBOARDING_SIGN_IN_BLOCKED_BY_CONDITIONAL_ACCESS', 'use_popup'],
      [identityError('invalid_grant', [530033]), 'ONBOARDING_SIGN_IN_BLOCKED_BY_CONDITIONAL_ACCESS', 'use_popup'],
      [identityError('invalid_grant', [50020]), 'ONBOARDING_SIGN_IN_PERSONAL_ACCOUNT', 'new_code'],
      [identityError('bad_verification_code'), 'ONBOARDING_SIGN_IN_FAILED', 'new_code'],
      [new MicrosoftError('identity', 401, 'invalid_client', 'not a public client', { aadsts: [7000218] }), 'ONBOARDING_SIGN_IN_FAILED', 'new_code'],
    ])('should explain %s', async (error, code, action) => {
      const service = new SignInService(fakeIdentity(() => Promise.reject(error)).client, secrets, config);
      expect(await service.poll(row())).toMatchObject({ kind: 'failed', failure: { code, action } });
    });

    it('should treat expired_token like an expiry', async () => {
      const service = new SignInService(fakeIdentity(() => Promise.reject(identityError('expired_token', [70020]))).client, secrets, config);
      expect(await service.poll(row())).toMatchObject({ kind: 'waiting', patch: { codeRenewals: 1 } });
    });

    it('should wait Retry-After when Microsoft throttles the poll, keeping the code', async () => {
      const throttled = new MicrosoftError('identity', 429, 'http_429', 'Too many requests', { retryAfterMs: 7_000 });
      const service = new SignInService(fakeIdentity(() => Promise.reject(throttled)).client, secrets, config);
      const outcome = await service.poll(row());
      expect(outcome.kind).toBe('waiting');
      if (outcome.kind === 'waiting') {
        expect(outcome.patch.nextRunAt!.getTime() - Date.now()).toBeGreaterThanOrEqual(6_900);
        expect(outcome.patch.userCode).toBeUndefined();
      }
    });
  });
});
