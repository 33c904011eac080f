import type { BatchRequest, BatchResponse, GraphPage, GraphSession, Headers } from '../../common/graph/graph-gateway.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { MicrosoftError } from '../../common/microsoft/microsoft-error.js';
import { classify, parseRetryAfter, retryDelayMs, type Classification } from '../../common/retry/retry-policy.js';

/** Attempts of one request before the sync gives up on it (each wait obeys Retry-After, capped by the policy). */
export const MAX_ATTEMPTS = 8;

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface SyncCounters {
  requests: number;
  pages: number;
  throttleWaits: number;
  throttleWaitMs: number;
}

type Retryable = Extract<Classification, { retry: true }>;

/**
 * A Graph session for one sync run: every request is counted and retried in process by the shared
 * retry policy, never before Microsoft's Retry-After.
 */
export class SyncGraph {
  readonly counters: SyncCounters = { requests: 0, pages: 0, throttleWaits: 0, throttleWaitMs: 0 };

  constructor(
    private readonly session: GraphSession,
    private readonly sleep: Sleep = realSleep,
  ) {}

  async page<T, R = T>(pathOrLink: string, headers: Headers = {}, map?: (items: T[]) => R[]): Promise<GraphPage<R>> {
    const page = await this.retrying(() => this.session.page<T, R>(pathOrLink, headers, map));
    this.counters.pages += 1;
    return page;
  }

  /** `/users/$count` and friends answer text/plain. */
  async count(path: string): Promise<number> {
    const body = await this.retrying(() => this.session.get<unknown>(path, { ConsistencyLevel: 'eventual' }));
    const count = Number(typeof body === 'string' ? body.trim() : body);
    if (!Number.isInteger(count)) throw new MicrosoftError('graph', 200, 'invalid_count', `Graph answered ${path} with a non-number.`);
    return count;
  }

  /** A $batch whose throttled or unavailable inner requests are sent again, alone, after their Retry-After. */
  async batch<T>(requests: BatchRequest[]): Promise<BatchResponse<T>[]> {
    const settled = new Map<string, BatchResponse<T>>();
    let pending = requests;
    for (let attempt = 1; pending.length; attempt++) {
      const responses = await this.retrying(() => this.session.batch<T>(pending));
      const again: BatchRequest[] = [];
      let wait: Retryable | undefined;
      for (const response of responses) {
        // Only throttled and failing inner requests can be worth another try (a 404 answers a lookup).
        const classification = response.status === 429 || response.status >= 500 ? classify(innerError(response)) : undefined;
        if (classification?.retry && attempt < MAX_ATTEMPTS) {
          again.push(pending.find((request) => request.id === response.id)!);
          if (!wait || (classification.retryAfterMs ?? 0) > (wait.retryAfterMs ?? 0)) wait = classification;
        } else {
          settled.set(response.id, response);
        }
      }
      if (wait) await this.wait(wait, attempt);
      pending = again;
    }
    return requests.map((request) => settled.get(request.id)).filter((response) => response !== undefined);
  }

  private async retrying<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      this.counters.requests += 1;
      try {
        return await call();
      } catch (error) {
        // A refusal of ours (a link to a foreign host) is not Microsoft's failure: nothing to retry.
        if (error instanceof DomainError) throw error;
        const classification = classify(error);
        if (!classification.retry || attempt >= MAX_ATTEMPTS) throw error;
        await this.wait(classification, attempt);
      }
    }
  }

  private async wait(classification: Retryable, attempt: number): Promise<void> {
    const delay = retryDelayMs(classification, attempt);
    this.counters.throttleWaits += 1;
    this.counters.throttleWaitMs += delay;
    await this.sleep(delay);
  }
}

function innerError<T>(response: BatchResponse<T>): MicrosoftError {
  const retryAfter = Object.entries(response.headers).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
  const error = (response.body as { error?: { code?: string; message?: string } } | null)?.error;
  return new MicrosoftError('graph', response.status, error?.code ?? `http_${response.status}`, error?.message ?? '', {
    retryAfterMs: parseRetryAfter(retryAfter),
  });
}
