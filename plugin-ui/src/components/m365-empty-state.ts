import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { shared } from '../styles/shared.styles.js';
import { define } from './define.js';

/**
 * @summary A centred explanation shown when a list has nothing to show.
 * @slot - Actions, e.g. the button that fills the list.
 * @csspart base - The container.
 */
export class M365EmptyState extends LitElement {
  static override styles = [
    shared,
    css`
      [part='base'] {
        text-align: center;
        padding: calc(var(--_space) * 5) calc(var(--_space) * 3);
        border: 1px dashed var(--_border);
        border-radius: var(--_radius);
        background: var(--_surface-alt);
      }
      p {
        max-width: 46em;
        margin: var(--_space) auto calc(var(--_space) * 2);
        color: var(--_muted);
      }
    `,
  ];

  /** The title line. */
  @property() heading = '';
  /** The explanation below it. */
  @property() text = '';

  override render() {
    return html`<div part="base">
      <h2>${this.heading}</h2>
      <p>${this.text}</p>
      <slot></slot>
    </div>`;
  }
}

define('m365-empty-state', M365EmptyState);

declare global {
  interface HTMLElementTagNameMap {
    'm365-empty-state': M365EmptyState;
  }
}
