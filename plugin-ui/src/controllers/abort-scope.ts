import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { TaskStatus, type Task } from '@lit/task';
import { isAbortError } from '../api/api-error.js';

/**
 * Ties requests to the host's connection: disconnecting aborts the host's tasks and every request
 * made with `signal`, so an unmounted plugin leaves no request running. Reconnecting reruns the
 * tasks that the disconnection aborted.
 */
export class AbortScope implements ReactiveController {
  private controller = new AbortController();

  constructor(
    host: ReactiveControllerHost,
    private readonly tasks: () => ReadonlyArray<Task<ReadonlyArray<unknown>, unknown>> = () => [],
  ) {
    host.addController(this);
  }

  /** Aborted when the host disconnects. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  hostConnected(): void {
    if (!this.controller.signal.aborted) return;
    this.controller = new AbortController();
    for (const task of this.tasks()) {
      if (task.status === TaskStatus.ERROR && isAbortError(task.error)) void task.run();
    }
  }

  hostDisconnected(): void {
    this.controller.abort();
    for (const task of this.tasks()) task.abort();
  }
}
