import { ROLES, type Role } from '@m365/contracts';
import { callHook } from '@m365/host-portal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onboard, startFor } from '../support/onboard.js';
import { PARTNER, startStack, type Stack } from '../support/stack.js';
import { hmacWithPublicKey, unsignedToken } from './support/bad-tokens.js';
import { pathOf, routeTable, type RouteEntry } from './support/routes.js';

const OTHER_PARTNER = 'partner-other';
const ASSIGNED_DEVICE = 'dev-backup-01';
const RANK: Record<Role, number> = { viewer: 0, technician: 1, admin: 2 };
const ID_PARAMS = ['organizationId', 'onboardingId', 'batchId'];

interface Outcome {
  status: number;
  body: string;
  /** What the request itself carried (path and body): an answer may echo it. */
  sent: string;
}

/** Bodies that would do something real, so that a refusal is a refusal and not a validation error. */
function bodyFor(name: string, fixtures: Record<string, string>): unknown {
  const key = name.split('.').at(-1)!;
  const bodies: Record<string, unknown> = {
    startOnboarding: { customerId: 'cust-fabrikam', settings: {} },
    startBatch: { customerIds: ['cust-tailspin'], settings: {} },
    updateOrganizationSettings: { userSyncIntervalMinutes: 30 },
    disconnectOrganization: { removeApplication: false },
    assignLicenses: { userIds: ['x'] },
    unassignLicenses: { userIds: ['x'] },
    upsertCustomer: { name: 'Matrix Customer' },
    upsertDevice: { name: 'MATRIX-01' },
    setSeatPool: { totalSeats: 500 },
    startOnboardings: { customerIds: [fixtures.customerId] },
    submitPopupSignIn: { accessToken: 'x'.repeat(40) },
  };
  return bodies[key] ?? {};
}

describe('authorization matrix (every route of the contracts)', () => {
  let stack: Stack;
  let fixtures: Record<string, string>;
  /** Strings that belong to the first partner and must never show up in another caller's answer. */
  let secrets: string[];
  const publicKeyText = () => JSON.stringify(stack.issuer.jwks().keys[0]);

  beforeAll(async () => {
    stack = await startStack();
    const connected = await onboard(stack, 'contoso.com', 'admin@contoso.com');
    expect(connected.status).toBe('connected');
    const waiting = await startFor(stack, 'cust-litware');
    const batch = await stack.api.onboarding.startBatch({ body: { customerIds: ['cust-alpine-ski-house'], settings: {} } });
    if (batch.status !== 201) throw new Error(`startBatch answered ${batch.status}`);
    const link = await stack.api.onboarding.createShareLink({ params: { onboardingId: waiting.id } });
    if (link.status !== 201) throw new Error(`createShareLink answered ${link.status}`);
    fixtures = {
      partnerId: PARTNER,
      organizationId: connected.organizationId!,
      onboardingId: waiting.id,
      batchId: batch.body.id,
      customerId: 'cust-contoso',
      deviceId: 'dev-nas-03',
      token: new URL(link.body.url).hash.slice(1),
    };
    secrets = [connected.organizationId!, connected.id, waiting.id, batch.body.id, connected.tenant!.tenantId, 'Contoso', 'Litware'];
  });
  afterAll(() => stack?.close());

  async function call(entry: RouteEntry, headers: Record<string, string>, values = fixtures): Promise<Outcome> {
    const controller = new AbortController();
    const path = pathOf(entry.route, values);
    const body = entry.route.method !== 'GET' ? JSON.stringify(bodyFor(entry.name, values)) : undefined;
    const response = await fetch(`${stack.url}${path}`, {
      method: entry.route.method,
      headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
      body,
      signal: controller.signal,
    });
    const sent = `${path} ${body ?? ''}`;
    if (response.headers.get('content-type')?.includes('text/event-stream')) {
      controller.abort();
      return { status: response.status, body: '', sent };
    }
    return { status: response.status, body: await response.text(), sent };
  }

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const technician = (role: Role) => ({ id: 'tech-matrix', name: 'Matrix', role });

  /** Every way to present a host token that must be refused, by name. */
  async function badHostTokens(): Promise<Record<string, Record<string, string>>> {
    const claims = { iss: stack.issuer.issuer, aud: 'm365-backup-plugin', sub: 'tech-matrix', partner_id: PARTNER, role: 'admin' };
    return {
      'no token': {},
      'not a bearer token': { authorization: 'Basic YWRtaW46YWRtaW4=' },
      expired: bearer((await stack.issuer.sign(PARTNER, technician('admin'), Date.now() - 3600_000)).accessToken),
      'wrong audience': bearer((await stack.issuer.sign(PARTNER, technician('admin'), Date.now(), { audience: 'another-plugin' })).accessToken),
      'device token': bearer((await stack.issuer.signDevice(PARTNER, ASSIGNED_DEVICE)).accessToken),
      'alg none': bearer(unsignedToken(claims)),
      'HS256 with the public key': bearer(hmacWithPublicKey(claims, publicKeyText())),
    };
  }

  async function badDeviceTokens(): Promise<Record<string, Record<string, string>>> {
    const claims = { iss: stack.issuer.issuer, aud: 'm365-backup-plugin', sub: ASSIGNED_DEVICE, partner_id: PARTNER };
    return {
      'no token': {},
      expired: bearer((await stack.issuer.signDevice(PARTNER, ASSIGNED_DEVICE, Date.now() - 3600_000)).accessToken),
      'wrong audience': bearer((await stack.issuer.signDevice(PARTNER, ASSIGNED_DEVICE, Date.now(), { audience: 'another-plugin' })).accessToken),
      'host UI token': bearer((await stack.issuer.sign(PARTNER, technician('admin'))).accessToken),
      'alg none': bearer(unsignedToken(claims, 'm365-plugin-device+jwt')),
      'HS256 with the public key': bearer(hmacWithPublicKey(claims, publicKeyText(), 'm365-plugin-device+jwt')),
    };
  }

  /** Status expectations that failed, as readable lines; the test wants none. */
  async function check(entry: RouteEntry): Promise<string[]> {
    const problems: string[] = [];
    const expect = (variant: string, outcome: Outcome, ok: (status: number) => boolean, wanted: string) => {
      if (!ok(outcome.status)) problems.push(`${variant}: ${outcome.status} (wanted ${wanted}) ${outcome.body.slice(0, 160)}`);
    };
    const noSecrets = (variant: string, outcome: Outcome) => {
      const leaked = secrets.filter((secret) => outcome.body.includes(secret) && !outcome.sent.includes(secret));
      if (leaked.length) problems.push(`${variant}: answer holds the first partner's ${leaked.join(', ')}`);
    };
    const isRead = entry.route.method === 'GET';
    const namesObject = ID_PARAMS.some((param) => entry.route.path.includes(`:${param}`));

    if (entry.kind === 'host') {
      for (const [variant, headers] of Object.entries(await badHostTokens())) {
        expect(variant, await call(entry, headers), (status) => status === 401, '401');
      }
      const other = await call(entry, bearer((await stack.issuer.sign(OTHER_PARTNER, technician('admin'))).accessToken));
      if (namesObject) expect('other partner (admin)', other, (status) => status === 404, '404');
      else expect('other partner (admin)', other, (status) => status < 500, 'no server error');
      noSecrets('other partner (admin)', other);
      for (const role of ROLES) {
        const outcome = await call(entry, bearer((await stack.issuer.sign(PARTNER, technician(role))).accessToken));
        if (RANK[role] < RANK[entry.role]) expect(role, outcome, (status) => status === 403, '403');
        else if (isRead) expect(role, outcome, (status) => status >= 200 && status < 300, '2xx');
        else expect(role, outcome, (status) => status !== 401 && status !== 403, 'allowed');
        if (RANK[role] >= RANK[entry.role] && !isRead) break;
      }
    }

    if (entry.kind === 'device') {
      for (const [variant, headers] of Object.entries(await badDeviceTokens())) {
        expect(variant, await call(entry, headers), (status) => status === 401, '401');
      }
      for (const [variant, token] of [
        ['device of another partner', await stack.issuer.signDevice(OTHER_PARTNER, ASSIGNED_DEVICE)],
        ['unassigned device', await stack.issuer.signDevice(PARTNER, 'dev-backup-02')],
      ] as const) {
        const outcome = await call(entry, bearer(token.accessToken));
        if (namesObject) expect(variant, outcome, (status) => status === 404, '404');
        noSecrets(variant, outcome);
      }
      const own = await call(entry, bearer((await stack.issuer.signDevice(PARTNER, ASSIGNED_DEVICE)).accessToken));
      expect('assigned device', own, (status) => status >= 200 && status < 300, '2xx');
    }

    if (entry.kind === 'hook') {
      const ownPath = pathOf(entry.route, fixtures).slice('/hooks/v1'.length);
      for (const [variant, headers] of Object.entries({
        'no signature': {},
        'host token instead of a signature': bearer((await stack.issuer.sign(PARTNER, technician('admin'))).accessToken),
      })) {
        expect(variant, await call(entry, headers), (status) => status === 401, '401');
      }
      const method = entry.route.method as 'GET' | 'PUT' | 'POST' | 'DELETE';
      const body = isRead ? undefined : bodyFor(entry.name, fixtures);
      const otherPath = pathOf(entry.route, { ...fixtures, partnerId: OTHER_PARTNER }).slice('/hooks/v1'.length);
      const other = { ...(await callHook(stack.url, stack.hookSecret, method, otherPath, body)), sent: '' };
      expect("first partner's signature on another partner's hook", other, (status) => status === 401 || status === 404, '401 or 404');
      const own = { ...(await callHook(stack.url, stack.hookSecret, method, ownPath, body)), sent: '' };
      if (isRead) expect('signed by the partner', own, (status) => status >= 200 && status < 300, '2xx');
      else expect('signed by the partner', own, (status) => status !== 401 && status !== 403, 'allowed');
    }

    if (entry.kind === 'share') {
      const unknown = { ...fixtures, token: 'A'.repeat(43) };
      expect('unknown link', await call(entry, {}, unknown), (status) => status === 404, '404');
      expect('unknown link with a host token', await call(entry, bearer((await stack.issuer.sign(PARTNER, technician('admin'))).accessToken), unknown), (status) => status === 404, '404');
      const own = await call(entry, {});
      expect('the link itself', own, (status) => status === 200, '200');
      noSecrets('the link itself', { ...own, body: own.body.replace(/Litware/g, '') });
    }
    return problems;
  }

  it('should cover every route the server serves (but health and API docs), and the server every route of the contracts', () => {
    const router = (stack.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router;
    const served = router.stack
      .flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${layer.route!.path}`) : []))
      .filter((route) => !/ \/(healthz|api\/openapi\.json|api\/docs)/.test(route));
    const table = routeTable().map((entry) => `${entry.route.method} ${entry.route.path}`);
    expect(served.filter((route) => !table.includes(route))).toEqual([]);
    expect(table.filter((route) => !served.includes(route))).toEqual([]);
    expect(new Set(routeTable().map((entry) => entry.kind))).toEqual(new Set(['host', 'hook', 'device', 'share']));
  });

  for (const entry of routeTable()) {
    it(`${entry.route.method} ${entry.route.path} (${entry.name}, ${entry.kind}${entry.kind === 'host' ? `, ${entry.role}` : ''})`, async () => {
      expect(await check(entry)).toEqual([]);
    });
  }
});
