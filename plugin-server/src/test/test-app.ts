import type { INestApplication } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import request from 'supertest';
import { createApp } from '../app.factory.js';
import type { AppConfig } from '../config/app-config.js';
import { createTestConfig } from './test-config.js';
import { FORGE_AUDIENCE, FORGE_ISSUER, TokenForge } from './token-forge.js';

export const HOOK_SECRET = 'whsec_dGVzdC1ob29rLXNlY3JldC10ZXN0LWhvb2stc2VjcmV0';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  forge: TokenForge;
  http: ReturnType<typeof request>;
  /** A Standard Webhooks signed request to `/hooks/v1${path}`. */
  hook(method: 'PUT' | 'POST' | 'DELETE' | 'GET', path: string, body?: unknown, options?: HookOptions): request.Test;
  /** A host API request with a token of the given partner and role. */
  api(method: 'get' | 'post' | 'patch', path: string, partnerId: string, role?: string): Promise<request.Response>;
  close(): Promise<void>;
}

export interface HookOptions {
  id?: string;
  secret?: string;
  at?: Date;
  /** Sent instead of the signed body (to tamper with it). */
  send?: string;
}

let sequence = 0;

/** The whole server in process (no emulator), with hook secrets for partners p1 and p2 and a forged host key. */
export async function createTestApp(env: Record<string, string | undefined> = {}): Promise<TestApp> {
  const forge = await TokenForge.create('RS256');
  const config = createTestConfig({
    HOST_JWT_ISSUER: FORGE_ISSUER,
    HOST_JWT_AUDIENCE: FORGE_AUDIENCE,
    HOST_JWT_PUBLIC_KEY: forge.publicKeyPem,
    HOOK_SECRETS: `p1:${HOOK_SECRET},p2:whsec_cDItc2VjcmV0LXAyLXNlY3JldC1wMi1zZWNyZXQ=`,
    ...env,
  });
  const app = await createApp(config);
  await app.init();
  const http = request(app.getHttpServer());
  return {
    app,
    config,
    forge,
    http,
    hook(method, path, body, options = {}) {
      const payload = body === undefined ? '' : JSON.stringify(body);
      const id = options.id ?? `msg_test_${++sequence}_${Date.now()}`;
      const at = options.at ?? new Date();
      const call = http[method.toLowerCase() as 'put' | 'post' | 'delete' | 'get'](`/hooks/v1${path}`)
        .set('webhook-id', id)
        .set('webhook-timestamp', String(Math.floor(at.getTime() / 1000)))
        .set('webhook-signature', new Webhook(options.secret ?? HOOK_SECRET).sign(id, at, payload));
      const sent = options.send ?? payload;
      return sent ? call.set('content-type', 'application/json').send(sent) : call;
    },
    async api(method, path, partnerId, role = 'admin') {
      return http[method](path).set('authorization', `Bearer ${await forge.host(partnerId, role)}`);
    },
    close: () => app.close(),
  };
}
