import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { describeError } from '../i18n/describe-error.js';
import { strings } from '../i18n/strings.js';
import { shared } from '../styles/shared.styles.js';
import { define, emit } from './define.js';

/**
 * @summary Shows a failed request in words and offers to retry it.
 * @fires m365-retry - The technician asked to try again.
 * @csspart base - The alert box.
 */
export class M365ErrorMessage extends LitElement {
  static override styles = [
    shared,
    css`
      [part='base'] {
        border: 1px solid var(--_danger);
        border-left-width: 4px;
        border-radius: var(--_radius);
        padding: var(--_space) calc(var(--_space) * 1.5);
        background: var(--_surface);
      }
      strong {
        color: var(--_danger);
      }
      p {
        margin: 0.25em 0 var(--_space);
      }
    `,
  ];

  /** The error to explain (an `ApiError` or any thrown value). */
  @property({ attribute: false }) error: unknown;
  /** Show the Retry button. */
  @property({ type: Boolean }) retryable = true;

  override render() {
    return html`<div part="base" role="alert">
      <strong>${strings.errorTitle}</strong>
      <p>${describeError(this.error)}</p>
      ${this.retryable
        ? html`<button type="button" @click=${() => emit(this, 'm365-retry', {})}>${strings.retry}</button>`
        : nothing}
    </div>`;
  }
}

define('m365-error-message', M365ErrorMessage);

declare global {
  interface HTMLElementTagNameMap {
    'm365-error-message': M365ErrorMessage;
  }
  interface HTMLElementEventMap {
    'm365-retry': CustomEvent<Record<string, never>>;
  }
}
