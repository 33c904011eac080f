import type { BatchRequest } from '../../common/graph/graph-gateway.js';
import { mailboxFactsOf, type MailboxFacts } from './graph-user.util.js';
import type { SyncGraph } from './sync-graph.js';

/** Graph's limit of requests per $batch. */
export const BATCH_SIZE = 20;
/** Facts are written a few batches at a time, not one transaction per batch. */
const FLUSH_AT = 1_000;

/**
 * mailboxSettings.userPurpose of the users whose plans do not tell, asked 20 at a time through $batch
 * with `parallel` batches in flight while the listing goes on. Users whose answer settles nothing
 * (403, 5xx after retries) are left out and asked again by a later sync.
 */
export class MailboxLookups {
  private readonly queue: string[] = [];
  private facts: MailboxFacts[] = [];
  private active = 0;
  private failure: { error: unknown } | undefined;
  private waiting: (() => void)[] = [];

  constructor(
    private readonly graph: SyncGraph,
    private readonly parallel: number,
    private readonly save: (facts: MailboxFacts[]) => void | Promise<void>,
  ) {}

  add(ids: string[]): void {
    this.queue.push(...ids);
    this.pump();
  }

  /** Resolves when every id added so far has been asked and its answer saved. */
  async drain(): Promise<void> {
    while (this.active > 0 || (this.queue.length > 0 && !this.failure)) await new Promise<void>((resolve) => this.waiting.push(resolve));
    // What was learned is saved even when a batch failed for good.
    await this.flush();
    if (this.failure) throw this.failure.error;
  }

  /** A failed run stops asking: the queue is dropped and the batches in flight are waited for. */
  async abandon(): Promise<void> {
    this.queue.length = 0;
    await this.drain().catch(() => undefined);
  }

  private pump(): void {
    while (!this.failure && this.active < this.parallel && this.queue.length > 0) {
      const ids = this.queue.splice(0, BATCH_SIZE);
      this.active += 1;
      this.lookup(ids)
        .catch((error: unknown) => (this.failure ??= { error }))
        .finally(() => {
          this.active -= 1;
          this.pump();
          if (this.active === 0) for (const resolve of this.waiting.splice(0)) resolve();
        });
    }
  }

  private async lookup(ids: string[]): Promise<void> {
    const requests: BatchRequest[] = ids.map((id, index) => ({
      id: String(index + 1),
      method: 'GET',
      url: `/users/${encodeURIComponent(id)}/mailboxSettings?$select=userPurpose`,
    }));
    for (const response of await this.graph.batch(requests)) {
      const fact = mailboxFactsOf(ids[Number(response.id) - 1]!, response.status, response.body);
      if (fact) this.facts.push(fact);
    }
    if (this.facts.length >= FLUSH_AT) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.facts.length === 0) return;
    const facts = this.facts;
    this.facts = [];
    await this.save(facts);
  }
}
