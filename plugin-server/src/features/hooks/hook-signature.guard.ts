import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { DomainError } from '../../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';

export type HookRequest = Request & { rawBody?: Buffer; hookPartnerId?: string };

/**
 * Standard Webhooks: HMAC-SHA256 over `id.timestamp.rawBody` with the partner's secret, a 5-minute
 * tolerance both ways (checked by the library); any of the partner's secrets may match, for rotation.
 */
@Injectable()
export class HookSignatureGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<HookRequest>();
    const partnerId = String(request.params.partnerId ?? '');
    const secrets = this.config.hooks.secrets.get(partnerId);
    if (!secrets?.length) throw new DomainError('HOOK_PARTNER_UNKNOWN', `No hook secret is configured for partner ${partnerId}.`);
    const headers = {
      'webhook-id': request.header('webhook-id') ?? '',
      'webhook-timestamp': request.header('webhook-timestamp') ?? '',
      'webhook-signature': request.header('webhook-signature') ?? '',
    };
    if (!headers['webhook-id'] || !headers['webhook-timestamp'] || !headers['webhook-signature']) {
      throw new DomainError('HOOK_SIGNATURE_INVALID', 'Send webhook-id, webhook-timestamp and webhook-signature headers (Standard Webhooks).');
    }
    const payload = request.rawBody?.toString('utf8') ?? '';
    let lastError: unknown;
    for (const secret of secrets) {
      try {
        new Webhook(secret).verify(payload, headers);
        request.hookPartnerId = partnerId;
        return true;
      } catch (error) {
        lastError = error;
      }
    }
    const reason = lastError instanceof WebhookVerificationError ? lastError.message : 'signature mismatch';
    throw new DomainError('HOOK_SIGNATURE_INVALID', `The hook signature was refused: ${reason}.`);
  }
}
