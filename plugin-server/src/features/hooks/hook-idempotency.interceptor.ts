import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { catchError, of, tap, throwError, type Observable } from 'rxjs';
import { apiErrorOf } from '../../common/errors/api-exception.filter.js';
import type { AuthenticatedRequest } from '../auth/auth.decorators.js';
import { HookReceiptsService } from './hook-receipts.service.js';

/** A webhook-id is processed once; a replay is answered with the stored first result and changes nothing. */
@Injectable()
export class HookIdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly receipts: HookReceiptsService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const partnerId = request.hookPartnerId!;
    const webhookId = request.header('webhook-id')!;
    const begun = this.receipts.begin(partnerId, webhookId, { method: request.method, path: request.path, rawBody: request.rawBody });
    if (begun.kind === 'replay') {
      response.status(begun.status).setHeader('webhook-replayed', 'true');
      return of(begun.body);
    }
    return next.handle().pipe(
      tap((body: unknown) => this.receipts.finish(partnerId, webhookId, response.statusCode, body)),
      catchError((error: unknown) => {
        const [status, body] = apiErrorOf(error);
        this.receipts.finish(partnerId, webhookId, status, body);
        return throwError(() => error);
      }),
    );
  }
}
