import type { ReactiveControllerHost } from 'lit';
import {
  ACTIVE_ONBOARDING_STATUSES,
  type OnboardingSettingsInput,
  type Onboarding,
} from '@m365/contracts';
import { isAbortError } from '../../api/api-error.js';
import { unwrap, type ApiClient } from '../../api/client.js';
import { PollController } from '../../controllers/poll-controller.js';

const POLL_MS = 2000;
const MAX_BACKOFF_MS = 15_000;

export function isActive(onboarding: Onboarding | null): boolean {
  return onboarding !== null && (ACTIVE_ONBOARDING_STATUSES as readonly string[]).includes(onboarding.status);
}

/**
 * One onboarding seen from the panel: starts or resumes it, polls `getOnboarding` while it is active
 * (polling is also what keeps its sign-in code renewed on the server) and runs the technician's
 * actions. Polling and requests stop when the host disconnects.
 */
export class OnboardingSession {
  onboarding: Onboarding | null = null;
  /** The last failed action (start, renew, retry, ...), for the panel to show. */
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
      active: () => isActive(this.onboarding),
      poll: (signal) => this.poll(signal),
    });
  }

  /** The last failed poll; polling continues with a back-off. */
  get pollError(): unknown {
    return this.polling.error;
  }

  start(customerId: string, settings: OnboardingSettingsInput): Promise<void> {
    return this.run((api, signal) =>
      unwrap(api.onboarding.startOnboarding({ body: { customerId, settings }, fetchOptions: { signal } })),
    );
  }

  resume(onboardingId: string): Promise<void> {
    return this.run((api, signal) =>
      unwrap(api.onboarding.getOnboarding({ params: { onboardingId }, fetchOptions: { signal } })),
    );
  }

  renewCode(): Promise<void> {
    return this.withId((api, onboardingId, signal) =>
      unwrap(api.onboarding.renewSignInCode({ params: { onboardingId }, fetchOptions: { signal } })),
    );
  }

  retry(): Promise<void> {
    return this.withId((api, onboardingId, signal) =>
      unwrap(api.onboarding.retryOnboarding({ params: { onboardingId }, fetchOptions: { signal } })),
    );
  }

  confirmTenant(): Promise<void> {
    return this.withId((api, onboardingId, signal) =>
      unwrap(api.onboarding.confirmTenant({ params: { onboardingId }, fetchOptions: { signal } })),
    );
  }

  cancel(): Promise<void> {
    return this.withId((api, onboardingId, signal) =>
      unwrap(api.onboarding.cancelOnboarding({ params: { onboardingId }, fetchOptions: { signal } })),
    );
  }

  submitPopupToken(accessToken: string): Promise<void> {
    return this.withId((api, onboardingId, signal) =>
      unwrap(
        api.onboarding.submitPopupSignIn({ params: { onboardingId }, body: { accessToken }, fetchOptions: { signal } }),
      ),
    );
  }

  /** Forget the onboarding (e.g. to choose another customer); the server keeps it. */
  reset(): void {
    this.polling.stop();
    this.onboarding = null;
    this.error = null;
    this.polling.error = null;
    this.host.requestUpdate();
  }

  private withId(action: (api: ApiClient, onboardingId: string, signal: AbortSignal) => Promise<Onboarding>) {
    const onboardingId = this.onboarding?.id;
    if (!onboardingId) return Promise.resolve();
    return this.run((api, signal) => action(api, onboardingId, signal));
  }

  private async run(action: (api: ApiClient, signal: AbortSignal) => Promise<Onboarding>): Promise<void> {
    const api = this.api();
    if (!api) return;
    this.busy = true;
    this.error = null;
    this.host.requestUpdate();
    try {
      this.accept(await action(api, this.polling.signal));
    } catch (error) {
      if (!isAbortError(error)) this.error = error;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  private accept(onboarding: Onboarding) {
    this.onboarding = onboarding;
    this.polling.succeeded();
  }

  private async poll(signal: AbortSignal) {
    const api = this.api();
    const onboardingId = this.onboarding?.id;
    if (!api || !onboardingId) return;
    const onboarding = await unwrap(api.onboarding.getOnboarding({ params: { onboardingId }, fetchOptions: { signal } }));
    const current = this.onboarding;
    if (current?.id !== onboardingId) return;
    // An action's answer may have overtaken this poll; never step back to an older state.
    if (Date.parse(onboarding.updatedAt) < Date.parse(current.updatedAt)) this.polling.schedule(POLL_MS);
    else this.accept(onboarding);
  }
}
