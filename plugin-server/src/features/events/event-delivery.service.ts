import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { stackOf } from '../../common/errors/stack-of.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { nextAttemptAt } from './delivery-schedule.util.js';
import { OutboxRepository, type OutboxEventRow } from './outbox.repository.js';

const MAX_LANES = 16;
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Posts outbox events to the host, signed per Standard Webhooks with every secret of the partner (so
 * a rotation needs no coordination). Events of one organization (or of the partner, when they concern
 * no organization) form a lane delivered strictly in order: a lane waits while its first event is
 * being retried. Everything it needs is in the outbox, so a restart resumes where it stopped.
 */
@Injectable()
export class EventDeliveryService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(EventDeliveryService.name);
  private readonly lanes = new Map<string, Promise<void>>();
  private stopping = false;

  constructor(
    private readonly outbox: OutboxRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts a delivery for every lane whose first event is due; returns without waiting (see `drain`). */
  tick(now = new Date()): void {
    if (!this.config.events.url || this.stopping) return;
    for (const head of this.outbox.dueLaneHeads(now, MAX_LANES * 4)) {
      const lane = `${head.partnerId}|${head.organizationId ?? ''}`;
      if (this.lanes.has(lane)) continue;
      if (this.lanes.size >= MAX_LANES) break;
      const delivery = this.deliverLane(head)
        .catch((error: unknown) => this.logger.error(`Delivering events of ${lane} stopped; the next tick resumes it.`, stackOf(error)))
        .finally(() => this.lanes.delete(lane));
      this.lanes.set(lane, delivery);
    }
  }

  /** Waits for the deliveries under way (tests, shutdown). */
  async drain(): Promise<void> {
    while (this.lanes.size) await Promise.allSettled([...this.lanes.values()]);
  }

  /** An event being posted when the server stops is finished and recorded, so it is not sent twice. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.drain();
  }

  private async deliverLane(first: OutboxEventRow): Promise<void> {
    let event: OutboxEventRow | undefined = first;
    while (event && !this.stopping && (await this.deliver(event))) {
      event = this.outbox.dueHeadOf(event.partnerId, event.organizationId, new Date());
    }
  }

  private async deliver(event: OutboxEventRow): Promise<boolean> {
    const attempts = event.attempts + 1;
    const error = await this.post(event).catch((failure: unknown) => describe(failure));
    const now = new Date();
    if (error === null) {
      this.outbox.markDelivered(event.id, attempts, now);
      return true;
    }
    const next = nextAttemptAt(event.createdAt, attempts, now, {
      baseMs: this.config.events.retryBaseMs,
      maxMs: this.config.events.retryMaxMs,
      windowMs: this.config.events.retryWindowMs,
    });
    this.outbox.markAttemptFailed(event.id, attempts, error, next);
    if (!next) this.logger.error(`Event ${event.id} (${event.type}) was not accepted by the host after ${attempts} attempts: ${error}`);
    return false;
  }

  /** Null when the host accepted the event, else why not. */
  private async post(event: OutboxEventRow): Promise<string | null> {
    const secrets = this.config.hooks.secrets.get(event.partnerId) ?? [];
    if (secrets.length === 0) return `No secret is configured for partner ${event.partnerId} (HOOK_SECRETS), so the event cannot be signed.`;
    const body = JSON.stringify(event.envelope);
    const at = new Date();
    const response = await fetch(this.config.events.url!, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'm365-backup-plugin',
        'webhook-id': event.id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(event.id, at, body)).join(' '),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (response.ok) {
      await response.body?.cancel();
      return null;
    }
    const text = (await response.text().catch(() => '')).replace(/\s+/g, ' ').slice(0, 200);
    return `The host answered ${response.status}${text ? `: ${text}` : ''}`;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `The host did not answer within ${REQUEST_TIMEOUT_MS / 1000} s.`;
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `Could not reach the host (${error instanceof Error ? error.message : String(error)}${cause}).`;
}
