import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import type { OrganizationStatus } from '@m365/contracts';
import { strings } from '../i18n/strings.js';
import { shared } from '../styles/shared.styles.js';
import { define } from './define.js';

/**
 * @summary An organization's status as a coloured label.
 * @csspart base - The label.
 */
export class M365StatusBadge extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: inline-block;
      }
      .connected {
        color: var(--_success);
      }
      .needs_attention {
        color: var(--_danger);
      }
      .connecting,
      .configuring {
        color: var(--_accent);
      }
      .disconnected {
        color: var(--_muted);
      }
    `,
  ];

  /** The status to show. */
  @property({ reflect: true }) status: OrganizationStatus = 'connected';

  override render() {
    return html`<span part="base" class="badge ${this.status}">${strings.status[this.status]}</span>`;
  }
}

define('m365-status-badge', M365StatusBadge);

declare global {
  interface HTMLElementTagNameMap {
    'm365-status-badge': M365StatusBadge;
  }
}
