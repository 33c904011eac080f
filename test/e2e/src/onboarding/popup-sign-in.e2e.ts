import { EMULATOR_PUBLIC_CLIENT_ID } from '@m365/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settle } from '../support/onboard.js';
import { SEED_PASSWORD, startStack, type Stack } from '../support/stack.js';

const SCOPES = [
  'https://graph.microsoft.com/Application.ReadWrite.All',
  'https://graph.microsoft.com/AppRoleAssignment.ReadWrite.All',
  'https://graph.microsoft.com/Directory.Read.All',
  'https://graph.microsoft.com/User.Read',
  'openid',
  'profile',
];

/** A delegated Graph token for `email`, obtained by the public client as any Microsoft client would. */
async function delegatedToken(stack: Stack, email: string, scopes = SCOPES): Promise<string> {
  const post = (path: string, form: Record<string, string>) =>
    fetch(`${stack.emulator.url}/organizations/oauth2/v2.0/${path}`, { method: 'POST', body: new URLSearchParams(form) }).then((r) => r.json());
  const code = (await post('devicecode', { client_id: EMULATOR_PUBLIC_CLIENT_ID, scope: scopes.join(' ') })) as { device_code: string; user_code: string };
  stack.emulator.control.completeDeviceCode(code.user_code, { email, password: SEED_PASSWORD });
  const tokens = (await post('token', {
    grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
    client_id: EMULATOR_PUBLIC_CLIENT_ID,
    device_code: code.device_code,
  })) as { access_token: string };
  return tokens.access_token;
}

describe('/api/v1/onboardings/:id/popup-sign-in', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.close());

  it('should continue an onboarding with a delegated token from another sign-in', async () => {
    const started = await stack.api.onboarding.startOnboarding({ body: { customerId: stack.customerFor('litware.com').id, settings: {} } });
    if (started.status !== 201) throw new Error('start failed');
    const accessToken = await delegatedToken(stack, 'admin@litware.com');
    const accepted = await stack.api.onboarding.submitPopupSignIn({ params: { onboardingId: started.body.id }, body: { accessToken } });
    expect(accepted).toMatchObject({ status: 202, body: { signIn: null, consentedBy: 'admin@litware.com' } });
    const connected = await settle(stack, started.body.id);
    expect(connected).toMatchObject({ status: 'connected', failure: null });
    expect(connected.steps[0]!.message).toContain('admin@litware.com');
  });

  it('should refuse a token without the setup permissions, or one that is not a token', async () => {
    const started = await stack.api.onboarding.startOnboarding({ body: { customerId: stack.customerFor('contoso.com').id, settings: {} } });
    if (started.status !== 201) throw new Error('start failed');
    const weak = await delegatedToken(stack, 'admin@contoso.com', ['https://graph.microsoft.com/User.Read', 'openid']);
    const refused = await stack.api.onboarding.submitPopupSignIn({ params: { onboardingId: started.body.id }, body: { accessToken: weak } });
    expect(refused).toMatchObject({ status: 400, body: { code: 'ONBOARDING_POPUP_TOKEN_INVALID' } });
    expect((refused.body as { message: string }).message).toContain('Application.ReadWrite.All');
    const garbage = await stack.api.onboarding.submitPopupSignIn({ params: { onboardingId: started.body.id }, body: { accessToken: 'x'.repeat(40) } });
    expect(garbage).toMatchObject({ status: 400, body: { code: 'ONBOARDING_POPUP_TOKEN_INVALID' } });
    const still = await stack.api.onboarding.getOnboarding({ params: { onboardingId: started.body.id } });
    expect(still).toMatchObject({ status: 200, body: { status: 'awaiting_sign_in' } });
  });
});
