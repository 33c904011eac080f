import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { OrganizationStatusSchema, type Onboarding, type Organization, type OrganizationStatus } from '@m365/contracts';
import { apiContext } from '../../api/api-context.js';
import { unwrap, type ApiClient } from '../../api/client.js';
import { define } from '../../components/define.js';
import '../../components/m365-empty-state.js';
import '../../components/m365-error-message.js';
import { AbortScope } from '../../controllers/abort-scope.js';
import { DebounceController } from '../../controllers/debounce-controller.js';
import { IntervalController } from '../../controllers/interval-controller.js';
import { LazyModule } from '../../controllers/lazy-module.js';
import { describeError } from '../../i18n/describe-error.js';
import { createFormatters, formattersContext, type Formatters } from '../../i18n/format.js';
import { strings } from '../../i18n/strings.js';
import { shared } from '../../styles/shared.styles.js';
import './m365-disconnect-dialog.js';
import './m365-organization-table.js';
import type { M365OrganizationTable } from './m365-organization-table.js';
import { pageStyles } from './organizations.styles.js';

const t = strings.organizations;
const PAGE_SIZE = 100;
const REFRESH_MS = 10_000;
const IN_PROGRESS: ReadonlySet<OrganizationStatus> = new Set(['connecting', 'configuring']);

/**
 * @summary The Microsoft 365 tab's home: the partner's organizations with search, filter, Sync now,
 * Settings, Disconnect (confirmed), sign-ins in progress and the Add organization panel.
 * @fires m365-organization-open - Open an organization (from the table or after adding one).
 */
export class M365OrganizationsPage extends LitElement {
  static override styles = [shared, pageStyles];

  /** Scope the list (and Add organization) to one customer of the host. */
  @property({ attribute: false }) customerId: string | undefined;

  @consume({ context: apiContext, subscribe: true }) @state() private api?: ApiClient;
  @consume({ context: formattersContext, subscribe: true }) @state() private formatters: Formatters =
    createFormatters('en-US');

  @state() private search = '';
  @state() private status: OrganizationStatus | '' = '';
  @state() private items: Organization[] = [];
  @state() private nextCursor: string | null = null;
  @state() private total = 0;
  @state() private panel: { onboardingId: string } | null = null;
  @state() private board = false;
  @state() private disconnecting: { organization: Organization; busy: boolean; error: unknown } | null = null;
  @state() private syncing: ReadonlySet<string> = new Set();
  @state() private notice = '';

  private readonly searchDebounce = new DebounceController<string>(this, 250, (value) => (this.search = value));
  private readonly panelModule = new LazyModule(this, () => import('../add-organization/m365-add-organization-panel.js'));
  private readonly boardModule = new LazyModule(this, () => import('../add-organizations/m365-add-organizations-board.js'));

  private readonly organizations = new Task(this, {
    args: () => [this.api, this.search, this.status, this.customerId] as const,
    task: async ([api, search, status, customerId], { signal }) => {
      if (!api) return undefined;
      const page = await unwrap(
        api.organizations.listOrganizations({
          query: { search: search || undefined, status: status || undefined, customerId, limit: PAGE_SIZE },
          fetchOptions: { signal },
        }),
      );
      this.items = page.items;
      this.nextCursor = page.nextCursor;
      this.total = page.total;
      return page;
    },
  });

  private readonly onboardings = new Task(this, {
    args: () => [this.api, this.customerId] as const,
    task: async ([api, customerId], { signal }): Promise<Onboarding[]> =>
      api
        ? (await unwrap(api.onboarding.listOnboardings({ query: { active: 'true', customerId }, fetchOptions: { signal } })))
            .items
        : [],
  });

  private readonly scope = new AbortScope(this, () => [this.organizations, this.onboardings]);
  // While something is connecting, the list refreshes itself.
  protected readonly autoRefresh = new IntervalController(
    this,
    REFRESH_MS,
    () => this.refresh(),
    () => this.items.some((org) => IN_PROGRESS.has(org.status)) || (this.onboardings.value?.length ?? 0) > 0,
  );

  /** Reload the list and the sign-ins in progress. */
  refresh(): void {
    void this.organizations.run();
    void this.onboardings.run();
  }

  private async loadMore() {
    if (!this.api || !this.nextCursor) return;
    const page = await unwrap(
      this.api.organizations.listOrganizations({
        query: {
          search: this.search || undefined,
          status: this.status || undefined,
          customerId: this.customerId,
          limit: PAGE_SIZE,
          cursor: this.nextCursor,
        },
        fetchOptions: { signal: this.scope.signal },
      }),
    );
    this.items = [...this.items, ...page.items];
    this.nextCursor = page.nextCursor;
    this.total = page.total;
  }

  private async openPanel(onboardingId = '') {
    this.panel = { onboardingId };
    await this.panelModule.ensure();
  }

  private async openBoard() {
    this.board = true;
    await this.boardModule.ensure();
  }

  private async syncNow(organizationId: string) {
    const organization = this.items.find((org) => org.id === organizationId);
    if (!this.api || !organization) return;
    this.syncing = new Set([...this.syncing, organizationId]);
    try {
      await unwrap(
        this.api.sync.startSync({ params: { organizationId }, fetchOptions: { signal: this.scope.signal } }),
      );
      this.notice = t.syncQueued(organization.customerName);
    } catch (error) {
      this.notice = describeError(error);
    } finally {
      const next = new Set(this.syncing);
      next.delete(organizationId);
      this.syncing = next;
    }
  }

  private async disconnect(removeApplication: boolean, reason: string) {
    const current = this.disconnecting;
    if (!this.api || !current) return;
    this.disconnecting = { ...current, busy: true, error: null };
    try {
      const updated = await unwrap(
        this.api.organizations.disconnectOrganization({
          params: { organizationId: current.organization.id },
          body: { removeApplication, ...(reason ? { reason } : {}) },
          fetchOptions: { signal: this.scope.signal },
        }),
      );
      this.items = this.items.map((org) => (org.id === updated.id ? updated : org));
      // The dialog goes away without closing (so without the browser's focus return), and the
      // Disconnect button that opened it is gone: focus moves to the organization's row.
      this.disconnecting = null;
      await this.updateComplete;
      this.renderRoot.querySelector<M365OrganizationTable>('m365-organization-table')?.focusOrganization(updated.id);
      this.notice = t.disconnected(updated.customerName);
      // Deleting the application needs the customer's administrator: show that sign-in's code.
      if (removeApplication && updated.onboardingId && updated.onboardingId !== current.organization.onboardingId) {
        await this.openPanel(updated.onboardingId);
      }
    } catch (error) {
      this.disconnecting = { ...current, busy: false, error };
    }
  }

  private renderToolbar() {
    return html`<div class="toolbar row" role="search">
      <label
        >${t.searchLabel}
        <input
          type="search"
          placeholder=${t.searchPlaceholder}
          @input=${(e: InputEvent) => this.searchDebounce.call((e.target as HTMLInputElement).value.trim())}
      /></label>
      <label
        >${t.statusFilterLabel}
        <select
          @change=${(e: Event) => (this.status = (e.target as HTMLSelectElement).value as OrganizationStatus | '')}
        >
          <option value="">${t.allStatuses}</option>
          ${OrganizationStatusSchema.options.map(
            (status) => html`<option value=${status} ?selected=${this.status === status}>${strings.status[status]}</option>`,
          )}
        </select></label
      >
    </div>`;
  }

  private renderInProgress() {
    const shown = new Set(this.items.map((org) => org.onboardingId));
    const pending = (this.onboardings.value ?? []).filter((onboarding) => !shown.has(onboarding.id));
    if (pending.length === 0) return nothing;
    return html`<section class="in-progress" aria-labelledby="in-progress-title">
      <h3 id="in-progress-title">${t.inProgressHeading}</h3>
      <ul>
        ${pending.map(
          (onboarding) => html`<li class="row">
            <strong>${onboarding.customerName}</strong>
            <span class="status-line">${strings.onboardingStatus[onboarding.status]}</span>
            <button
              type="button"
              aria-label=${t.resumeFor(onboarding.customerName)}
              @click=${() => this.openPanel(onboarding.id)}
            >
              ${t.resume}
            </button>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  private renderList() {
    if (this.items.length === 0) {
      return this.search || this.status
        ? html`<m365-empty-state .heading=${t.noMatchTitle} .text=${t.noMatchText}></m365-empty-state>`
        : html`<m365-empty-state .heading=${t.emptyTitle} .text=${t.emptyText}>
            <button type="button" class="primary" @click=${() => this.openPanel()}>${t.addOrganization}</button>
          </m365-empty-state>`;
    }
    const f = this.formatters;
    return html`<m365-organization-table
        .organizations=${this.items}
        .syncing=${this.syncing}
        @m365-sync-request=${(e: HTMLElementEventMap['m365-sync-request']) => this.syncNow(e.detail.organizationId)}
        @m365-disconnect-request=${(e: HTMLElementEventMap['m365-disconnect-request']) => {
          const organization = this.items.find((org) => org.id === e.detail.organizationId);
          if (organization) this.disconnecting = { organization, busy: false, error: null };
        }}
        @m365-onboarding-resume=${(e: HTMLElementEventMap['m365-onboarding-resume']) =>
          this.openPanel(e.detail.onboardingId)}
      ></m365-organization-table>
      <div class="more row">
        <span class="status-line">${t.shown(f.number(this.items.length), f.number(this.total))}</span>
        ${this.nextCursor
          ? html`<button type="button" @click=${() => this.loadMore()}>${t.loadMore}</button>`
          : nothing}
      </div>`;
  }

  private renderOverlays() {
    const panel =
      this.panel && this.panelModule.loaded
        ? html`<m365-add-organization-panel
            .customerId=${this.customerId ?? ''}
            .onboardingId=${this.panel.onboardingId}
            @m365-panel-close=${() => {
              this.panel = null;
              this.refresh();
            }}
          ></m365-add-organization-panel>`
        : nothing;
    const panelError = this.panel && this.panelModule.error
      ? html`<m365-error-message .error=${this.panelModule.error} @m365-retry=${() => this.openPanel()}></m365-error-message>`
      : nothing;
    const board =
      this.board && this.boardModule.loaded
        ? html`<m365-add-organizations-board
            @m365-board-close=${() => {
              this.board = false;
              this.refresh();
            }}
          ></m365-add-organizations-board>`
        : nothing;
    const boardError = this.board && this.boardModule.error
      ? html`<m365-error-message .error=${this.boardModule.error} @m365-retry=${() => this.openBoard()}></m365-error-message>`
      : nothing;
    const dialog = this.disconnecting
      ? html`<m365-disconnect-dialog
          .name=${this.disconnecting.organization.customerName}
          .busy=${this.disconnecting.busy}
          .error=${this.disconnecting.error}
          @m365-disconnect-confirm=${(e: HTMLElementEventMap['m365-disconnect-confirm']) =>
            this.disconnect(e.detail.removeApplication, e.detail.reason)}
          @m365-dialog-close=${() => (this.disconnecting = null)}
        ></m365-disconnect-dialog>`
      : nothing;
    return html`${panelError}${panel}${boardError}${board}${dialog}`;
  }

  override render() {
    return html`<header class="row">
        <h2>${t.heading}</h2>
        <span class="spacer"></span>
        <button type="button" class="primary" @click=${() => this.openPanel()}>${t.addOrganization}</button>
        <button type="button" @click=${() => this.openBoard()}>${strings.bulk.open}</button>
      </header>
      <p class="notice" role="status">${this.notice}</p>
      ${this.renderToolbar()} ${this.renderInProgress()}
      ${this.organizations.render({
        initial: () => html`<p>${strings.loading}</p>`,
        pending: () => (this.items.length ? this.renderList() : html`<p>${strings.loading}</p>`),
        complete: () => this.renderList(),
        error: (error) =>
          html`<m365-error-message .error=${error} @m365-retry=${() => this.refresh()}></m365-error-message>`,
      })}
      ${this.renderOverlays()}`;
  }
}

define('m365-organizations-page', M365OrganizationsPage);

declare global {
  interface HTMLElementTagNameMap {
    'm365-organizations-page': M365OrganizationsPage;
  }
}
