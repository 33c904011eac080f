import { LitElement, html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type { Batch, OnboardingSettingsInput } from '@m365/contracts';
import { apiContext } from '../../api/api-context.js';
import { ApiError, isAbortError } from '../../api/api-error.js';
import { unwrap, type ApiClient } from '../../api/client.js';
import { define, emit } from '../../components/define.js';
import '../../components/m365-error-message.js';
import { AbortScope } from '../../controllers/abort-scope.js';
import { createFormatters, formattersContext, type Formatters } from '../../i18n/format.js';
import { strings } from '../../i18n/strings.js';
import { shared } from '../../styles/shared.styles.js';
import { panelStyles } from '../add-organization/add-organization.styles.js';
import { settingsErrors } from '../settings/m365-settings-fields.js';
import { boardStyles } from './add-organizations.styles.js';
import { BatchSession } from './batch-session.js';
import './m365-batch-setup.js';
import './m365-batch-table.js';
import type { ShareLinkState } from './m365-batch-table.js';

const t = strings.bulk;

/**
 * @summary The Add organizations board: choose customers and one settings template, start, then
 * watch every onboarding of the batch with its current code, Copy and a link for the customer's admin.
 * Codes stay renewed while the board is open.
 * @fires m365-board-close - The board closed (detail `{batchId}`).
 * @csspart panel - The dialog.
 */
export class M365AddOrganizationsBoard extends LitElement {
  static override styles = [shared, panelStyles, boardStyles];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: ApiClient;
  @consume({ context: formattersContext, subscribe: true }) @state() private formatters: Formatters =
    createFormatters('en-US');
  @state() private links: ReadonlyMap<string, ShareLinkState> = new Map();
  @query('dialog') private dialog!: HTMLDialogElement;

  private readonly session = new BatchSession(this, () => this.api);

  private readonly customers = new Task(this, {
    args: () => [this.api] as const,
    task: async ([api], { signal }) =>
      api ? (await unwrap(api.customers.listCustomers({ query: { connectable: 'true' }, fetchOptions: { signal } }))).items : [],
  });

  private readonly devices = new Task(this, {
    args: () => [this.api] as const,
    task: async ([api], { signal }) => (api ? (await unwrap(api.devices.listDevices({ fetchOptions: { signal } }))).items : []),
  });

  private readonly scope = new AbortScope(this, () => [this.customers, this.devices]);

  override firstUpdated(): void {
    this.dialog.showModal();
  }

  /** Close the board; the onboardings continue on the server (their codes are renewed only while watched). */
  close(): void {
    if (this.dialog.open) this.dialog.close();
  }

  private setLink(onboardingId: string, link: ShareLinkState) {
    this.links = new Map([...this.links, [onboardingId, link]]);
  }

  private async createLink(onboardingId: string) {
    const api = this.api;
    if (!api) return;
    this.setLink(onboardingId, { status: 'pending' });
    try {
      const link = await unwrap(
        api.onboarding.createShareLink({ params: { onboardingId }, fetchOptions: { signal: this.scope.signal } }),
      );
      this.setLink(onboardingId, { status: 'ready', ...link });
    } catch (error) {
      if (!isAbortError(error)) this.setLink(onboardingId, { status: 'failed', error });
    }
  }

  private renderSetup() {
    return this.customers.render({
      pending: () => html`<p>${strings.loading}</p>`,
      error: (error) => html`<m365-error-message .error=${error} @m365-retry=${() => this.customers.run()}></m365-error-message>`,
      complete: (customers) => html`<m365-batch-setup
        .customers=${customers}
        .devices=${this.devices.value ?? []}
        .busy=${this.session.busy}
        .errors=${settingsErrors(this.session.error)}
        @m365-batch-start=${(e: HTMLElementEventMap['m365-batch-start']) => this.start(e.detail.customerIds, e.detail.settings)}
      ></m365-batch-setup>`,
    });
  }

  private start(customerIds: string[], settings: OnboardingSettingsInput) {
    void this.session.start(customerIds, settings);
  }

  private renderBoard(batch: Batch) {
    const f = this.formatters;
    const { counts } = batch;
    const names = new Map((this.customers.value ?? []).map((customer) => [customer.id, customer.name]));
    return html`<p>${t.boardHint}</p>
      <p class="counts" role="status">
        ${t.counts(
          f.number(counts.awaitingSignIn),
          f.number(counts.queued),
          f.number(counts.configuring),
          f.number(counts.connected),
          f.number(counts.failed),
        )}
      </p>
      ${this.session.pollError
        ? html`<m365-error-message .error=${this.session.pollError} .retryable=${false}></m365-error-message>`
        : nothing}
      <m365-batch-table
        .items=${batch.items}
        .links=${this.links}
        @m365-share-link-request=${(e: HTMLElementEventMap['m365-share-link-request']) => this.createLink(e.detail.onboardingId)}
      ></m365-batch-table>
      ${batch.rejected.length
        ? html`<section class="rejected" aria-labelledby="rejected-title">
            <h3 id="rejected-title">${t.rejectedHeading}</h3>
            <ul>
              ${batch.rejected.map(
                (item) => html`<li><strong>${names.get(item.customerId) ?? item.customerId}</strong>: ${item.message}</li>`,
              )}
            </ul>
          </section>`
        : nothing}`;
  }

  override render() {
    const batch = this.session.batch;
    const startError =
      this.session.error && !(this.session.error instanceof ApiError && this.session.error.code === 'VALIDATION_FAILED');
    return html`<dialog
      part="panel"
      aria-labelledby="board-title"
      @close=${() => emit(this, 'm365-board-close', { batchId: batch?.id ?? null })}
    >
      <header class="row">
        <h2 id="board-title">${t.title}</h2>
        <span class="spacer"></span>
        <button type="button" @click=${() => this.close()}>${strings.close}</button>
      </header>
      <div class="body">
        ${startError ? html`<m365-error-message .error=${this.session.error} .retryable=${false}></m365-error-message>` : nothing}
        ${batch ? this.renderBoard(batch) : this.renderSetup()}
      </div>
    </dialog>`;
  }
}

define('m365-add-organizations-board', M365AddOrganizationsBoard);

declare global {
  interface HTMLElementTagNameMap {
    'm365-add-organizations-board': M365AddOrganizationsBoard;
  }
  interface HTMLElementEventMap {
    'm365-board-close': CustomEvent<{ batchId: string | null }>;
  }
}
