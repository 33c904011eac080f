import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import type { RangeChangedEvent } from '@lit-labs/virtualizer/events.js';
import type { LicenseMode, LicenseSelection, OrganizationUser, SeatUsage, UserCounts } from '@m365/contracts';
import { apiContext } from '../../api/api-context.js';
import { unwrap, type ApiClient } from '../../api/client.js';
import { define, emit } from '../../components/define.js';
import '../../components/m365-error-message.js';
import { AbortScope } from '../../controllers/abort-scope.js';
import { DebounceController } from '../../controllers/debounce-controller.js';
import { describeError } from '../../i18n/describe-error.js';
import { createFormatters, formattersContext, type Formatters } from '../../i18n/format.js';
import { strings } from '../../i18n/strings.js';
import { shared } from '../../styles/shared.styles.js';
import { USER_VIEWS, selectionFilter, userQuery, type UserView } from './user-filters.js';
import { userListStyles } from './user-list.styles.js';
import { renderUserRow } from './user-row.js';

const t = strings.users;
const PAGE_SIZE = 500;
const PREFETCH_ROWS = 150;
const MAX_IDS = 5000;

/**
 * @summary An organization's users in a virtualized list (smooth at 100,000 users) with search and
 * filters; in manual mode a license switch per user and bulk selection, in automatic mode the reason
 * why an eligible user has no license.
 * @fires m365-counts-change - Licenses changed (detail `{counts, seats}`).
 * @cssproperty --m365-user-list-height - Height of the scrolling list (default 60vh).
 */
export class M365UserList extends LitElement {
  static override styles = [shared, userListStyles];

  /** The organization whose users are listed. */
  @property() organizationId = '';
  /** Manual mode shows license switches and bulk selection. */
  @property() licenseMode: LicenseMode = 'automatic';

  @consume({ context: apiContext, subscribe: true }) @state() private api?: ApiClient;
  @consume({ context: formattersContext, subscribe: true }) @state() private formatters: Formatters =
    createFormatters('en-US');

  @state() private view: UserView = 'all';
  @state() private search = '';
  @state() private users: OrganizationUser[] = [];
  @state() private nextCursor: string | null = null;
  @state() private total = 0;
  @state() private counts: UserCounts | null = null;
  @state() private seats: SeatUsage | null = null;
  @state() private selected: ReadonlySet<string> = new Set();
  @state() private allMatching = false;
  @state() private pending: ReadonlySet<string> = new Set();
  @state() private message = '';
  @state() private reloadKey = 0;
  private loadingMore = false;

  private readonly searchDebounce = new DebounceController<string>(this, 250, (value) => (this.search = value));

  private readonly firstPage = new Task(this, {
    args: () => [this.api, this.organizationId, this.view, this.search, this.reloadKey] as const,
    task: async ([api, organizationId, view, search], { signal }) => {
      if (!api || !organizationId) return;
      const page = await unwrap(
        api.users.listUsers({
          params: { organizationId },
          query: { ...userQuery(view, search), limit: PAGE_SIZE },
          fetchOptions: { signal },
        }),
      );
      this.users = page.items;
      this.nextCursor = page.nextCursor;
      this.total = page.total;
      this.counts = page.counts;
      this.selected = new Set();
      this.allMatching = false;
    },
  });

  private readonly scope = new AbortScope(this, () => [this.firstPage]);

  private async loadMore() {
    const api = this.api;
    const cursor = this.nextCursor;
    if (!api || !cursor || this.loadingMore) return;
    this.loadingMore = true;
    try {
      const page = await unwrap(
        api.users.listUsers({
          params: { organizationId: this.organizationId },
          query: { ...userQuery(this.view, this.search), limit: PAGE_SIZE, cursor },
          fetchOptions: { signal: this.scope.signal },
        }),
      );
      if (cursor !== this.nextCursor) return;
      this.users = [...this.users, ...page.items];
      this.nextCursor = page.nextCursor;
      this.total = page.total;
    } catch (error) {
      this.message = describeError(error);
    } finally {
      this.loadingMore = false;
    }
  }

  private onRange(event: RangeChangedEvent) {
    if (event.last >= this.users.length - PREFETCH_ROWS) void this.loadMore();
  }

  private toggleSelected(user: OrganizationUser, selected: boolean) {
    const next = new Set(this.selected);
    if (selected) next.add(user.id);
    else next.delete(user.id);
    this.selected = next;
    this.allMatching = false;
  }

  private selectLoaded(selected: boolean) {
    this.selected = selected ? new Set(this.users.map((user) => user.id)) : new Set();
    this.allMatching = false;
  }

  private async change(assign: boolean, selection: LicenseSelection, ids: string[]) {
    const api = this.api;
    if (!api) return;
    this.pending = new Set([...this.pending, ...ids]);
    this.message = '';
    try {
      const route = assign ? api.licensing.assignLicenses : api.licensing.unassignLicenses;
      const result = await unwrap(
        route({ params: { organizationId: this.organizationId }, body: selection, fetchOptions: { signal: this.scope.signal } }),
      );
      const refused = new Set(result.rejected.map((rejection) => rejection.userId));
      if ('userIds' in selection) {
        const changed = new Set(ids.filter((id) => !refused.has(id)));
        this.users = this.users.map((user) =>
          changed.has(user.id) && user.licensed !== assign ? { ...user, licensed: assign, unlicensedReason: assign ? null : 'manual_mode' } : user,
        );
      } else {
        this.reloadKey += 1;
      }
      this.counts = result.counts;
      this.seats = result.seats;
      const f = this.formatters;
      this.message = t.changeResult(f.number(result.changed), f.number(result.rejected.length));
      if (result.rejected[0]) this.message += ` ${result.rejected[0].message}`;
      emit(this, 'm365-counts-change', { counts: result.counts, seats: result.seats });
    } catch (error) {
      this.message = describeError(error);
    } finally {
      const next = new Set(this.pending);
      for (const id of ids) next.delete(id);
      this.pending = next;
    }
  }

  private bulk(assign: boolean) {
    if (this.allMatching) {
      const filter = selectionFilter(this.view, this.search);
      if (filter) void this.change(assign, { filter }, []);
      return;
    }
    const ids = [...this.selected].slice(0, MAX_IDS);
    if (ids.length) void this.change(assign, { userIds: ids }, ids);
  }

  private renderBulk() {
    const f = this.formatters;
    const count = this.allMatching ? this.total : this.selected.size;
    const allLoaded = this.users.length > 0 && this.selected.size === this.users.length;
    const canSelectMatching = allLoaded && this.total > this.users.length && selectionFilter(this.view, this.search);
    return html`<div class="bulk row">
      <label class="row"
        ><input
          type="checkbox"
          .checked=${allLoaded || this.allMatching}
          .indeterminate=${this.selected.size > 0 && !allLoaded && !this.allMatching}
          @change=${(e: Event) => this.selectLoaded((e.target as HTMLInputElement).checked)}
        />${t.selectAllLoaded}</label
      >
      <span role="status">${count ? (this.allMatching ? t.allMatchingSelected(f.number(count)) : t.selected(f.number(count))) : ''}</span>
      ${canSelectMatching && !this.allMatching
        ? html`<button type="button" class="link" @click=${() => (this.allMatching = true)}>
            ${t.selectMatching(f.number(this.total))}
          </button>`
        : nothing}
      <span class="spacer"></span>
      <button type="button" class="primary" ?disabled=${!count} @click=${() => this.bulk(true)}>${t.assign}</button>
      <button type="button" ?disabled=${!count} @click=${() => this.bulk(false)}>${t.unassign}</button>
      ${count ? html`<button type="button" @click=${() => this.selectLoaded(false)}>${t.clearSelection}</button>` : nothing}
    </div>`;
  }

  private renderList() {
    const f = this.formatters;
    if (this.users.length === 0) return html`<p class="empty" role="status">${t.empty}</p>`;
    const manual = this.licenseMode === 'manual';
    return html`<p class="summary" role="status">${t.shown(f.number(this.users.length), f.number(this.total))}</p>
      <div
        class="list ${manual ? 'manual' : 'automatic'}"
        role="list"
        aria-label=${t.listLabel}
        tabindex="0"
        @rangeChanged=${this.onRange}
      >
        ${virtualize({
          items: this.users,
          scroller: true,
          keyFunction: (user: OrganizationUser) => user.id,
          renderItem: (user: OrganizationUser) =>
            renderUserRow(user, {
              mode: this.licenseMode,
              selected: this.allMatching || this.selected.has(user.id),
              pending: this.pending.has(user.id),
              onSelect: (row, selected) => this.toggleSelected(row, selected),
              onLicense: (row, licensed) => void this.change(licensed, { userIds: [row.id] }, [row.id]),
            }),
        })}
      </div>`;
  }

  override render() {
    const f = this.formatters;
    const counts = this.counts;
    return html`<div class="toolbar row" role="search">
        <label
          >${t.searchLabel}
          <input
            type="search"
            placeholder=${t.searchPlaceholder}
            @input=${(e: InputEvent) => this.searchDebounce.call((e.target as HTMLInputElement).value.trim())}
        /></label>
        <label
          >${t.filterLabel}
          <select @change=${(e: Event) => (this.view = (e.target as HTMLSelectElement).value as UserView)}>
            ${USER_VIEWS.map((view) => html`<option value=${view} ?selected=${view === this.view}>${t.filters[view]}</option>`)}
          </select></label
        >
      </div>
      ${counts
        ? html`<p class="summary">
            ${strings.detail.counts(f.number(counts.licensed), f.number(counts.total))}${this.seats
              ? html` · ${t.seats(f.number(this.seats.available), f.number(this.seats.total))}`
              : nothing}
          </p>`
        : nothing}
      ${this.licenseMode === 'manual' ? this.renderBulk() : html`<p class="note">${t.automaticNote}</p>`}
      <p class="summary" role="status">${this.message}</p>
      ${this.firstPage.render({
        pending: () => (this.users.length ? this.renderList() : html`<p>${strings.loading}</p>`),
        complete: () => this.renderList(),
        error: (error) =>
          html`<m365-error-message .error=${error} @m365-retry=${() => this.firstPage.run()}></m365-error-message>`,
      })}`;
  }
}

define('m365-user-list', M365UserList);

declare global {
  interface HTMLElementTagNameMap {
    'm365-user-list': M365UserList;
  }
  interface HTMLElementEventMap {
    'm365-counts-change': CustomEvent<{ counts: UserCounts; seats: SeatUsage }>;
  }
}
