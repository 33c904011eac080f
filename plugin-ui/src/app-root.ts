import { LitElement, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { apiContext } from './api/api-context.js';
import { createApiClient, type ApiClient } from './api/client.js';
import { define } from './components/define.js';
import './components/m365-error-message.js';
import { LazyModule } from './controllers/lazy-module.js';
import { createFormatters, formattersContext, type Formatters } from './i18n/format.js';
import { strings } from './i18n/strings.js';
import type { DetailTab } from './navigation.js';
import { shared } from './styles/shared.styles.js';
import './features/organizations/m365-organizations-page.js';

type View = { name: 'organizations' } | { name: 'organization'; organizationId: string; tab: DetailTab };

/**
 * @summary The plugin's root: turns the host props into the API client and the locale's formatters,
 * provides them through context and switches between the organizations list and one organization.
 */
export class M365AppRoot extends LitElement {
  static override styles = shared;

  /** Base URL of the plugin (the client appends `/api/v1/...`). */
  @property({ attribute: false }) apiBaseUrl = '';
  /** Returns the host's short-lived token; called before every API request. */
  @property({ attribute: false }) getAccessToken: () => Promise<string> = () =>
    Promise.reject(new Error('getAccessToken was not given'));
  /** BCP 47 locale of the host portal. */
  @property() locale = 'en-US';
  /** When set, the tab is scoped to this customer of the host. */
  @property({ attribute: false }) customerId: string | undefined;

  @provide({ context: apiContext }) @state() protected api!: ApiClient;
  @provide({ context: formattersContext }) @state() protected formatters: Formatters = createFormatters('en-US');
  @state() private view: View = { name: 'organizations' };

  private readonly detailModule = new LazyModule(
    this,
    () => import('./features/organization-detail/m365-organization-detail.js'),
  );

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('apiBaseUrl')) {
      this.api = createApiClient({ baseUrl: this.apiBaseUrl, getAccessToken: () => this.getAccessToken() });
    }
    if (changed.has('locale')) this.formatters = createFormatters(this.locale);
    if (changed.has('customerId')) this.view = { name: 'organizations' };
  }

  private open(organizationId: string, tab: DetailTab) {
    this.view = { name: 'organization', organizationId, tab };
    void this.detailModule.ensure();
  }

  private renderDetail(organizationId: string, tab: DetailTab) {
    if (this.detailModule.error) {
      return html`<m365-error-message
        .error=${this.detailModule.error}
        @m365-retry=${() => this.detailModule.ensure()}
      ></m365-error-message>`;
    }
    if (!this.detailModule.loaded) return html`<p>${strings.loading}</p>`;
    return html`<m365-organization-detail
      .organizationId=${organizationId}
      .tab=${tab}
      @m365-navigate-back=${() => (this.view = { name: 'organizations' })}
    ></m365-organization-detail>`;
  }

  override render() {
    if (this.view.name === 'organization') return this.renderDetail(this.view.organizationId, this.view.tab);
    return html`<m365-organizations-page
      .customerId=${this.customerId}
      @m365-organization-open=${(event: HTMLElementEventMap['m365-organization-open']) =>
        this.open(event.detail.organizationId, event.detail.tab)}
    ></m365-organizations-page>`;
  }
}

define('m365-app-root', M365AppRoot);

declare global {
  interface HTMLElementTagNameMap {
    'm365-app-root': M365AppRoot;
  }
}
