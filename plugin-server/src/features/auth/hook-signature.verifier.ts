import { Inject, Injectable } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { DomainError } from '../../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import type { AuthenticatedRequest } from './auth.decorators.js';

// A dot in the id would let `id.timestamp.body` be split differently from how it was signed.
const WEBHOOK_ID = /^[^.\s\u0000-\u001f]{1,256}$/;
const TIMESTAMP = /^\d{1,12}$/;

/**
 * Standard Webhooks: HMAC-SHA256 over `id.timestamp.rawBody` with the partner's secret, a 5-minute
 * tolerance both ways (checked by the library). Any of the partner's secrets may match, for rotation.
 */
@Injectable()
export class HookSignatureVerifier {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Returns the partner the signature proves; the route's `:partnerId` must name it. */
  verify(request: AuthenticatedRequest): string {
    const partnerId = String(request.params.partnerId ?? '');
    const secrets = this.config.hooks.secrets.get(partnerId);
    if (!secrets?.length) throw new DomainError('HOOK_PARTNER_UNKNOWN', `No hook secret is configured for partner ${partnerId}.`);
    const headers = {
      'webhook-id': request.header('webhook-id') ?? '',
      'webhook-timestamp': request.header('webhook-timestamp') ?? '',
      'webhook-signature': request.header('webhook-signature') ?? '',
    };
    if (!headers['webhook-id'] || !headers['webhook-timestamp'] || !headers['webhook-signature']) {
      throw invalid('send the webhook-id, webhook-timestamp and webhook-signature headers (Standard Webhooks)');
    }
    if (!WEBHOOK_ID.test(headers['webhook-id'])) throw invalid('webhook-id must be 1 to 256 characters without dots, spaces or control characters');
    if (!TIMESTAMP.test(headers['webhook-timestamp'])) throw invalid('webhook-timestamp must be whole seconds since the Unix epoch');
    const payload = request.rawBody ?? Buffer.alloc(0);
    const reasons = new Set<string>();
    for (const secret of secrets) {
      try {
        new Webhook(secret).verify(payload, headers, { jsonParse: false });
        return partnerId;
      } catch (error) {
        reasons.add(error instanceof Error ? error.message.toLowerCase() : 'signature mismatch');
      }
    }
    throw invalid([...reasons].join('; '));
  }
}

function invalid(reason: string): DomainError {
  return new DomainError('HOOK_SIGNATURE_INVALID', `The hook signature was refused: ${reason}.`);
}
