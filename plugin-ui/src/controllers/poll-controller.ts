import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAbortError } from '../api/api-error.js';

export interface PollOptions {
  intervalMs: number;
  maxBackoffMs: number;
  /** Whether there is anything left to poll for. */
  active: () => boolean;
  /** One poll; it reports success through `succeeded()` (or reschedules itself). */
  poll: (signal: AbortSignal) => Promise<void>;
}

/**
 * Polls while the host is connected and `active()` holds, backing off after failures. Disconnecting
 * clears the timer and aborts the requests made with `signal`, so an unmounted plugin leaves nothing
 * running; reconnecting resumes at once.
 */
export class PollController implements ReactiveController {
  /** The last failed poll; polling continues with a back-off. */
  error: unknown = null;

  private timer: ReturnType<typeof setTimeout> | undefined;
  private abort = new AbortController();
  private failures = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: PollOptions,
  ) {
    host.addController(this);
  }

  /** Aborted when the host disconnects. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  hostConnected(): void {
    if (this.abort.signal.aborted) this.abort = new AbortController();
    if (this.options.active()) this.schedule(0);
  }

  hostDisconnected(): void {
    this.stop();
    this.abort.abort();
  }

  /** A poll or an action brought fresh state: reset the back-off and poll again later if still active. */
  succeeded(): void {
    this.failures = 0;
    this.error = null;
    if (this.options.active()) this.schedule(this.options.intervalMs);
    else this.stop();
  }

  schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delay);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    try {
      await this.options.poll(this.abort.signal);
    } catch (error) {
      if (isAbortError(error)) return;
      this.failures += 1;
      this.error = error;
      this.schedule(Math.min(this.options.intervalMs * 2 ** this.failures, this.options.maxBackoffMs));
    }
    this.host.requestUpdate();
  }
}
