import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type { Organization } from '@m365/contracts';
import { apiContext } from '../../api/api-context.js';
import { unwrap, type ApiClient } from '../../api/client.js';
import { define, emit } from '../../components/define.js';
import '../../components/m365-error-message.js';
import '../../components/m365-status-badge.js';
import { AbortScope } from '../../controllers/abort-scope.js';
import { describeError } from '../../i18n/describe-error.js';
import { createFormatters, formattersContext, type Formatters } from '../../i18n/format.js';
import { strings } from '../../i18n/strings.js';
import type { DetailTab } from '../../navigation.js';
import { shared } from '../../styles/shared.styles.js';
import './m365-organization-settings.js';
import './m365-sync-history.js';
import './m365-user-list.js';

const t = strings.detail;
const TABS: readonly DetailTab[] = ['users', 'settings', 'history'];

/**
 * @summary One organization: header with status, counts and Sync now; tabs Users, Settings and Sync history.
 * @fires m365-navigate-back - Back to all organizations.
 */
export class M365OrganizationDetail extends LitElement {
  static override styles = [
    shared,
    css`
      header {
        display: grid;
        gap: calc(var(--_space) / 2);
        margin-bottom: calc(var(--_space) * 2);
      }
      .facts,
      .ids {
        color: var(--_muted);
      }
      .ids {
        font-size: 0.88em;
      }
      .reason {
        color: var(--_danger);
      }
      [role='tablist'] {
        display: flex;
        gap: calc(var(--_space) / 2);
        border-bottom: 1px solid var(--_border);
        margin-bottom: calc(var(--_space) * 2);
      }
      [role='tab'] {
        border: none;
        border-bottom: 3px solid transparent;
        border-radius: 0;
        background: none;
      }
      [role='tab'][aria-selected='true'] {
        border-bottom-color: var(--_accent);
        font-weight: 600;
      }
    `,
  ];

  /** The organization to show. */
  @property() organizationId = '';
  /** The tab to open first. */
  @property() tab: DetailTab = 'users';

  @consume({ context: apiContext, subscribe: true }) @state() private api?: ApiClient;
  @consume({ context: formattersContext, subscribe: true }) @state() private formatters: Formatters =
    createFormatters('en-US');
  @state() private active: DetailTab = 'users';
  @state() private organization: Organization | null = null;
  @state() private notice = '';
  @state() private historyKey = 0;

  private readonly load = new Task(this, {
    args: () => [this.api, this.organizationId] as const,
    task: async ([api, organizationId], { signal }) => {
      if (!api || !organizationId) return;
      this.organization = await unwrap(
        api.organizations.getOrganization({ params: { organizationId }, fetchOptions: { signal } }),
      );
    },
  });

  private readonly scope = new AbortScope(this, () => [this.load]);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('tab')) this.active = this.tab;
  }

  private async syncNow() {
    const organization = this.organization;
    if (!this.api || !organization) return;
    try {
      await unwrap(this.api.sync.startSync({ params: { organizationId: organization.id }, fetchOptions: { signal: this.scope.signal } }));
      this.notice = strings.organizations.syncQueued(organization.customerName);
      this.historyKey += 1;
    } catch (error) {
      this.notice = describeError(error);
    }
  }

  private onTabKey(event: KeyboardEvent) {
    const index = TABS.indexOf(this.active);
    const next =
      event.key === 'ArrowRight' ? (index + 1) % TABS.length
      : event.key === 'ArrowLeft' ? (index + TABS.length - 1) % TABS.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? TABS.length - 1
      : -1;
    if (next < 0) return;
    event.preventDefault();
    this.active = TABS[next]!;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${this.active}`)?.focus());
  }

  private renderHeader(org: Organization) {
    const f = this.formatters;
    const canSync = org.status === 'connected' || org.status === 'needs_attention';
    return html`<header>
      <div class="row">
        <button type="button" @click=${() => emit(this, 'm365-navigate-back', {})}>← ${t.allOrganizations}</button>
      </div>
      <div class="row">
        <h2>${org.customerName}</h2>
        <m365-status-badge .status=${org.status}></m365-status-badge>
        <span class="spacer"></span>
        <button type="button" ?disabled=${!canSync} @click=${() => this.syncNow()}>${strings.organizations.syncNow}</button>
      </div>
      ${org.attention
        ? html`<span class="reason">${org.attention.message || strings.attention[org.attention.reason]}</span>`
        : nothing}
      <span class="facts">
        ${org.tenantName ?? strings.organizations.tenantUnknown}${org.primaryDomain ? ` (${org.primaryDomain})` : ''} ·
        ${t.counts(f.number(org.licensedCount), f.number(org.userCount))} ·
        ${strings.settings.licenseManagement}: ${strings.licenseMode[org.settings.licenseMode]} ·
        ${strings.settings.defaultDevice}: ${org.defaultDeviceName ?? strings.settings.noDevice}
      </span>
      <span class="ids">
        ${org.tenantId ? html`${t.tenantId}: ${org.tenantId}` : nothing}
        ${org.applicationId ? html` · ${t.applicationId}: ${org.applicationId}` : nothing}
        ${org.certificate ? html` · ${t.certificateExpires(f.dateTime(org.certificate.expiresAt))}` : nothing}
      </span>
      <p class="facts" role="status">${this.notice}</p>
    </header>`;
  }

  private renderPanel(org: Organization) {
    switch (this.active) {
      case 'users':
        return html`<m365-user-list
          .organizationId=${org.id}
          .licenseMode=${org.settings.licenseMode}
          @m365-counts-change=${(e: HTMLElementEventMap['m365-counts-change']) =>
            (this.organization = { ...org, licensedCount: e.detail.counts.licensed, userCount: e.detail.counts.total })}
        ></m365-user-list>`;
      case 'settings':
        return html`<m365-organization-settings
          .organization=${org}
          @m365-organization-change=${(e: HTMLElementEventMap['m365-organization-change']) =>
            (this.organization = { ...org, settings: e.detail.settings })}
        ></m365-organization-settings>`;
      case 'history':
        return html`<m365-sync-history .organizationId=${org.id} .reloadKey=${this.historyKey}></m365-sync-history>`;
    }
  }

  private renderOrganization(org: Organization) {
    return html`${this.renderHeader(org)}
      <div role="tablist" aria-label=${org.customerName} @keydown=${this.onTabKey}>
        ${TABS.map(
          (tab) => html`<button
            type="button"
            role="tab"
            id="tab-${tab}"
            aria-selected=${tab === this.active ? 'true' : 'false'}
            aria-controls="panel"
            tabindex=${tab === this.active ? 0 : -1}
            @click=${() => (this.active = tab)}
          >
            ${t.tabs[tab]}
          </button>`,
        )}
      </div>
      <div role="tabpanel" id="panel" aria-labelledby="tab-${this.active}">${this.renderPanel(org)}</div>`;
  }

  override render() {
    return this.load.render({
      pending: () => (this.organization ? this.renderOrganization(this.organization) : html`<p>${strings.loading}</p>`),
      complete: () => (this.organization ? this.renderOrganization(this.organization) : nothing),
      error: (error) => html`<button type="button" @click=${() => emit(this, 'm365-navigate-back', {})}>
          ← ${t.allOrganizations}
        </button>
        <m365-error-message .error=${error} @m365-retry=${() => this.load.run()}></m365-error-message>`,
    });
  }
}

define('m365-organization-detail', M365OrganizationDetail);

declare global {
  interface HTMLElementTagNameMap {
    'm365-organization-detail': M365OrganizationDetail;
  }
  interface HTMLElementEventMap {
    'm365-navigate-back': CustomEvent<Record<string, never>>;
  }
}
