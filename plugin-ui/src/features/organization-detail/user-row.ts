import { html, nothing } from 'lit';
import type { LicenseMode, OrganizationUser } from '@m365/contracts';
import { strings } from '../../i18n/strings.js';

const t = strings.users;

export interface UserRowOptions {
  mode: LicenseMode;
  selected: boolean;
  /** A license change for this user is on its way. */
  pending: boolean;
  onSelect: (user: OrganizationUser, selected: boolean) => void;
  onLicense: (user: OrganizationUser, licensed: boolean) => void;
}

function badges(user: OrganizationUser) {
  const list: string[] = [];
  if (user.userType === 'guest') list.push(t.guest);
  if (user.isSharedMailbox) list.push(t.sharedMailbox);
  if (!user.accountEnabled) list.push(t.disabled);
  if (user.deletedInTenant) list.push(t.deleted);
  return list.map((label) => html`<span class="badge">${label}</span>`);
}

function services(user: OrganizationUser): string {
  return [user.hasMailbox ? t.mailbox : '', user.hasOneDrive ? t.oneDrive : ''].filter(Boolean).join(' · ');
}

/** One row of the virtualized users list. */
export function renderUserRow(user: OrganizationUser, options: UserRowOptions) {
  const name = user.displayName ?? user.userPrincipalName;
  const manual = options.mode === 'manual';
  // In manual mode "assigned by hand" is every unlicensed user's reason: only the other reasons say something.
  const reason =
    !user.licensed && user.unlicensedReason && !(manual && user.unlicensedReason === 'manual_mode')
      ? t.unlicensedReason[user.unlicensedReason]
      : '';
  return html`<div role="listitem" class="user ${user.licensed ? 'licensed' : ''}" data-id=${user.id}>
    ${manual
      ? html`<input
          type="checkbox"
          class="select"
          aria-label=${t.select(name)}
          .checked=${options.selected}
          @change=${(e: Event) => options.onSelect(user, (e.target as HTMLInputElement).checked)}
        />`
      : nothing}
    <span class="who">
      <span class="name">${name}</span>
      <span class="upn">${user.userPrincipalName}</span>
    </span>
    <span class="facts">${badges(user)} <span class="services">${services(user)}</span></span>
    <span class="license">
      ${manual
        ? html`<label class="toggle">
            <input
              type="checkbox"
              role="switch"
              aria-label=${t.licenseToggle(name)}
              .checked=${user.licensed}
              ?disabled=${options.pending || (!user.eligible && !user.licensed)}
              @change=${(e: Event) => options.onLicense(user, (e.target as HTMLInputElement).checked)}
            />
            <span aria-hidden="true">${user.licensed ? t.licensed : t.notLicensed}</span>
          </label>`
        : html`<span class=${user.licensed ? 'yes' : 'no'}>${user.licensed ? t.licensed : t.notLicensed}</span>`}
      ${reason ? html`<span class="reason ${user.eligible ? 'eligible' : ''}">${reason}</span>` : nothing}
    </span>
  </div>`;
}
