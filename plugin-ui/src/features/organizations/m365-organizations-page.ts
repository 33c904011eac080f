import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { OrganizationStatusSchema, type Organization, type OrganizationStatus } from '@m365/contracts';
import { apiContext } from '../../api/api-context.js';
import { unwrap, type ApiClient } from '../../api/client.js';
import { define } from '../../components/define.js';
import '../../components/m365-empty-state.js';
import '../../components/m365-error-message.js';
import { AbortScope } from '../../controllers/abort-scope.js';
import { DebounceController } from '../../controllers/debounce-controller.js';
import { createFormatters, formattersContext, type Formatters } from '../../i18n/format.js';
import { strings } from '../../i18n/strings.js';
import { shared } from '../../styles/shared.styles.js';
import './m365-organization-table.js';

const t = strings.organizations;
const PAGE_SIZE = 100;

/**
 * @summary The Microsoft 365 tab's home: the partner's organizations with search, filter and actions.
 * @fires m365-organization-open - Bubbled from the table: open an organization.
 */
export class M365OrganizationsPage extends LitElement {
  static override styles = [
    shared,
    css`
      header {
        margin-bottom: calc(var(--_space) * 2);
      }
      .toolbar {
        margin-bottom: calc(var(--_space) * 2);
      }
      .toolbar input {
        min-width: 18em;
      }
      .toolbar label {
        display: flex;
        align-items: center;
        gap: calc(var(--_space) / 2);
      }
      .more {
        margin-top: var(--_space);
      }
      .status-line {
        color: var(--_muted);
      }
    `,
  ];

  /** Scope the list to one customer of the host. */
  @property({ attribute: false }) customerId: string | undefined;

  @consume({ context: apiContext, subscribe: true }) @state() private api?: ApiClient;
  @consume({ context: formattersContext, subscribe: true }) @state() private formatters: Formatters =
    createFormatters('en-US');

  @state() private search = '';
  @state() private status: OrganizationStatus | '' = '';
  @state() private items: Organization[] = [];
  @state() private nextCursor: string | null = null;
  @state() private total = 0;

  private readonly searchDebounce = new DebounceController<string>(this, 250, (value) => (this.search = value));

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

  private readonly scope = new AbortScope(this, () => [this.organizations]);

  /** Reload the list, e.g. after an organization was added elsewhere. */
  refresh(): void {
    void this.organizations.run();
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

  private get filtered(): boolean {
    return Boolean(this.search || this.status);
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

  private renderList() {
    if (this.items.length === 0) {
      return this.filtered
        ? html`<m365-empty-state .heading=${t.noMatchTitle} .text=${t.noMatchText}></m365-empty-state>`
        : html`<m365-empty-state .heading=${t.emptyTitle} .text=${t.emptyText}>
            <button type="button" class="primary">${t.addOrganization}</button>
          </m365-empty-state>`;
    }
    const f = this.formatters;
    return html`<m365-organization-table .organizations=${this.items}></m365-organization-table>
      <div class="more row">
        <span class="status-line">${t.shown(f.number(this.items.length), f.number(this.total))}</span>
        ${this.nextCursor
          ? html`<button type="button" @click=${() => this.loadMore()}>${t.loadMore}</button>`
          : nothing}
      </div>`;
  }

  override render() {
    return html`<header class="row">
        <h2>${t.heading}</h2>
        <span class="spacer"></span>
        <button type="button" class="primary">${t.addOrganization}</button>
      </header>
      ${this.renderToolbar()}
      ${this.organizations.render({
        initial: () => html`<p>${strings.loading}</p>`,
        pending: () => (this.items.length ? this.renderList() : html`<p>${strings.loading}</p>`),
        complete: () => this.renderList(),
        error: (error) =>
          html`<m365-error-message .error=${error} @m365-retry=${() => this.refresh()}></m365-error-message>`,
      })}`;
  }
}

define('m365-organizations-page', M365OrganizationsPage);

declare global {
  interface HTMLElementTagNameMap {
    'm365-organizations-page': M365OrganizationsPage;
  }
}
