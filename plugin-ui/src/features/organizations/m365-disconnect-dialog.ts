import { LitElement, css, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { define, emit } from '../../components/define.js';
import '../../components/m365-error-message.js';
import { strings } from '../../i18n/strings.js';
import { shared } from '../../styles/shared.styles.js';

const t = strings.disconnect;

/**
 * @summary Asks for confirmation before an organization is disconnected.
 * @fires m365-disconnect-confirm - Disconnect was confirmed (detail `{removeApplication, reason}`).
 * @fires m365-dialog-close - The dialog closed without confirming.
 * @csspart dialog - The dialog.
 */
export class M365DisconnectDialog extends LitElement {
  static override styles = [
    shared,
    css`
      dialog {
        max-width: 36rem;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_surface);
        color: var(--_text);
        padding: calc(var(--_space) * 3);
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.35);
      }
      .check {
        display: flex;
        gap: var(--_space);
        align-items: flex-start;
        font-weight: normal;
      }
      textarea {
        width: 100%;
        min-height: 4em;
        padding: var(--_space);
      }
    `,
  ];

  /** The customer name shown in the question. */
  @property() name = '';
  /** The disconnect request is on its way. */
  @property({ type: Boolean }) busy = false;
  /** Why the last attempt failed. */
  @property({ attribute: false }) error: unknown = null;

  @state() private removeApplication = false;
  @state() private reason = '';
  @query('dialog') private dialog!: HTMLDialogElement;

  override firstUpdated(): void {
    this.dialog.showModal();
  }

  private confirm() {
    emit(this, 'm365-disconnect-confirm', { removeApplication: this.removeApplication, reason: this.reason.trim() });
  }

  override render() {
    return html`<dialog
      part="dialog"
      aria-labelledby="title"
      aria-describedby="text"
      @close=${() => emit(this, 'm365-dialog-close', {})}
    >
      <h2 id="title">${t.title(this.name)}</h2>
      <p id="text">${t.text}</p>
      <label class="check">
        <input
          type="checkbox"
          .checked=${this.removeApplication}
          @change=${(e: Event) => (this.removeApplication = (e.target as HTMLInputElement).checked)}
        />
        <span>${t.removeApplication}</span>
      </label>
      <div class="field">
        <label for="reason">${t.reasonLabel}</label>
        <textarea
          id="reason"
          maxlength="500"
          .value=${this.reason}
          @input=${(e: Event) => (this.reason = (e.target as HTMLTextAreaElement).value)}
        ></textarea>
      </div>
      ${this.error
        ? html`<m365-error-message .error=${this.error} .retryable=${false}></m365-error-message>`
        : nothing}
      <div class="row">
        <button type="button" class="danger" ?disabled=${this.busy} @click=${() => this.confirm()}>${t.confirm}</button>
        <button type="button" autofocus @click=${() => this.dialog.close()}>${strings.cancel}</button>
      </div>
    </dialog>`;
  }
}

define('m365-disconnect-dialog', M365DisconnectDialog);

declare global {
  interface HTMLElementTagNameMap {
    'm365-disconnect-dialog': M365DisconnectDialog;
  }
  interface HTMLElementEventMap {
    'm365-disconnect-confirm': CustomEvent<{ removeApplication: boolean; reason: string }>;
    'm365-dialog-close': CustomEvent<Record<string, never>>;
  }
}
