import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { Organization } from '@m365/contracts';
import type { DetailTab } from '../../navigation.js';
import { define, emit } from '../../components/define.js';
import '../../components/m365-status-badge.js';
import { createFormatters, formattersContext, type Formatters } from '../../i18n/format.js';
import { strings } from '../../i18n/strings.js';
import { shared } from '../../styles/shared.styles.js';

const t = strings.organizations;

/**
 * @summary One row per organization with its status, counts, settings, sync times and actions.
 * @fires m365-organization-open - Open an organization (detail `{organizationId, tab}`).
 * @fires m365-sync-request - Sync now was pressed (detail `{organizationId}`).
 * @fires m365-disconnect-request - Disconnect was pressed (detail `{organizationId}`).
 * @fires m365-onboarding-resume - Resume was pressed on an organization still connecting (detail `{onboardingId}`).
 * @csspart table - The table.
 */
export class M365OrganizationTable extends LitElement {
  static override styles = [
    shared,
    css`
      .scroll {
        overflow-x: auto;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        background: var(--_surface);
      }
      th,
      td {
        text-align: start;
        vertical-align: top;
        padding: var(--_space);
        border-bottom: 1px solid var(--_border);
      }
      th {
        font-weight: 600;
        color: var(--_muted);
        font-size: 0.9em;
        white-space: nowrap;
      }
      .sub {
        color: var(--_muted);
        font-size: 0.9em;
        display: block;
      }
      .reason {
        color: var(--_danger);
        font-size: 0.9em;
        display: block;
        max-width: 22em;
      }
      .failed {
        color: var(--_danger);
      }
      .actions {
        display: flex;
        gap: calc(var(--_space) / 2);
        flex-wrap: wrap;
      }
      button.name {
        font-weight: 600;
      }
    `,
  ];

  /** The rows to show. */
  @property({ attribute: false }) organizations: Organization[] = [];
  /** Ids whose Sync now request is on its way. */
  @property({ attribute: false }) syncing: ReadonlySet<string> = new Set();

  @consume({ context: formattersContext, subscribe: true })
  @property({ attribute: false })
  formatters: Formatters = createFormatters('en-US');

  /** Moves focus to an organization's name (e.g. after the button that had focus went away). */
  focusOrganization(organizationId: string): void {
    this.renderRoot.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(organizationId)}"] button.name`)?.focus();
  }

  private open(organizationId: string, tab: DetailTab) {
    emit(this, 'm365-organization-open', { organizationId, tab });
  }

  private renderSync(org: Organization) {
    const f = this.formatters;
    const last = org.lastSync;
    return html`${last
        ? html`<span class=${last.status === 'failed' ? 'failed' : ''} title=${last.message ?? ''}
            >${last.status === 'failed'
              ? t.lastSyncFailed(f.relative(last.at))
              : t.lastSync(f.relative(last.at))}</span
          >`
        : html`<span>${t.lastSync(strings.never)}</span>`}
      <span class="sub"
        >${t.nextSync(org.nextSyncAt ? f.dateTime(org.nextSyncAt) : strings.notScheduled)}</span
      >`;
  }

  private renderRow(org: Organization) {
    const f = this.formatters;
    // An onboarding that failed before the end has nothing to sync yet: it is resumed from its panel.
    const onboardingFailed = org.attention?.reason === 'onboarding_failed';
    const canSync = (org.status === 'connected' || org.status === 'needs_attention') && !onboardingFailed;
    const inProgress = (org.status === 'connecting' || org.status === 'configuring' || onboardingFailed) && org.onboardingId;
    const reason = org.attention ? org.attention.message || strings.attention[org.attention.reason] : null;
    return html`<tr data-id=${org.id}>
      <td>
        <button class="link name" type="button" @click=${() => this.open(org.id, 'users')}>
          ${org.customerName}
        </button>
      </td>
      <td>${org.tenantName ?? t.tenantUnknown}<span class="sub">${org.primaryDomain ?? ''}</span></td>
      <td>
        <m365-status-badge .status=${org.status}></m365-status-badge>
        ${reason ? html`<span class="reason">${reason}</span>` : nothing}
      </td>
      <td>${org.status === 'connecting' ? '—' : t.usersCount(f.number(org.licensedCount), f.number(org.userCount))}</td>
      <td>${strings.licenseMode[org.settings.licenseMode]}</td>
      <td>${org.defaultDeviceName ?? strings.settings.noDevice}</td>
      <td>${this.renderSync(org)}</td>
      <td>
        <div class="actions" role="group" aria-label=${t.actionsFor(org.customerName)}>
          ${inProgress
            ? html`<button
                type="button"
                class="primary"
                @click=${() => emit(this, 'm365-onboarding-resume', { onboardingId: org.onboardingId! })}
              >
                ${t.resume}
              </button>`
            : nothing}
          <button
            type="button"
            ?disabled=${!canSync || this.syncing.has(org.id)}
            @click=${() => emit(this, 'm365-sync-request', { organizationId: org.id })}
          >
            ${t.syncNow}
          </button>
          <button type="button" @click=${() => this.open(org.id, 'settings')}>${t.settings}</button>
          ${org.status === 'disconnected' || org.status === 'connecting'
            ? nothing
            : html`<button
                type="button"
                @click=${() => emit(this, 'm365-disconnect-request', { organizationId: org.id })}
              >
                ${t.disconnect}
              </button>`}
        </div>
      </td>
    </tr>`;
  }

  override render() {
    const c = t.columns;
    return html`<div class="scroll">
      <table part="table">
        <thead>
          <tr>
            <th scope="col">${c.customer}</th>
            <th scope="col">${c.tenant}</th>
            <th scope="col">${c.status}</th>
            <th scope="col">${c.users}</th>
            <th scope="col">${c.licenseMode}</th>
            <th scope="col">${c.device}</th>
            <th scope="col">${c.sync}</th>
            <th scope="col">${c.actions}</th>
          </tr>
        </thead>
        <tbody>
          ${this.organizations.map((org) => this.renderRow(org))}
        </tbody>
      </table>
    </div>`;
  }
}

define('m365-organization-table', M365OrganizationTable);

declare global {
  interface HTMLElementTagNameMap {
    'm365-organization-table': M365OrganizationTable;
  }
  interface HTMLElementEventMap {
    'm365-organization-open': CustomEvent<{ organizationId: string; tab: DetailTab }>;
    'm365-sync-request': CustomEvent<{ organizationId: string }>;
    'm365-disconnect-request': CustomEvent<{ organizationId: string }>;
    'm365-onboarding-resume': CustomEvent<{ onboardingId: string }>;
  }
}
