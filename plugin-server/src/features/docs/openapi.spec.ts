import { EVENT_TYPES } from '@m365/contracts';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi.js';

type Operation = { security?: unknown[]; parameters?: { name: string; in: string }[] };

describe('buildOpenApiDocument', () => {
  const document = buildOpenApiDocument('https://plugin.example');
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, operation]) => ({ path, method, operation })),
  );

  it('should state how each group of routes authenticates', () => {
    for (const { path, operation } of operations) {
      if (path.startsWith('/hooks/v1/')) {
        expect(operation.security, path).toEqual([{ webhookSignature: [] }]);
        expect(operation.parameters?.filter((parameter) => parameter.in === 'header').map((parameter) => parameter.name).sort(), path).toEqual([
          'webhook-id',
          'webhook-signature',
          'webhook-timestamp',
        ]);
      } else if (path.startsWith('/device/v1/')) expect(operation.security, path).toEqual([{ deviceToken: [] }]);
      else if (path.startsWith('/share/v1/')) expect(operation.security, path).toEqual([]);
      else expect(operation.security, path).toBeUndefined();
    }
    expect(document.security).toEqual([{ hostToken: [] }]);
  });

  it('should describe the token claims and every event the host receives', () => {
    const schemas = Object.keys(document.components?.schemas ?? {});
    expect(schemas).toEqual(expect.arrayContaining(['HostTokenClaims', 'DeviceTokenClaims', 'EventEnvelope', 'EventDelivery']));
    expect(schemas.filter((name) => name.startsWith('Event.')).sort()).toEqual(EVENT_TYPES.map((type) => `Event.${type}`).sort());
  });
});
