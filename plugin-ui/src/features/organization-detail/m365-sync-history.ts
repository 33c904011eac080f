import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type { SyncRun } from '@m365/contracts';
import { apiContext } from '../../api/api-context.js';
import { unwrap, type ApiClient } from '../../api/client.js';
import { define } from '../../components/define.js';
import '../../components/m365-error-message.js';
import { AbortScope } from '../../controllers/abort-scope.js';
import { createFormatters, formattersContext, type Formatters } from '../../i18n/format.js';
import { strings } from '../../i18n/strings.js';
import { shared } from '../../styles/shared.styles.js';

const t = strings.history;
const PAGE_SIZE = 50;

/**
 * @summary An organization's user sync runs, newest first: when, kind, trigger, status, duration,
 * changes, throttling and the error of failed runs.
 * @csspart table - The table.
 */
export class M365SyncHistory extends LitElement {
  static override styles = [
    shared,
    css`
      .scroll {
        overflow-x: auto;
      }
      table {
        width: 100%;
        border-collapse: collapse;
      }
      th,
      td {
        text-align: start;
        padding: calc(var(--_space) / 2) var(--_space);
        border-bottom: 1px solid var(--_border);
        vertical-align: top;
      }
      th {
        color: var(--_muted);
        font-weight: 600;
        font-size: 0.9em;
      }
      .failed {
        color: var(--_danger);
      }
      .succeeded {
        color: var(--_success);
      }
      .error {
        display: block;
        font-size: 0.9em;
      }
    `,
  ];

  /** The organization whose sync runs are listed. */
  @property() organizationId = '';
  /** Change it to reload (e.g. after Sync now). */
  @property({ type: Number }) reloadKey = 0;

  @consume({ context: apiContext, subscribe: true }) @state() private api?: ApiClient;
  @consume({ context: formattersContext, subscribe: true }) @state() private formatters: Formatters =
    createFormatters('en-US');
  @state() private runs: SyncRun[] = [];
  @state() private nextCursor: string | null = null;

  private readonly firstPage = new Task(this, {
    args: () => [this.api, this.organizationId, this.reloadKey] as const,
    task: async ([api, organizationId], { signal }) => {
      if (!api || !organizationId) return;
      const page = await unwrap(
        api.sync.listSyncRuns({ params: { organizationId }, query: { limit: PAGE_SIZE }, fetchOptions: { signal } }),
      );
      this.runs = page.items;
      this.nextCursor = page.nextCursor;
    },
  });

  private readonly scope = new AbortScope(this, () => [this.firstPage]);

  private async loadMore() {
    if (!this.api || !this.nextCursor) return;
    const page = await unwrap(
      this.api.sync.listSyncRuns({
        params: { organizationId: this.organizationId },
        query: { limit: PAGE_SIZE, cursor: this.nextCursor },
        fetchOptions: { signal: this.scope.signal },
      }),
    );
    this.runs = [...this.runs, ...page.items];
    this.nextCursor = page.nextCursor;
  }

  private renderRun(run: SyncRun) {
    const f = this.formatters;
    const duration = run.startedAt && run.finishedAt ? f.clock(Date.parse(run.finishedAt) - Date.parse(run.startedAt)) : '';
    return html`<tr>
      <td>${f.dateTime(run.queuedAt)}</td>
      <td>${t.kinds[run.kind]}</td>
      <td>${t.triggers[run.trigger]}</td>
      <td class=${run.status}>
        ${t.statuses[run.status]} ${run.error ? html`<span class="error">${run.error.message}</span>` : nothing}
      </td>
      <td>${duration}</td>
      <td>${f.number(run.usersAdded)} / ${f.number(run.usersChanged)} / ${f.number(run.usersRemoved)}</td>
      <td>${run.throttleWaits ? `${f.number(run.throttleWaits)} (${f.clock(run.throttleWaitMs)})` : '0'}</td>
    </tr>`;
  }

  private renderTable() {
    if (this.runs.length === 0) return html`<p>${t.empty}</p>`;
    return html`<div class="scroll">
        <table part="table">
          <thead>
            <tr>
              <th scope="col">${t.when}</th>
              <th scope="col">${t.kind}</th>
              <th scope="col">${t.trigger}</th>
              <th scope="col">${t.status}</th>
              <th scope="col">${t.duration}</th>
              <th scope="col">${t.changes}</th>
              <th scope="col">${t.throttling}</th>
            </tr>
          </thead>
          <tbody>
            ${this.runs.map((run) => this.renderRun(run))}
          </tbody>
        </table>
      </div>
      ${this.nextCursor ? html`<button type="button" @click=${() => this.loadMore()}>${t.loadMore}</button>` : nothing}`;
  }

  override render() {
    return this.firstPage.render({
      pending: () => (this.runs.length ? this.renderTable() : html`<p>${strings.loading}</p>`),
      complete: () => this.renderTable(),
      error: (error) =>
        html`<m365-error-message .error=${error} @m365-retry=${() => this.firstPage.run()}></m365-error-message>`,
    });
  }
}

define('m365-sync-history', M365SyncHistory);

declare global {
  interface HTMLElementTagNameMap {
    'm365-sync-history': M365SyncHistory;
  }
}
