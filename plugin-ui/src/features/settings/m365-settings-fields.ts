import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import {
  ApplicationNameSchema,
  DEFAULT_APPLICATION_NAME,
  DEFAULT_LICENSE_MODE,
  DEFAULT_USER_SYNC_INTERVAL_MINUTES,
  USER_SYNC_INTERVALS_MINUTES,
  type Device,
  type LicenseMode,
  type OnboardingSettingsInput,
  type UserSyncIntervalMinutes,
} from '@m365/contracts';
import { ApiError } from '../../api/api-error.js';
import { define, emit } from '../../components/define.js';
import { createFormatters, formattersContext, type Formatters } from '../../i18n/format.js';
import { strings } from '../../i18n/strings.js';
import { shared } from '../../styles/shared.styles.js';
import './m365-device-picker.js';

const t = strings.settings;

/** The editable settings of an organization, as the form holds them. */
export interface SettingsDraft {
  applicationName: string;
  licenseMode: LicenseMode;
  defaultDeviceId: string;
  userSyncIntervalMinutes: UserSyncIntervalMinutes;
}

export type SettingsErrors = Partial<Record<keyof SettingsDraft, string>>;

const SETTINGS_FIELDS: ReadonlySet<string> = new Set<keyof SettingsDraft>(['applicationName', 'licenseMode', 'defaultDeviceId', 'userSyncIntervalMinutes']);

/** The contracts' defaults for a new organization; the Default device is filled by `withMainDevice`. */
export function defaultSettingsDraft(): SettingsDraft {
  return {
    applicationName: DEFAULT_APPLICATION_NAME,
    licenseMode: DEFAULT_LICENSE_MODE,
    defaultDeviceId: '',
    userSyncIntervalMinutes: DEFAULT_USER_SYNC_INTERVAL_MINUTES,
  };
}

/** The draft with the partner's Main device (or the first one) when it has no device yet. */
export function withMainDevice(draft: SettingsDraft, devices: Device[]): SettingsDraft {
  if (draft.defaultDeviceId) return draft;
  const main = devices.find((device) => device.isMain) ?? devices[0];
  return main ? { ...draft, defaultDeviceId: main.id } : draft;
}

/** What an onboarding start sends; without a device the server picks the Main one. */
export function toOnboardingSettings(draft: SettingsDraft): OnboardingSettingsInput {
  return {
    applicationName: draft.applicationName.trim(),
    licenseMode: draft.licenseMode,
    userSyncIntervalMinutes: draft.userSyncIntervalMinutes,
    ...(draft.defaultDeviceId ? { defaultDeviceId: draft.defaultDeviceId } : {}),
  };
}

/** The settings fields a 400 VALIDATION_FAILED names (`body.settings.x` or `body.x`), for the form. */
export function settingsErrors(error: unknown): SettingsErrors {
  if (!(error instanceof ApiError)) return {};
  const out: SettingsErrors = {};
  for (const [path, message] of Object.entries(error.fieldErrors)) {
    const field = path.split('.').at(-1)!;
    if (SETTINGS_FIELDS.has(field)) out[field as keyof SettingsDraft] = message;
  }
  return out;
}

/** The message of the contracts' Application name rule, or null when the name is valid. */
export function applicationNameError(name: string): string | null {
  const result = ApplicationNameSchema.safeParse(name);
  return result.success ? null : (result.error.issues[0]?.message ?? null);
}

/**
 * @summary Application name, License management, Default device (with Edit) and User sync interval.
 * Used by Add organization's Advanced configuration and by an organization's Settings.
 * @fires m365-settings-change - Any field changed (detail `{value, valid}`).
 * @csspart switch - The License management switch.
 */
export class M365SettingsFields extends LitElement {
  static override styles = [
    shared,
    css`
      .switch-row {
        display: flex;
        align-items: center;
        gap: var(--_space);
      }
      input[role='switch'] {
        appearance: none;
        width: 2.6em;
        height: 1.4em;
        border-radius: 999px;
        background: var(--_border);
        position: relative;
        margin: 0;
        cursor: pointer;
        flex: none;
      }
      input[role='switch']::after {
        content: '';
        position: absolute;
        top: 0.2em;
        left: 0.2em;
        width: 1em;
        height: 1em;
        border-radius: 50%;
        background: var(--_surface);
        transition: transform 0.15s;
      }
      input[role='switch']:checked {
        background: var(--_accent);
      }
      input[role='switch']:checked::after {
        transform: translateX(1.2em);
      }
      .positions {
        margin: 0.2em 0 0;
        padding: 0;
        list-style: none;
        color: var(--_muted);
        font-size: 0.93em;
      }
      .positions .current {
        color: var(--_text);
        font-weight: 600;
      }
      .device {
        display: flex;
        align-items: center;
        gap: var(--_space);
        flex-wrap: wrap;
      }
      .main {
        color: var(--_accent);
      }
      input[readonly] {
        background: var(--_surface-alt);
      }
      input#application-name,
      select {
        width: 100%;
        max-width: 32em;
      }
    `,
  ];

  /** The current values; the owner updates it from `m365-settings-change`. */
  @property({ attribute: false }) value: SettingsDraft = {
    applicationName: '',
    licenseMode: 'automatic',
    defaultDeviceId: '',
    userSyncIntervalMinutes: 60,
  };
  /** The partner's devices, Main first. */
  @property({ attribute: false }) devices: Device[] = [];
  /** Show the application name read-only (it is fixed once the application is registered). */
  @property({ type: Boolean, attribute: 'application-name-locked' }) applicationNameLocked = false;
  /** Messages from the server for fields it refused, keyed by field name. */
  @property({ attribute: false }) errors: Partial<Record<keyof SettingsDraft, string>> = {};

  @consume({ context: formattersContext, subscribe: true })
  @property({ attribute: false })
  formatters: Formatters = createFormatters('en-US');

  @state() private pickingDevice = false;
  // The last value emitted: several changes can happen before the owner passes the new value back.
  private latest: SettingsDraft | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('value')) this.latest = null;
  }

  private change(patch: Partial<SettingsDraft>) {
    const value = { ...(this.latest ?? this.value), ...patch };
    this.latest = value;
    const valid = this.applicationNameLocked || applicationNameError(value.applicationName) === null;
    emit(this, 'm365-settings-change', { value, valid });
  }

  private renderApplicationName() {
    const error = this.applicationNameLocked
      ? this.errors.applicationName
      : (applicationNameError(this.value.applicationName) ?? this.errors.applicationName);
    return html`<div class="field">
      <label for="application-name">${t.applicationName}</label>
      <input
        id="application-name"
        type="text"
        .value=${this.value.applicationName}
        ?readonly=${this.applicationNameLocked}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby="application-name-hint application-name-error"
        @input=${(e: InputEvent) => this.change({ applicationName: (e.target as HTMLInputElement).value })}
      />
      <p class="hint" id="application-name-hint">
        ${this.applicationNameLocked ? t.applicationNameLocked : t.applicationNameHint}
      </p>
      <p class="error-text" id="application-name-error" role="alert">${error ?? nothing}</p>
    </div>`;
  }

  private renderLicenseManagement() {
    const automatic = this.value.licenseMode === 'automatic';
    return html`<div class="field">
      <div class="switch-row">
        <input
          id="license-management"
          part="switch"
          type="checkbox"
          role="switch"
          .checked=${automatic}
          aria-describedby="license-positions"
          @change=${(e: Event) =>
            this.change({ licenseMode: (e.target as HTMLInputElement).checked ? 'automatic' : 'manual' })}
        />
        <label for="license-management">${t.licenseManagement}</label>
        <span aria-hidden="true">${automatic ? t.licenseAutomaticShort : t.licenseManualShort}</span>
      </div>
      <ul class="positions" id="license-positions">
        <li class=${automatic ? 'current' : ''}>${t.licenseOn}</li>
        <li class=${automatic ? '' : 'current'}>${t.licenseOff}</li>
      </ul>
      ${this.errors.licenseMode ? html`<p class="error-text" role="alert">${this.errors.licenseMode}</p>` : nothing}
    </div>`;
  }

  private renderDefaultDevice() {
    const device = this.devices.find((candidate) => candidate.id === this.value.defaultDeviceId);
    const f = this.formatters;
    return html`<div class="field" role="group" aria-labelledby="device-label">
      <span id="device-label" class="label">${t.defaultDevice}</span>
      <div class="device">
        ${device
          ? html`<strong>${device.name}</strong>
              ${device.isMain ? html`<span class="badge main">${t.main}</span>` : nothing}
              <span class="hint"
                >${device.status === 'online' ? strings.devices.online : strings.devices.offline}${device.lastSeenAt
                  ? ` · ${strings.devices.lastSeen} ${f.relative(device.lastSeenAt)}`
                  : ''}</span
              >`
          : html`<span>${this.devices.length ? t.noDevice : t.noDevices}</span>`}
        <button
          type="button"
          aria-expanded=${this.pickingDevice ? 'true' : 'false'}
          aria-controls="device-picker"
          ?disabled=${this.devices.length === 0}
          @click=${() => (this.pickingDevice = !this.pickingDevice)}
        >
          ${t.edit}
        </button>
      </div>
      <p class="hint">${t.defaultDeviceHint}</p>
      ${this.errors.defaultDeviceId
        ? html`<p class="error-text" role="alert">${this.errors.defaultDeviceId}</p>`
        : nothing}
      <m365-device-picker
        id="device-picker"
        ?hidden=${!this.pickingDevice}
        .devices=${this.devices}
        .selected=${this.value.defaultDeviceId}
        @m365-device-select=${(e: HTMLElementEventMap['m365-device-select']) => {
          e.stopPropagation();
          this.pickingDevice = false;
          this.change({ defaultDeviceId: e.detail.deviceId });
        }}
        @m365-picker-cancel=${(e: Event) => {
          e.stopPropagation();
          this.pickingDevice = false;
        }}
      ></m365-device-picker>
    </div>`;
  }

  private renderSyncInterval() {
    return html`<div class="field">
      <label for="sync-interval">${t.userSyncInterval}</label>
      <select
        id="sync-interval"
        @change=${(e: Event) =>
          this.change({
            userSyncIntervalMinutes: Number((e.target as HTMLSelectElement).value) as UserSyncIntervalMinutes,
          })}
      >
        ${USER_SYNC_INTERVALS_MINUTES.map(
          (minutes) =>
            html`<option value=${minutes} ?selected=${minutes === this.value.userSyncIntervalMinutes}>
              ${t.every(this.formatters.minutes(minutes))}
            </option>`,
        )}
      </select>
      ${this.errors.userSyncIntervalMinutes
        ? html`<p class="error-text" role="alert">${this.errors.userSyncIntervalMinutes}</p>`
        : nothing}
    </div>`;
  }

  override render() {
    return html`${this.renderApplicationName()} ${this.renderLicenseManagement()} ${this.renderDefaultDevice()}
    ${this.renderSyncInterval()}`;
  }
}

define('m365-settings-fields', M365SettingsFields);

declare global {
  interface HTMLElementTagNameMap {
    'm365-settings-fields': M365SettingsFields;
  }
  interface HTMLElementEventMap {
    'm365-settings-change': CustomEvent<{ value: SettingsDraft; valid: boolean }>;
  }
}
