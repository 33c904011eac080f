import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Calls `tick` every `intervalMs` while the host is connected and `active()` says so; the timer is
 * cleared when the host disconnects, so an unmounted plugin leaves no timer behind.
 */
export class IntervalController implements ReactiveController {
  private timer: ReturnType<typeof setInterval> | undefined;
  /** `Date.now()` at the last tick, for elements that render a clock. */
  now = Date.now();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly intervalMs: number,
    private readonly tick: () => void = () => host.requestUpdate(),
    private readonly active: () => boolean = () => true,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.now = Date.now();
    this.timer ??= setInterval(() => {
      this.now = Date.now();
      if (this.active()) this.tick();
    }, this.intervalMs);
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
