import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Batch, OnboardingSettingsInput } from '@m365/contracts';
import { isAbortError } from '../../api/api-error.js';
import { unwrap, type ApiClient } from '../../api/client.js';
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
export class BatchSession implements ReactiveController {
  batch: Batch | null = null;
  /** The last failed start. */
  error: unknown = null;
  /** The last failed poll; polling continues with a back-off. */
  pollError: unknown = null;
  busy = false;

  private timer: ReturnType<typeof setTimeout> | undefined;
  private abort = new AbortController();
  private failures = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly api: () => ApiClient | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.abort.signal.aborted) this.abort = new AbortController();
    if (batchActive(this.batch)) this.schedule(0);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.abort.abort();
  }

  async start(customerIds: string[], settings: OnboardingSettingsInput): Promise<void> {
    const api = this.api();
    if (!api) return;
    this.busy = true;
    this.error = null;
    this.host.requestUpdate();
    try {
      this.accept(
        await unwrap(api.onboarding.startBatch({ body: { customerIds, settings }, fetchOptions: { signal: this.abort.signal } })),
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
    this.failures = 0;
    this.pollError = null;
    if (batchActive(batch)) this.schedule(POLL_MS);
  }

  private schedule(delay: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(), delay);
  }

  private async poll() {
    this.timer = undefined;
    const api = this.api();
    const batchId = this.batch?.id;
    if (!api || !batchId) return;
    try {
      this.accept(await unwrap(api.onboarding.getBatch({ params: { batchId }, fetchOptions: { signal: this.abort.signal } })));
    } catch (error) {
      if (isAbortError(error)) return;
      this.failures += 1;
      this.pollError = error;
      this.schedule(Math.min(POLL_MS * 2 ** this.failures, MAX_BACKOFF_MS));
    }
    this.host.requestUpdate();
  }
}
