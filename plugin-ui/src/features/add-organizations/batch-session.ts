import type { ReactiveControllerHost } from 'lit';
import type { Batch, OnboardingSettingsInput } from '@m365/contracts';
import { isAbortError } from '../../api/api-error.js';
import { unwrap, type ApiClient } from '../../api/client.js';
import { PollController } from '../../controllers/poll-controller.js';
import { isActive } from '../add-organization/onboarding-session.js';

const POLL_MS = 2000;
const MAX_BACKOFF_MS = 15_000;

/** True while some onboarding of the batch still waits for a sign-in or configures. */
export function batchActive(batch: Batch | null): boolean {
  return batch !== null && batch.items.some((item) => isActive(item));
}

/**
 * One onboarding batch seen from the board: starts it, then polls `getBatch` while any of its
 * onboardings is active. Polling is what keeps every code of the batch renewed on the server, so it
 * runs as long as the board is open; it stops when the host disconnects.
 */
export class BatchSession {
  batch: Batch | null = null;
  /** The last failed start. */
  error: unknown = null;
  busy = false;

  private readonly polling: PollController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly api: () => ApiClient | undefined,
  ) {
    this.polling = new PollController(host, {
      intervalMs: POLL_MS,
      maxBackoffMs: MAX_BACKOFF_MS,
      active: () => batchActive(this.batch),
      poll: (signal) => this.poll(signal),
    });
  }

  /** The last failed poll; polling continues with a back-off. */
  get pollError(): unknown {
    return this.polling.error;
  }

  async start(customerIds: string[], settings: OnboardingSettingsInput): Promise<void> {
    const api = this.api();
    if (!api) return;
    this.busy = true;
    this.error = null;
    this.host.requestUpdate();
    try {
      this.accept(
        await unwrap(api.onboarding.startBatch({ body: { customerIds, settings }, fetchOptions: { signal: this.polling.signal } })),
      );
    } catch (error) {
      if (!isAbortError(error)) this.error = error;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  private accept(batch: Batch) {
    this.batch = batch;
    this.polling.succeeded();
  }

  private async poll(signal: AbortSignal) {
    const api = this.api();
    const batchId = this.batch?.id;
    if (!api || !batchId) return;
    this.accept(await unwrap(api.onboarding.getBatch({ params: { batchId }, fetchOptions: { signal } })));
  }
}
