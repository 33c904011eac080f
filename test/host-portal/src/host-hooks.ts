import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { CUSTOMERS, DEV_PARTNER, DEV_SEAT_POOL, devices } from './fixtures.js';

/** A fresh Standard Webhooks secret (`whsec_` + base64 of 32 random bytes). */
export function createHookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export interface HookResult {
  path: string;
  status: number;
  body: string;
  /** The plugin answered with the stored first answer of this webhook-id. */
  replayed?: boolean;
}

/** Calls one host -> plugin REST hook, signed per Standard Webhooks with the partner's secret. */
export async function callHook(
  pluginServerUrl: string,
  secret: string,
  method: 'GET' | 'PUT' | 'POST' | 'DELETE',
  path: string,
  payload: unknown,
  /** The same id again is a retry of the same message (the plugin answers it with its first answer). */
  id = `msg_${randomUUID()}`,
): Promise<HookResult> {
  const body = payload === undefined ? '' : JSON.stringify(payload);
  const at = new Date();
  const headers: Record<string, string> = {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  };
  if (body) headers['content-type'] = 'application/json';
  const response = await fetch(new URL(`/hooks/v1${path}`, pluginServerUrl), { method, headers, body: body || undefined });
  return { path, status: response.status, body: await response.text(), replayed: response.headers.get('webhook-replayed') === 'true' };
}

/**
 * Pushes the fixtures to the plugin as a host would: seat pool, devices (with the Main flag) and
 * customers. Returns every hook's answer; callers decide what a failure means.
 */
export async function pushFixtures(
  pluginServerUrl: string,
  secret: string,
  partnerId: string = DEV_PARTNER.id,
): Promise<HookResult[]> {
  const base = `/partners/${encodeURIComponent(partnerId)}`;
  const results: HookResult[] = [];
  results.push(await callHook(pluginServerUrl, secret, 'PUT', `${base}/seat-pool`, { totalSeats: DEV_SEAT_POOL }));
  for (const device of devices()) {
    const { id, ...body } = device;
    results.push(await callHook(pluginServerUrl, secret, 'PUT', `${base}/devices/${encodeURIComponent(id)}`, body));
  }
  for (const customer of CUSTOMERS) {
    results.push(
      await callHook(pluginServerUrl, secret, 'PUT', `${base}/customers/${encodeURIComponent(customer.id)}`, {
        name: customer.name,
        domains: customer.domains,
      }),
    );
  }
  return results;
}
