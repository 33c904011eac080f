import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { Customer, Device, OnboardingSettingsInput } from '@m365/contracts';
import { define, emit } from '../../components/define.js';
import { createFormatters, formattersContext, type Formatters } from '../../i18n/format.js';
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

const t = strings.bulk;

/**
 * @summary First step of Add organizations: the customers to connect and one settings template
 * (Application name, License management, Default device, User sync interval) for all of them.
 * @fires m365-batch-start - Start was pressed (detail `{customerIds, settings}`).
 */
export class M365BatchSetup extends LitElement {
  static override styles = [
    shared,
    css`
      fieldset {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        margin: calc(var(--_space) * 2) 0 0;
        padding: var(--_space) calc(var(--_space) * 2);
      }
      legend {
        font-weight: 600;
        padding: 0 0.3em;
      }
      ul {
        list-style: none;
        margin: var(--_space) 0 0;
        padding: 0;
        columns: 2 14em;
      }
      li label {
        font-weight: normal;
      }
      .all {
        border-bottom: 1px solid var(--_border);
        padding-bottom: calc(var(--_space) / 2);
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
  /** A start request is on its way. */
  @property({ type: Boolean }) busy = false;
  /** Field messages from the server, keyed by setting name. */
  @property({ attribute: false }) errors: SettingsErrors = {};

  @consume({ context: formattersContext, subscribe: true })
  @property({ attribute: false })
  formatters: Formatters = createFormatters('en-US');

  @state() private chosen: ReadonlySet<string> = new Set();
  @state() private customersError = '';
  @state() private advancedOpen = false;
  @state() private draft: SettingsDraft = defaultSettingsDraft();

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('customers')) {
      const known = new Set(this.customers.map((customer) => customer.id));
      this.chosen = new Set([...this.chosen].filter((id) => known.has(id)));
    }
    if (changed.has('devices')) this.draft = withMainDevice(this.draft, this.devices);
  }

  private toggle(customerId: string, checked: boolean) {
    const next = new Set(this.chosen);
    if (checked) next.add(customerId);
    else next.delete(customerId);
    this.chosen = next;
    this.customersError = '';
  }

  private toggleAll(checked: boolean) {
    this.chosen = checked ? new Set(this.customers.map((customer) => customer.id)) : new Set();
    this.customersError = '';
  }

  private submit(event: Event) {
    event.preventDefault();
    if (this.chosen.size === 0) {
      this.customersError = t.customersRequired;
      return;
    }
    if (applicationNameError(this.draft.applicationName) !== null) {
      this.advancedOpen = true;
      return;
    }
    const settings = toOnboardingSettings(this.draft);
    // In the order the customers are listed, so the board's rows follow the list.
    const customerIds = this.customers.map((customer) => customer.id).filter((id) => this.chosen.has(id));
    emit(this, 'm365-batch-start', { customerIds, settings });
  }

  private renderCustomers() {
    const f = this.formatters;
    const all = this.customers.length > 0 && this.chosen.size === this.customers.length;
    return html`<fieldset aria-describedby="customers-hint customers-error">
      <legend>${t.customersLegend}</legend>
      ${this.customers.length
        ? html`<div class="all row">
              <label
                ><input
                  type="checkbox"
                  .checked=${all}
                  .indeterminate=${!all && this.chosen.size > 0}
                  @change=${(e: Event) => this.toggleAll((e.target as HTMLInputElement).checked)}
                />
                ${t.selectAll}</label
              >
              <span class="spacer"></span>
              <span class="hint">${t.selected(f.number(this.chosen.size), f.number(this.customers.length))}</span>
            </div>
            <ul>
              ${this.customers.map(
                (customer) => html`<li>
                  <label
                    ><input
                      type="checkbox"
                      .checked=${this.chosen.has(customer.id)}
                      @change=${(e: Event) => this.toggle(customer.id, (e.target as HTMLInputElement).checked)}
                    />
                    ${customer.name}</label
                  >
                </li>`,
              )}
            </ul>`
        : nothing}
      <p class="hint" id="customers-hint">${this.customers.length ? t.customersHint : strings.add.noCustomers}</p>
      <p class="error-text" id="customers-error" role="alert">${this.customersError || nothing}</p>
    </fieldset>`;
  }

  override render() {
    const valid = applicationNameError(this.draft.applicationName) === null;
    return html`<form novalidate @submit=${this.submit}>
      <p>${t.intro}</p>
      ${this.renderCustomers()}
      <div class="advanced">
        <button
          type="button"
          aria-expanded=${this.advancedOpen ? 'true' : 'false'}
          aria-controls="advanced"
          @click=${() => (this.advancedOpen = !this.advancedOpen)}
        >
          ${strings.add.advanced}
        </button>
        <p class="hint">${t.templateHint}</p>
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
        <button type="submit" class="primary" ?disabled=${this.busy || !valid || this.customers.length === 0}>
          ${this.formatters.plural(this.chosen.size, t.start)}
        </button>
        ${this.busy ? html`<span role="status">${t.starting}</span>` : nothing}
      </div>
    </form>`;
  }
}

define('m365-batch-setup', M365BatchSetup);

declare global {
  interface HTMLElementTagNameMap {
    'm365-batch-setup': M365BatchSetup;
  }
  interface HTMLElementEventMap {
    'm365-batch-start': CustomEvent<{ customerIds: string[]; settings: OnboardingSettingsInput }>;
  }
}
