import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startFor } from '../support/onboard.js';
import { startStack, type Stack } from '../support/stack.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('/api/v1/onboardings sign-in codes', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({
      emulator: { timing: { deviceCodeExpiresInSeconds: 3, deviceCodeIntervalSeconds: 1 } },
      env: { ONBOARDING_CODE_WATCH_SECONDS: '2' },
    });
  });
  afterAll(() => stack?.close());

  it('should replace an expired code while someone watches it, and the new one works', async () => {
    const started = await startFor(stack, 'contoso.com');
    const renewed = await stack.waitFor(started.id, (onboarding) => (onboarding.signIn?.renewals ?? 0) >= 1, 20_000);
    expect(renewed.status).toBe('awaiting_sign_in');
    expect(renewed.signIn!.userCode).not.toBe(started.signIn!.userCode);
    expect(Date.parse(renewed.signIn!.expiresAt)).toBeGreaterThan(Date.parse(started.signIn!.expiresAt));
    signIn(stack, renewed, 'admin@contoso.com');
    const signedIn = await stack.waitFor(started.id, (onboarding) => onboarding.status !== 'awaiting_sign_in', 20_000);
    expect(signedIn.steps[0]).toMatchObject({ step: 'sign_in', state: 'done' });
  });

  it('should not renew a code nobody watches', async () => {
    const started = await startFor(stack, 'fabrikam.com');
    await sleep(6_000);
    const expired = await stack.api.onboarding.getOnboarding({ params: { onboardingId: started.id } });
    expect(expired).toMatchObject({
      status: 200,
      body: { status: 'failed', signIn: null, failure: { code: 'ONBOARDING_SIGN_IN_CODE_EXPIRED', action: 'new_code' } },
    });
    expect(stack.emulator.control.pendingDeviceCodes().map((code) => code.userCode)).not.toContain(started.signIn!.userCode);
    const fresh = await stack.api.onboarding.renewSignInCode({ params: { onboardingId: started.id } });
    expect(fresh).toMatchObject({ status: 200, body: { status: 'awaiting_sign_in', signIn: { renewals: 0 } } });
  });

  it('should stream progress as server-sent events', async () => {
    const started = await startFor(stack, 'litware.com');
    const { accessToken } = await stack.issuer.sign('partner-dev', { id: 'tech-dev', name: 'Dana', role: 'technician' });
    const response = await fetch(`${stack.url}/api/v1/onboardings/${started.id}/events`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const read = async (until: (text: string) => boolean) => {
      while (!until(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
    };
    await read((seen) => seen.includes('event: onboarding'));
    signIn(stack, started, 'admin@litware.com');
    await read((seen) => seen.includes('"status":"connected"'));
    await reader.cancel();
    const states = [...text.matchAll(/data: (.*)\n/g)].map((match) => JSON.parse(match[1]!).status as string);
    expect(states[0]).toBe('awaiting_sign_in');
    expect(states.at(-1)).toBe('connected');
    expect(new Set(states).size).toBeGreaterThanOrEqual(3);
  });
});
