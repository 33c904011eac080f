import { generateSchema } from '@anatine/zod-openapi';
import { EventDataSchemas, EventDeliverySchema, EventEnvelopeSchema, fullContract, HostTokenClaimsSchema, DeviceTokenClaimsSchema } from '@m365/contracts';
import { generateOpenApi } from '@ts-rest/open-api';

const SECURITY_BY_PREFIX: [string, Record<string, string[]>[]][] = [
  ['/hooks/v1/', [{ webhookSignature: [] }]],
  ['/device/v1/', [{ deviceToken: [] }]],
  ['/share/v1/', []],
];

const DESCRIPTION = [
  'Plugin API (/api/v1): the UI, with the host token (JWT, header typ m365-plugin-ui+jwt; claims in HostTokenClaims).',
  'Host hooks (/hooks/v1): the host, signed per Standard Webhooks with the partner secret (webhook-id, webhook-timestamp, webhook-signature).',
  'Device API (/device/v1): backup devices, with a device token from the host (typ m365-plugin-device+jwt; claims in DeviceTokenClaims).',
  'Share links (/share/v1): the customer\'s admin; the token in the path is the only credential.',
  'Events (plugin -> host): POST to HOST_EVENTS_URL with an EventEnvelope body (schemas EventEnvelope and Event.<type>), signed like the hooks; webhook-id = event id.',
  'The host integration guide is contracts/README.md.',
].join('\n\n');

/** The OpenAPI document is generated from the contracts, so it cannot drift from the handlers. */
export function buildOpenApiDocument(serverUrl: string | null) {
  const eventSchemas = Object.fromEntries(
    Object.entries(EventDataSchemas).map(([type, schema]) => [`Event.${type}`, generateSchema(schema)]),
  );
  return generateOpenApi(
    fullContract,
    {
      info: { title: 'Microsoft 365 backup plugin', version: '1.0.0', description: DESCRIPTION },
      servers: serverUrl ? [{ url: serverUrl }] : [],
      components: {
        securitySchemes: {
          hostToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Host UI token (typ m365-plugin-ui+jwt)' },
          deviceToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Device token (typ m365-plugin-device+jwt)' },
          webhookSignature: {
            type: 'apiKey',
            in: 'header',
            name: 'webhook-signature',
            description: 'Standard Webhooks: v1,<base64 HMAC-SHA256 over webhook-id.webhook-timestamp.body>; also send webhook-id and webhook-timestamp',
          },
        },
        schemas: {
          HostTokenClaims: generateSchema(HostTokenClaimsSchema),
          DeviceTokenClaims: generateSchema(DeviceTokenClaimsSchema),
          EventEnvelope: generateSchema(EventEnvelopeSchema),
          EventDelivery: generateSchema(EventDeliverySchema),
          ...eventSchemas,
        },
      },
      security: [{ hostToken: [] }],
    },
    {
      setOperationId: true,
      operationMapper: (operation, route) => {
        const security = SECURITY_BY_PREFIX.find(([prefix]) => route.path.startsWith(prefix))?.[1];
        return security ? { ...operation, security } : operation;
      },
    },
  );
}
