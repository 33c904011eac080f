import { fullContract } from '@m365/contracts';
import { generateOpenApi } from '@ts-rest/open-api';

/** The OpenAPI document is generated from the contracts, so it cannot drift from the handlers. */
export function buildOpenApiDocument(serverUrl: string | null) {
  return generateOpenApi(
    fullContract,
    {
      info: {
        title: 'Microsoft 365 backup plugin',
        version: '1.0.0',
        description:
          'Plugin API (/api/v1, host token), host hooks (/hooks/v1, Standard Webhooks signatures), ' +
          'device API (/device/v1, device token) and share links (/share/v1). See contracts/README.md.',
      },
      servers: serverUrl ? [{ url: serverUrl }] : [],
      components: {
        securitySchemes: {
          hostToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        },
      },
      security: [{ hostToken: [] }],
    },
    { setOperationId: true },
  );
}
