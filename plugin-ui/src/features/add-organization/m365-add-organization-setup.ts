import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Customer, Device, OnboardingSettingsInput } from '@m365/contracts';
import { define, emit } from '../../components/define.js';
import { strings } from '../../i18n/strings.js';
import { shared } from '../../styles/shared.styles.js';
import '../settings/m365-settings-fields.js';
import {
  applicationNameError,
  defaultSettingsDraft,
  toOnboardingSettings,
  withMainDevice,
  type SettingsDraft,
  type SettingsErrors,
} from '../settings/m365-settings-fields.js';

const t = strings.add;

/**
 * @summary First step of Add organization: the customer, and the Advanced configuration (hidden until
 * asked for) with Application name, License management, Default device and User sync interval.
 * @fires m365-onboarding-start - Get sign-in code was pressed (detail `{customerId, settings}`).
 */
export class M365AddOrganizationSetup extends LitElement {
  static override styles = [
    shared,
    css`
      select#customer {
        width: 100%;
        max-width: 32em;
      }
      .advanced {
        border-top: 1px solid var(--_border);
        margin-top: calc(var(--_space) * 2);
        padding-top: var(--_space);
      }
      .submit {
        margin-top: calc(var(--_space) * 3);
      }
    `,
  ];

  /** Customers that can be connected (no organization, no active onboarding). */
  @property({ attribute: false }) customers: Customer[] = [];
  /** The partner's devices, Main first. */
  @property({ attribute: false }) devices: Device[] = [];
  /** Preselected customer. */
  @property() customerId = '';
  /** A start request is on its way. */
  @property({ type: Boolean }) busy = false;
  /** Field messages from the server, keyed by setting name. */
  @property({ attribute: false }) errors: SettingsErrors = {};

  @state() private selected = '';
  @state() private customerError = '';
  @state() private advancedOpen = false;
  @state() private draft: SettingsDraft = defaultSettingsDraft();

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('customerId') && this.customerId) this.selected = this.customerId;
    if (changed.has('customers') && !this.selected && this.customers.length === 1) this.selected = this.customers[0]!.id;
    if (changed.has('devices')) this.draft = withMainDevice(this.draft, this.devices);
  }

  private get valid(): boolean {
    return applicationNameError(this.draft.applicationName) === null;
  }

  private submit(event: Event) {
    event.preventDefault();
    if (!this.selected) {
      this.customerError = t.customerRequired;
      return;
    }
    if (!this.valid) return;
    emit(this, 'm365-onboarding-start', { customerId: this.selected, settings: toOnboardingSettings(this.draft) });
  }

  override render() {
    return html`<form novalidate @submit=${this.submit}>
      <div class="field">
        <label for="customer">${t.customerLabel}</label>
        <select
          id="customer"
          aria-describedby="customer-hint customer-error"
          aria-invalid=${this.customerError ? 'true' : 'false'}
          ?disabled=${this.customers.length === 0}
          @change=${(e: Event) => {
            this.selected = (e.target as HTMLSelectElement).value;
            this.customerError = '';
          }}
        >
          <option value="" ?selected=${!this.selected}>${t.customerPlaceholder}</option>
          ${this.customers.map(
            (customer) =>
              html`<option value=${customer.id} ?selected=${customer.id === this.selected}>${customer.name}</option>`,
          )}
        </select>
        <p class="hint" id="customer-hint">${this.customers.length ? t.customerHint : t.noCustomers}</p>
        <p class="error-text" id="customer-error" role="alert">${this.customerError || nothing}</p>
      </div>

      <div class="advanced">
        <button
          type="button"
          aria-expanded=${this.advancedOpen ? 'true' : 'false'}
          aria-controls="advanced"
          @click=${() => (this.advancedOpen = !this.advancedOpen)}
        >
          ${t.advanced}
        </button>
        <m365-settings-fields
          id="advanced"
          ?hidden=${!this.advancedOpen}
          .value=${this.draft}
          .devices=${this.devices}
          .errors=${this.errors}
          @m365-settings-change=${(e: HTMLElementEventMap['m365-settings-change']) => {
            e.stopPropagation();
            this.draft = e.detail.value;
          }}
        ></m365-settings-fields>
      </div>

      <div class="submit row">
        <button type="submit" class="primary" ?disabled=${this.busy || !this.valid}>${t.getCode}</button>
        ${this.busy ? html`<span role="status">${t.starting}</span>` : nothing}
      </div>
    </form>`;
  }
}

define('m365-add-organization-setup', M365AddOrganizationSetup);

declare global {
  interface HTMLElementTagNameMap {
    'm365-add-organization-setup': M365AddOrganizationSetup;
  }
  interface HTMLElementEventMap {
    'm365-onboarding-start': CustomEvent<{ customerId: string; settings: OnboardingSettingsInput }>;
  }
}
