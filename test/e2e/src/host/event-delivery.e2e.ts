import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventDelivery, EventEnvelope, StartOnboardingsHookResult } from '@m365/contracts';
import { callHook } from '@m365/host-portal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARTNER, startStack, type Stack } from '../support/stack.js';

interface Delivery {
  id: string;
  status: number;
  verified: boolean;
  envelope: EventEnvelope;
}

/** Standard Webhooks verification written out (not the plugin's library), as a host would. */
function verify(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const [id, timestamp, signatures] = ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => String(headers[name] ?? ''));
  if (!id || !timestamp || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return signatures!.split(' ').some((entry) => {
    const [version, signature] = entry.split(',');
    const given = Buffer.from(signature ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** The host's event endpoint: answers 503 while `down`, records every delivery and checks its signature. */
async function startHostEndpoint() {
  const deliveries: Delivery[] = [];
  const state = { down: true, secret: '' };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const verified = verify(state.secret, request.headers, body);
      const status = state.down ? 503 : verified ? 204 : 401;
      deliveries.push({ id: String(request.headers['webhook-id']), status, verified, envelope: JSON.parse(body) as EventEnvelope });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/host/events`,
    deliveries,
    state,
    accepted: () => deliveries.filter((delivery) => delivery.status < 300),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe('events to the host', () => {
  let host: Awaited<ReturnType<typeof startHostEndpoint>>;
  let stack: Stack;
  let restarted: Stack | undefined;
  const env = { HOST_EVENTS_RETRY_BASE_SECONDS: '0.2', HOST_EVENTS_RETRY_MAX_SECONDS: '1' };

  beforeAll(async () => {
    host = await startHostEndpoint();
    stack = await startStack({ env: { ...env, HOST_EVENTS_URL: host.url } });
    host.state.secret = stack.hookSecret;
  });
  afterAll(async () => {
    await (restarted ?? stack)?.close();
    await host?.close();
  });

  async function outbox(current: Stack): Promise<EventDelivery[]> {
    const response = await current.api.events.listEvents({ query: { limit: 500 } });
    if (response.status !== 200) throw new Error(`listEvents answered ${response.status}`);
    return response.body.items;
  }

  const hook = (current: Stack, method: 'PUT' | 'POST' | 'DELETE', path: string, body?: unknown) =>
    callHook(current.url, current.hookSecret, method, `/partners/${PARTNER}${path}`, body);

  /** Deleting the Main device writes two events for each organization it backs up; putting it back writes none. */
  async function toggleMainDevice(current: Stack): Promise<void> {
    expect((await hook(current, 'DELETE', '/devices/dev-backup-01')).status).toBe(200);
    expect((await hook(current, 'PUT', '/devices/dev-backup-01', { name: 'BACKUP-01', isMain: true, status: 'online' })).status).toBe(200);
  }

  it('should deliver every event exactly once, in order per organization, after the host recovers, across a restart', async () => {
    const started = await hook(stack, 'POST', '/onboardings', { customerIds: ['cust-contoso', 'cust-fabrikam', 'cust-tailspin'] });
    expect(started.status).toBe(202);
    const items = (JSON.parse(started.body) as StartOnboardingsHookResult).items;
    await toggleMainDevice(stack);
    await toggleMainDevice(stack);
    stack.emulator.control.declineDeviceCode(items[2]!.signIn!.userCode);
    await stack.waitFor(items[2]!.onboardingId!, (onboarding) => onboarding.status === 'failed');
    const pending = await until('retries of the first event of every organization while the host is down', async () => {
      const events = await outbox(stack);
      const heads = [...new Set(events.map((event) => event.organizationId))].map((id) => events.filter((event) => event.organizationId === id).at(-1)!);
      return events.length === 13 && heads.length === 3 && heads.every((head) => head.attempts >= 2) ? events : undefined;
    });
    expect(pending.every((event) => event.status === 'pending')).toBe(true);
    expect(pending.filter((event) => event.attempts > 0).every((event) => /503/.test(event.lastError ?? ''))).toBe(true);
    await stack.stopServer();
    const attemptsBeforeRestart = host.deliveries.length;

    restarted = await startStack({ restartOf: stack, env: { ...env, HOST_EVENTS_URL: host.url } });
    await toggleMainDevice(restarted);
    await until('attempts after the restart', async () => (host.deliveries.length > attemptsBeforeRestart + 3 ? true : undefined));
    host.state.down = false;

    const delivered = await until('every event delivered', async () => {
      const events = await outbox(restarted!);
      return events.every((event) => event.status === 'delivered') ? events : undefined;
    });
    expect(delivered).toHaveLength(19);
    const accepted = host.accepted();
    expect(accepted.every((delivery) => delivery.verified && delivery.envelope.id === delivery.id)).toBe(true);
    expect(accepted.map((delivery) => delivery.id).sort()).toEqual(delivered.map((event) => event.id).sort());

    const oldestFirst = [...delivered].reverse();
    for (const organizationId of new Set(oldestFirst.map((event) => event.organizationId))) {
      const written = oldestFirst.filter((event) => event.organizationId === organizationId).map((event) => event.id);
      const received = accepted.filter((delivery) => written.includes(delivery.id)).map((delivery) => delivery.id);
      expect(received).toEqual(written);
    }
    expect(oldestFirst.filter((event) => event.type === 'organization.failed')).toHaveLength(1);
  });
});
