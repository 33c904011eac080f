import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { Device } from '@m365/contracts';
import { define, emit } from '../../components/define.js';
import { createFormatters, formattersContext, type Formatters } from '../../i18n/format.js';
import { strings } from '../../i18n/strings.js';
import { shared } from '../../styles/shared.styles.js';

const t = strings.devices;

/**
 * @summary The partner's devices with name, status and last seen; choosing one emits its id.
 * @fires m365-device-select - A device was chosen (detail `{deviceId}`).
 * @fires m365-picker-cancel - The technician closed the list without choosing.
 * @csspart table - The device table.
 */
export class M365DevicePicker extends LitElement {
  static override styles = [
    shared,
    css`
      table {
        width: 100%;
        border-collapse: collapse;
        margin-block: var(--_space);
      }
      th,
      td {
        text-align: start;
        padding: calc(var(--_space) / 2) var(--_space);
        border-bottom: 1px solid var(--_border);
      }
      th {
        color: var(--_muted);
        font-weight: 600;
        font-size: 0.9em;
      }
      tr.selected {
        background: var(--_surface-alt);
      }
      .online {
        color: var(--_success);
      }
      .offline {
        color: var(--_muted);
      }
      .main {
        color: var(--_accent);
        margin-inline-start: 0.4em;
      }
    `,
  ];

  /** The devices to choose from (Main first, as the API lists them). */
  @property({ attribute: false }) devices: Device[] = [];
  /** The device currently chosen. */
  @property() selected = '';

  @consume({ context: formattersContext, subscribe: true })
  @property({ attribute: false })
  formatters: Formatters = createFormatters('en-US');

  override render() {
    const f = this.formatters;
    return html`<table part="table" aria-label=${t.title}>
        <thead>
          <tr>
            <th scope="col">${t.name}</th>
            <th scope="col">${t.status}</th>
            <th scope="col">${t.lastSeen}</th>
            <th scope="col"><span class="visually-hidden">${t.choose}</span></th>
          </tr>
        </thead>
        <tbody>
          ${this.devices.map((device) => {
            const chosen = device.id === this.selected;
            const action = chosen ? t.chosen : t.choose;
            return html`<tr class=${chosen ? 'selected' : ''}>
              <td>
                ${device.name}${device.isMain ? html`<span class="badge main">${strings.settings.main}</span>` : nothing}
              </td>
              <td class=${device.status}>${device.status === 'online' ? t.online : t.offline}</td>
              <td>${device.lastSeenAt ? f.relative(device.lastSeenAt) : t.neverSeen}</td>
              <td>
                <button
                  type="button"
                  aria-label=${`${action}: ${device.name}`}
                  ?disabled=${chosen}
                  @click=${() => emit(this, 'm365-device-select', { deviceId: device.id })}
                >
                  ${action}
                </button>
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
      <button type="button" @click=${() => emit(this, 'm365-picker-cancel', {})}>${strings.cancel}</button>`;
  }
}

define('m365-device-picker', M365DevicePicker);

declare global {
  interface HTMLElementTagNameMap {
    'm365-device-picker': M365DevicePicker;
  }
  interface HTMLElementEventMap {
    'm365-device-select': CustomEvent<{ deviceId: string }>;
    'm365-picker-cancel': CustomEvent<Record<string, never>>;
  }
}
