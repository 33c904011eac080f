import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { Onboarding, ShareLink } from '@m365/contracts';
import { define, emit } from '../../components/define.js';
import { IntervalController } from '../../controllers/interval-controller.js';
import { describeError } from '../../i18n/describe-error.js';
import { createFormatters, formattersContext, type Formatters } from '../../i18n/format.js';
import { strings } from '../../i18n/strings.js';
import { shared } from '../../styles/shared.styles.js';
import { isActive } from '../add-organization/onboarding-session.js';
import { batchTableStyles } from './add-organizations.styles.js';

const t = strings.bulk;

/** A customer admin's link for one onboarding: being created, created, or refused. */
export type ShareLinkState = { status: 'pending' } | ({ status: 'ready' } & ShareLink) | { status: 'failed'; error: unknown };

/**
 * @summary The rows of an onboarding batch, by customer name: each customer's state, current code with Copy, and the
 * link for the customer's admin (created on request) with Copy.
 * @fires m365-share-link-request - Create link was pressed (detail `{onboardingId}`).
 * @csspart table - The table.
 */
export class M365BatchTable extends LitElement {
  static override styles = [shared, batchTableStyles];

  /** The batch's onboardings, in the order they were started. */
  @property({ attribute: false }) items: Onboarding[] = [];
  /** Links created so far, by onboarding id. */
  @property({ attribute: false }) links: ReadonlyMap<string, ShareLinkState> = new Map();

  @consume({ context: formattersContext, subscribe: true })
  @property({ attribute: false })
  formatters: Formatters = createFormatters('en-US');

  @state() private announcement = '';
  private rows: Onboarding[] = [];
  // Redraws the codes' countdowns every second while some code is showing.
  protected readonly clock = new IntervalController(this, 1000, undefined, () => this.items.some((item) => item.signIn));

  protected override willUpdate(changed: PropertyValues<this>): void {
    // By customer name, so a technician finds a customer among fifty at a glance.
    if (changed.has('items')) this.rows = [...this.items].sort((a, b) => a.customerName.localeCompare(b.customerName));
  }

  private async copy(text: string, done: string) {
    try {
      await navigator.clipboard.writeText(text);
      this.announcement = done;
    } catch {
      this.announcement = t.copyFailed;
    }
  }

  private renderState(item: Onboarding) {
    const label = strings.onboardingStatus[item.status];
    const detail =
      item.status === 'configuring' || item.status === 'queued'
        ? strings.steps[item.currentStep]
        : item.status === 'failed'
          ? (item.failure?.message ?? '')
          : '';
    return html`<span class="state ${item.status}">${label}</span> ${detail ? html`<span class="detail">${detail}</span>` : nothing}`;
  }

  private renderCode(item: Onboarding) {
    if (item.status !== 'awaiting_sign_in') return html`<span class="detail">${t.noCode}</span>`;
    const signIn = item.signIn;
    if (!signIn) return html`<span class="detail">${t.newCodeComing}</span>`;
    const left = Date.parse(signIn.expiresAt) - Date.now();
    return html`<div class="row">
        <code part="code">${signIn.userCode}</code>
        <button
          type="button"
          aria-label=${t.copyCodeFor(item.customerName)}
          @click=${() => this.copy(signIn.userCode, t.codeCopied(item.customerName))}
        >
          ${strings.signIn.copy}
        </button>
      </div>
      <span class="detail">${left > 0 ? strings.signIn.expiresIn(this.formatters.clock(left)) : t.newCodeComing}</span>`;
  }

  private renderLink(item: Onboarding) {
    const link = this.links.get(item.id);
    const name = item.customerName;
    if (link?.status === 'ready') {
      return html`<div class="row link">
          <input type="text" readonly aria-label=${t.linkFor(name)} .value=${link.url} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
          <button type="button" aria-label=${t.copyLinkFor(name)} @click=${() => this.copy(link.url, t.linkCopied(name))}>
            ${t.copyLink}
          </button>
        </div>
        <span class="detail">${t.linkExpires(this.formatters.dateTime(link.expiresAt))}</span>`;
    }
    if (!isActive(item)) return nothing;
    return html`<button
        type="button"
        aria-label=${t.createLinkFor(name)}
        ?disabled=${link?.status === 'pending'}
        @click=${() => emit(this, 'm365-share-link-request', { onboardingId: item.id })}
      >
        ${link?.status === 'pending' ? t.creatingLink : t.createLink}
      </button>
      ${link?.status === 'failed'
        ? html`<span class="error-text" role="alert">${t.linkFailed(describeError(link.error))}</span>`
        : nothing}`;
  }

  override render() {
    return html`<table part="table" aria-label=${t.tableLabel}>
        <thead>
          <tr>
            <th scope="col">${t.columns.customer}</th>
            <th scope="col">${t.columns.state}</th>
            <th scope="col">${t.columns.code}</th>
            <th scope="col">${t.columns.link}</th>
          </tr>
        </thead>
        <tbody>
          ${this.rows.map(
            (item) => html`<tr data-onboarding=${item.id}>
              <th scope="row">${item.customerName}</th>
              <td>${this.renderState(item)}</td>
              <td>${this.renderCode(item)}</td>
              <td>${this.renderLink(item)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      <p class="hint" role="status">${this.announcement}</p>`;
  }
}

define('m365-batch-table', M365BatchTable);

declare global {
  interface HTMLElementTagNameMap {
    'm365-batch-table': M365BatchTable;
  }
  interface HTMLElementEventMap {
    'm365-share-link-request': CustomEvent<{ onboardingId: string }>;
  }
}
