import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Loads a feature module on first use (code splitting: it stays out of the initial bundle) and
 * re-renders the host once it is there.
 */
export class LazyModule implements ReactiveController {
  loaded = false;
  error: unknown = null;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly load: () => Promise<unknown>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Resolves once the module is loaded; a failed load can be tried again. */
  ensure(): Promise<void> {
    this.loading ??= this.load().then(
      () => {
        this.loaded = true;
        this.error = null;
        this.host.requestUpdate();
      },
      (error: unknown) => {
        this.error = error;
        this.loading = undefined;
        this.host.requestUpdate();
      },
    );
    return this.loading;
  }
}
