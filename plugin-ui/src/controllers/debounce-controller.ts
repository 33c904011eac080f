import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Runs the last of a burst of calls after `delayMs` of quiet; a pending call is dropped on disconnect. */
export class DebounceController<T> implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly delayMs: number,
    private readonly run: (value: T) => void,
  ) {
    host.addController(this);
  }

  call(value: T): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run(value);
    }, this.delayMs);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
