import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ACTIVE_ONBOARDING_STATUSES, type SharedOnboarding, type SignInCode } from '@m365/contracts';
import { ApiError, isAbortError } from '../../api/api-error.js';
import type { ShareClient } from '../../api/share-client.js';
import { define } from '../../components/define.js';
import { IntervalController } from '../../controllers/interval-controller.js';
import { describeError } from '../../i18n/describe-error.js';
import { createFormatters, type Formatters } from '../../i18n/format.js';
import { strings } from '../../i18n/strings.js';
import { STEP_ICONS } from '../../styles/onboarding.styles.js';
import { shared } from '../../styles/shared.styles.js';
import { sharePageStyles } from './share-page.styles.js';

const t = strings.share;
const POLL_MS = 3000;
// Failures that end the page: the link is unknown or expired.
const FATAL: ReadonlySet<string> = new Set(['SHARE_LINK_NOT_FOUND', 'SHARE_LINK_EXPIRED']);

/**
 * @summary The page a customer's administrator opens from a share link: their organization's name, the
 * current sign-in code with Copy, Log in to Microsoft 365, and the progress. Nothing else of the
 * partner's data. Reading it keeps the code renewed.
 * @csspart code - The code.
 * @csspart steps - The list of steps.
 */
export class M365SharePage extends LitElement {
  static override styles = [shared, ...sharePageStyles];

  /** Loads the shared onboarding by token. */
  @property({ attribute: false }) client: ShareClient | undefined;
  /** The link's token (the URL fragment). */
  @property() token = '';
  /** BCP 47 locale for times and numbers (the browser's). */
  @property() locale = 'en-US';

  @state() private data: SharedOnboarding | null = null;
  @state() private error: unknown = null;
  @state() private copyState: 'idle' | 'copied' | 'failed' = 'idle';

  private formatters: Formatters = createFormatters('en-US');
  private abort = new AbortController();
  private loads = 0;
  // Polls while the onboarding is active (this is also what keeps its code renewed) and redraws the countdown.
  protected readonly poll = new IntervalController(this, POLL_MS, () => void this.load(), () => this.active);
  protected readonly clock = new IntervalController(this, 1000, undefined, () => Boolean(this.data?.signIn));

  private get active(): boolean {
    if (this.fatal) return false;
    // Before the first answer, only a failed load is tried again.
    if (!this.data) return this.error !== null;
    return (ACTIVE_ONBOARDING_STATUSES as readonly string[]).includes(this.data.status);
  }

  private get fatal(): boolean {
    return this.error instanceof ApiError && FATAL.has(this.error.code);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort.abort();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.abort.signal.aborted) {
      this.abort = new AbortController();
      void this.load();
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) this.formatters = createFormatters(this.locale);
    if (changed.has('token') || changed.has('client')) {
      this.data = null;
      this.error = null;
      void this.load();
    }
  }

  private async load() {
    const client = this.client;
    const token = this.token;
    if (!client || !token) return;
    const load = ++this.loads;
    try {
      const data = await client.getSharedOnboarding(token, this.abort.signal);
      if (load !== this.loads) return;
      if (data.signIn?.userCode !== this.data?.signIn?.userCode) this.copyState = 'idle';
      this.data = data;
      this.error = null;
    } catch (error) {
      if (isAbortError(error) || load !== this.loads) return;
      this.error = error;
    }
  }

  private async copy(code: string) {
    try {
      await navigator.clipboard.writeText(code);
      this.copyState = 'copied';
    } catch {
      this.copyState = 'failed';
    }
  }

  private renderCode(signIn: SignInCode | null) {
    if (!signIn) return html`<p role="status">${t.waitingForCode}</p>`;
    const left = Date.parse(signIn.expiresAt) - Date.now();
    return html`<ol class="how">
        ${t.howTo.map((line) => html`<li>${line}</li>`)}
      </ol>
      <span class="label">${t.codeLabel}</span>
      <p class="code" part="code">${signIn.userCode}</p>
      <div class="actions row">
        <button type="button" @click=${() => this.copy(signIn.userCode)}>${t.copy}</button>
        <button
          type="button"
          class="primary"
          @click=${() => window.open(signIn.verificationUri, '_blank', 'noopener,popup,width=560,height=720')}
        >
          ${t.logIn}
        </button>
        <span role="status">${this.copyState === 'copied' ? t.copied : this.copyState === 'failed' ? t.copyFailed : nothing}</span>
      </div>
      ${left > 0
        ? html`<p role="timer" aria-live="off">${t.expiresIn(this.formatters.clock(left))}</p>`
        : html`<p role="status">${t.expired}</p>`}`;
  }

  private renderOutcome(data: SharedOnboarding) {
    if (data.status === 'awaiting_sign_in') return this.renderCode(data.signIn);
    if (data.status === 'connected') return html`<p class="box success" role="status">${t.connected(data.customerName)}</p>`;
    if (data.failureMessage) return html`<p class="box failure" role="alert">${data.failureMessage}</p>`;
    return html`<p class="box" role="status">${t.working}</p>`;
  }

  private renderSteps(data: SharedOnboarding) {
    return html`<h2 id="progress-title">${t.progressHeading}</h2>
      <ol class="steps" part="steps" aria-labelledby="progress-title">
        ${data.steps.map(
          (step) => html`<li class=${step.state}>
            <span class="icon" aria-hidden="true">${STEP_ICONS[step.state]}</span>
            <span>${strings.steps[step.step]} <span class="state">· ${strings.stepState[step.state]}</span></span>
          </li>`,
        )}
      </ol>`;
  }

  override render() {
    if (!this.token) return html`<h1>${t.title}</h1><p class="box failure" role="alert">${t.missingToken}</p>`;
    const data = this.data;
    if (this.fatal || (!data && this.error)) {
      return html`<h1>${t.title}</h1><p class="box failure" role="alert">${describeError(this.error)}</p>`;
    }
    if (!data) return html`<h1>${t.title}</h1><p role="status">${strings.loading}</p>`;
    return html`<h1>${t.heading(data.customerName)}</h1>
      <p>${t.intro}</p>
      ${this.renderOutcome(data)}
      ${this.error ? html`<p class="error-text" role="alert">${describeError(this.error)}</p>` : nothing}
      ${this.renderSteps(data)}
      <p class="hint">${t.linkExpires(this.formatters.dateTime(data.linkExpiresAt))}</p>`;
  }
}

define('m365-share-page', M365SharePage);

declare global {
  interface HTMLElementTagNameMap {
    'm365-share-page': M365SharePage;
  }
}
