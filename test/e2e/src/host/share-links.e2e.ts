import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shareApi, type SharedOnboarding } from '@m365/contracts';
import { DEV_TECHNICIAN } from '@m365/host-portal';
import { initClient } from '@ts-rest/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFor } from '../support/onboard.js';
import { PARTNER, SEED_PASSWORD, startStack, type Stack } from '../support/stack.js';

describe('share links (/api/v1/onboardings/:onboardingId/share-links, /share/v1/:token)', () => {
  let stack: Stack;
  let token: string;
  let onboardingId: string;
  const share = () => initClient(shareApi, { baseUrl: stack.url, baseHeaders: {} });

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    vi.useRealTimers();
    await stack?.close();
  });

  it('should create an unguessable, expiring link whose token is not stored', async () => {
    const started = await startFor(stack, 'cust-litware');
    onboardingId = started.id;
    const link = await stack.api.onboarding.createShareLink({ params: { onboardingId } });
    expect(link.status).toBe(201);
    if (link.status !== 201) return;
    const url = new URL(link.body.url);
    expect(url.pathname).toBe('/ui/share.html');
    token = url.hash.slice(1);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(Date.parse(link.body.expiresAt) - Date.now()).toBeGreaterThan(71 * 3600_000);
    const second = await stack.api.onboarding.createShareLink({ params: { onboardingId } });
    expect(second.status === 201 && new URL(second.body.url).hash.slice(1)).not.toBe(token);

    const database = ['plugin.db', 'plugin.db-wal'].map((file) => {
      try {
        return readFileSync(join(stack.dataDir, file)).toString('latin1');
      } catch {
        return '';
      }
    });
    expect(database.join('').includes(token)).toBe(false);
  });

  it("should show the customer's admin the code and the progress, and nothing else of the partner's", async () => {
    const viewed = await fetch(`${stack.url}/share/v1/${token}`);
    expect(viewed.status).toBe(200);
    expect(viewed.headers.get('cache-control')).toBe('no-store');
    const body = (await viewed.json()) as SharedOnboarding;
    expect(Object.keys(body).sort()).toEqual(['customerName', 'failureMessage', 'linkExpiresAt', 'signIn', 'status', 'steps']);
    expect(body).toMatchObject({ customerName: 'Litware', status: 'awaiting_sign_in', failureMessage: null });
    expect(body.signIn?.userCode).toMatch(/^[A-Z0-9]{6,}$/);

    stack.emulator.control.completeDeviceCode(body.signIn!.userCode, { email: 'admin@litware.com', password: SEED_PASSWORD });
    let last: SharedOnboarding | undefined;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && last?.status !== 'connected' && last?.status !== 'failed') {
      const response = await share().getSharedOnboarding({ params: { token } });
      if (response.status !== 200) throw new Error(`getSharedOnboarding answered ${response.status}`);
      last = response.body;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(last).toMatchObject({ status: 'connected', signIn: null, failureMessage: null });
    expect(last!.steps.every((step) => step.state === 'done' && step.message === null)).toBe(true);

    const onboarding = await stack.api.onboarding.getOnboarding({ params: { onboardingId } });
    if (onboarding.status !== 200) throw new Error('getOnboarding failed');
    const text = JSON.stringify(last);
    for (const secret of [PARTNER, onboardingId, onboarding.body.organizationId!, DEV_TECHNICIAN.name, DEV_TECHNICIAN.id, 'BACKUP-01', 'cust-litware']) {
      expect(text, secret).not.toContain(secret);
    }
  });

  it('should answer 404 for an unknown link and 410 once the link has expired', async () => {
    expect((await share().getSharedOnboarding({ params: { token: 'A'.repeat(43) } })).status).toBe(404);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 73 * 3600_000);
    const expired = await share().getSharedOnboarding({ params: { token } });
    expect(expired.status).toBe(410);
    expect(expired.body).toMatchObject({ code: 'SHARE_LINK_EXPIRED' });
  });
});
