import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { SignInCode } from '@m365/contracts';
import { define, emit } from '../../components/define.js';
import { IntervalController } from '../../controllers/interval-controller.js';
import { createFormatters, formattersContext, type Formatters } from '../../i18n/format.js';
import { strings } from '../../i18n/strings.js';
import { signInCodeStyles } from '../../styles/onboarding.styles.js';
import { shared } from '../../styles/shared.styles.js';

const t = strings.signIn;

/**
 * @summary The device code step: the code, Copy, Log in to Microsoft 365 (new window), the time left,
 * the renewed code after expiry, and the pop-up sign-in alternative.
 * @fires m365-code-renew - The technician asked for a new code.
 * @fires m365-popup-sign-in - The technician chose the pop-up sign-in.
 * @csspart code - The code.
 */
export class M365SignInCode extends LitElement {
  static override styles = [
    shared,
    signInCodeStyles,
    css`
      .notice {
        border-left: 4px solid var(--_accent);
        padding-inline-start: var(--_space);
      }
      .expired {
        color: var(--_danger);
      }
      .popup {
        margin-top: calc(var(--_space) * 3);
        padding-top: calc(var(--_space) * 2);
        border-top: 1px solid var(--_border);
      }
    `,
  ];

  /** The current code; null while a new one is being issued. */
  @property({ attribute: false }) signIn: SignInCode | null = null;
  /** The pop-up sign-in is running. */
  @property({ type: Boolean }) popupBusy = false;
  /** Why the last pop-up sign-in failed. */
  @property() popupError = '';

  @consume({ context: formattersContext, subscribe: true })
  @property({ attribute: false })
  formatters: Formatters = createFormatters('en-US');

  @state() private copyState: 'idle' | 'copied' | 'failed' = 'idle';
  // Redraws the countdown every second.
  protected readonly clock = new IntervalController(this, 1000);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('signIn') && changed.get('signIn')?.userCode !== this.signIn?.userCode) this.copyState = 'idle';
  }

  private async copy() {
    if (!this.signIn) return;
    try {
      await navigator.clipboard.writeText(this.signIn.userCode);
      this.copyState = 'copied';
    } catch {
      this.copyState = 'failed';
    }
  }

  private openLogin() {
    if (!this.signIn) return;
    window.open(this.signIn.verificationUri, '_blank', 'noopener,popup,width=560,height=720');
  }

  private renderExpiry(signIn: SignInCode) {
    const left = Date.parse(signIn.expiresAt) - Date.now();
    if (left <= 0) {
      return html`<p class="expired" role="status">${t.expired}</p>
        <button type="button" @click=${() => emit(this, 'm365-code-renew', {})}>${t.newCode}</button>`;
    }
    return html`<p role="timer" aria-live="off">${t.expiresIn(this.formatters.clock(left))}</p>`;
  }

  override render() {
    const signIn = this.signIn;
    return html`<p>${t.instructions}</p>
      ${signIn && signIn.renewals > 0 ? html`<p class="notice" role="status">${t.renewed}</p>` : nothing}
      ${signIn
        ? html`<span class="label" id="code-label">${t.codeLabel}</span>
            <p class="code" part="code">${signIn.userCode}</p>
            <div class="actions row">
              <button type="button" @click=${() => this.copy()}>${t.copy}</button>
              <button type="button" class="primary" @click=${() => this.openLogin()}>${t.logIn}</button>
              <span role="status">
                ${this.copyState === 'copied' ? t.copied : this.copyState === 'failed' ? t.copyFailed : nothing}
              </span>
            </div>
            ${this.renderExpiry(signIn)}
            <p class="hint">${t.waiting}</p>`
        : html`<p role="status">${t.expired}</p>`}
      <div class="popup">
        <button
          type="button"
          class="link"
          ?disabled=${this.popupBusy}
          @click=${() => emit(this, 'm365-popup-sign-in', {})}
        >
          ${t.usePopup}
        </button>
        <p class="hint">${this.popupBusy ? t.popupWorking : t.popupHint}</p>
        ${this.popupError ? html`<p class="error-text" role="alert">${this.popupError}</p>` : nothing}
      </div>`;
  }
}

define('m365-sign-in-code', M365SignInCode);

declare global {
  interface HTMLElementTagNameMap {
    'm365-sign-in-code': M365SignInCode;
  }
  interface HTMLElementEventMap {
    'm365-code-renew': CustomEvent<Record<string, never>>;
    'm365-popup-sign-in': CustomEvent<Record<string, never>>;
  }
}
