import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAppRoute, type AppRoute } from '@ts-rest/core';
import { describe, expect, it } from 'vitest';
import { EventEnvelopeSchema, hooksApi, WebhookHeadersSchema } from '@m365/contracts';

const README = readFileSync(new URL('../../../../contracts/README.md', import.meta.url), 'utf8');
const SECRET = /signed with the secret `(whsec_[^`]+)`/.exec(README)?.[1];

type Schema = { safeParse(value: unknown): { success: boolean } };

interface Example {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

function examples(): Example[] {
  return [...README.matchAll(/```http\n([\s\S]*?)```/g)].map(([, block]) => {
    const [head, body = ''] = block!.split(/\n\n/);
    const [requestLine, ...headerLines] = head!.split('\n');
    const [method, path] = requestLine!.split(' ');
    const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
    return { method: method!, path: path!, headers, body: body.trim() };
  });
}

function hookRoute(example: Example): AppRoute | undefined {
  return Object.values(hooksApi)
    .filter(isAppRoute)
    .find((route) => route.method === example.method && new RegExp(`^${route.path.replace(/:\w+/g, '[^/]+')}$`).test(example.path));
}

describe('contracts/README.md', () => {
  it('should show a signed example of every hook', () => {
    const documented = examples().map(hookRoute).filter(Boolean);
    expect(new Set(documented).size).toBe(Object.values(hooksApi).filter(isAppRoute).length);
  });

  it('should give examples whose signatures verify and whose bodies the contracts accept', () => {
    expect(SECRET).toBeDefined();
    const key = Buffer.from(SECRET!.replace(/^whsec_/, ''), 'base64');
    const signed = examples().filter((example) => example.headers['webhook-signature']);
    expect(signed.length).toBeGreaterThan(8);
    for (const example of signed) {
      const { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature } = example.headers;
      const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${example.body}`).digest('base64');
      expect(signature, example.path).toBe(`v1,${expected}`);
      expect(WebhookHeadersSchema.safeParse(example.headers).success, example.path).toBe(true);
      const route = hookRoute(example);
      const schema = route ? ('body' in route ? (route.body as Schema | null) : null) : EventEnvelopeSchema;
      if (example.body) expect(schema?.safeParse(JSON.parse(example.body)).success, example.path).toBe(true);
      else expect(route?.method, example.path).toMatch(/GET|DELETE/);
    }
  });
});
