import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type { Organization, OrganizationSettings, OrganizationSettingsPatch } from '@m365/contracts';
import { apiContext } from '../../api/api-context.js';
import { unwrap, type ApiClient } from '../../api/client.js';
import { define, emit } from '../../components/define.js';
import '../../components/m365-error-message.js';
import { AbortScope } from '../../controllers/abort-scope.js';
import { strings } from '../../i18n/strings.js';
import { shared } from '../../styles/shared.styles.js';
import '../settings/m365-settings-fields.js';
import { settingsErrors, type SettingsDraft } from '../settings/m365-settings-fields.js';

const EDITABLE = ['licenseMode', 'defaultDeviceId', 'userSyncIntervalMinutes'] as const;

/**
 * @summary An organization's settings: License management, Default device (with Edit) and User sync
 * interval are editable; the Application name is shown read-only.
 * @fires m365-organization-change - The settings were saved (detail `{settings}`).
 */
export class M365OrganizationSettings extends LitElement {
  static override styles = [
    shared,
    css`
      .actions {
        margin-top: calc(var(--_space) * 2);
      }
    `,
  ];

  /** The organization whose settings are edited. */
  @property({ attribute: false }) organization: Organization | null = null;

  @consume({ context: apiContext, subscribe: true }) @state() private api?: ApiClient;
  @state() private draft: SettingsDraft | null = null;
  @state() private saving = false;
  @state() private error: unknown = null;
  @state() private saved = false;

  private readonly devices = new Task(this, {
    args: () => [this.api] as const,
    task: async ([api], { signal }) => (api ? (await unwrap(api.devices.listDevices({ fetchOptions: { signal } }))).items : []),
  });

  private readonly scope = new AbortScope(this, () => [this.devices]);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('organization') && this.organization) this.draft = { ...this.organization.settings };
  }

  private get patch(): OrganizationSettingsPatch {
    const current = this.organization?.settings;
    const draft = this.draft;
    const patch: Partial<OrganizationSettings> = {};
    if (!current || !draft) return patch;
    for (const key of EDITABLE) {
      if (draft[key] !== current[key]) Object.assign(patch, { [key]: draft[key] });
    }
    return patch;
  }

  private async save(event: Event) {
    event.preventDefault();
    const api = this.api;
    const organization = this.organization;
    const patch = this.patch;
    if (!api || !organization || Object.keys(patch).length === 0) return;
    this.saving = true;
    this.error = null;
    this.saved = false;
    try {
      const settings = await unwrap(
        api.organizations.updateOrganizationSettings({
          params: { organizationId: organization.id },
          body: patch,
          fetchOptions: { signal: this.scope.signal },
        }),
      );
      this.saved = true;
      emit(this, 'm365-organization-change', { settings });
    } catch (error) {
      this.error = error;
    } finally {
      this.saving = false;
    }
  }

  override render() {
    if (!this.draft) return nothing;
    const dirty = Object.keys(this.patch).length > 0;
    const fieldErrors = settingsErrors(this.error);
    return html`<form novalidate @submit=${this.save}>
      <m365-settings-fields
        application-name-locked
        .value=${this.draft}
        .devices=${this.devices.value ?? []}
        .errors=${fieldErrors}
        @m365-settings-change=${(e: HTMLElementEventMap['m365-settings-change']) => {
          e.stopPropagation();
          this.draft = e.detail.value;
          this.saved = false;
        }}
      ></m365-settings-fields>
      ${this.error && Object.keys(fieldErrors).length === 0
        ? html`<m365-error-message .error=${this.error} .retryable=${false}></m365-error-message>`
        : this.error
          ? html`<p class="error-text" role="alert">${strings.settings.saveFailed}</p>`
          : nothing}
      <div class="actions row">
        <button type="submit" class="primary" ?disabled=${!dirty || this.saving}>${strings.save}</button>
        <span role="status">${this.saved ? strings.saved : ''}</span>
      </div>
    </form>`;
  }
}

define('m365-organization-settings', M365OrganizationSettings);

declare global {
  interface HTMLElementTagNameMap {
    'm365-organization-settings': M365OrganizationSettings;
  }
  interface HTMLElementEventMap {
    'm365-organization-change': CustomEvent<{ settings: OrganizationSettings }>;
  }
}
