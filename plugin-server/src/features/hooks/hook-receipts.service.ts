import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error.js';
import { HookReceiptRepository, PROCESSING } from './hook-receipt.repository.js';

/** How long a first answer is replayed; hosts retry a failed delivery for up to a few days. */
export const RECEIPT_RETENTION_MS = 7 * 24 * 3600_000;
// A claim this old was left by a request that never finished (the process died mid-way).
const ABANDONED_AFTER_MS = 5 * 60_000;

export type HookBegin = { kind: 'first' } | { kind: 'replay'; status: number; body: unknown };

/** Each webhook-id is handled once per partner; later deliveries of it get the first answer back. */
@Injectable()
export class HookReceiptsService {
  constructor(private readonly receipts: HookReceiptRepository) {}

  begin(partnerId: string, webhookId: string, request: { method: string; path: string; rawBody: Buffer | undefined }): HookBegin {
    const hash = createHash('sha256').update(`${request.method} ${request.path}\n`).update(request.rawBody ?? Buffer.alloc(0)).digest('hex');
    const now = new Date();
    const existing = this.receipts.claim(partnerId, webhookId, hash, now);
    if (!existing) return { kind: 'first' };
    if (existing.requestHash !== hash) {
      throw new DomainError('HOOK_ID_REUSED', `webhook-id ${webhookId} was already used for another message; give every message its own id.`);
    }
    if (existing.status !== PROCESSING) return { kind: 'replay', status: existing.status, body: existing.body };
    if (this.receipts.reclaim(partnerId, webhookId, new Date(now.getTime() - ABANDONED_AFTER_MS), now)) return { kind: 'first' };
    throw new DomainError('HOOK_IN_PROGRESS', `webhook-id ${webhookId} is still being processed; retry later to get its answer.`);
  }

  /** Answers below 500 are final; a server error lets the host's retry run the hook again. */
  finish(partnerId: string, webhookId: string, status: number, body: unknown): void {
    if (status >= 500) this.receipts.release(partnerId, webhookId);
    else this.receipts.complete(partnerId, webhookId, status, body);
  }

  releaseUnfinished(): number {
    return this.receipts.releaseAllProcessing();
  }

  prune(now = new Date()): number {
    return this.receipts.deleteOlderThan(new Date(now.getTime() - RECEIPT_RETENTION_MS));
  }
}
