import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { from, of, switchMap, type Observable } from 'rxjs';
import { HookReceiptRepository } from './hook-receipt.repository.js';
import type { HookRequest } from './hook-signature.guard.js';

/** A webhook-id is processed once; a replay is answered with the stored first result and changes nothing. */
@Injectable()
export class HookIdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly receipts: HookReceiptRepository) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<HookRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const partnerId = request.hookPartnerId!;
    const webhookId = request.header('webhook-id')!;
    const previous = this.receipts.get(partnerId, webhookId);
    if (previous) {
      response.status(previous.status).setHeader('webhook-replayed', 'true');
      return of(previous.body);
    }
    return next.handle().pipe(
      switchMap((body: unknown) => {
        this.receipts.insert({ partnerId, webhookId, status: response.statusCode, body: body ?? null, receivedAt: new Date() });
        return from([body]);
      }),
    );
  }
}
