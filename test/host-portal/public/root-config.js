/* global document, window, location, Element */
// The development portal's single-spa root config: the Microsoft 365 plugin is loaded with a native
// import() of its ES module (no SystemJS), Customers and Devices are small inline applications.
import { getAppStatus, navigateToUrl, registerApplication, start, unloadApplication } from '/vendor/single-spa.js';

const config = JSON.parse(document.getElementById('portal-config').textContent);
const LOCALE_KEY = 'dev-portal-locale';
const PLUGIN = 'm365-plugin';

function currentLocale() {
  return sessionStorage.getItem(LOCALE_KEY) || config.locale;
}

/** The host's getAccessToken(): a short-lived JWT from /dev/token, reused until 30 s before it expires. */
function createTokenSource() {
  let cached = null;
  let pending = null;
  return async function getAccessToken() {
    if (cached && Date.parse(cached.expiresAt) - Date.now() > 30_000) return cached.accessToken;
    pending ??= fetch('/dev/token', { cache: 'no-store' })
      .then(async (response) => {
        if (!response.ok) throw new Error(`the portal refused a token (${response.status})`);
        cached = await response.json();
        return cached.accessToken;
      })
      .finally(() => (pending = null));
    return pending;
  };
}
const getAccessToken = createTokenSource();

function customerFromUrl(location) {
  return new URL(location.href).searchParams.get('customer') || undefined;
}

registerApplication({
  name: PLUGIN,
  app: () => import(config.pluginUrl),
  activeWhen: (location) => location.pathname === '/m365' || location.pathname.startsWith('/m365/'),
  customProps: (_name, location) => ({
    apiBaseUrl: config.apiBaseUrl,
    getAccessToken,
    locale: currentLocale(),
    customerId: customerFromUrl(location),
  }),
});

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** A single-spa application that renders a fixtures table into its container. */
function tableApp(name, render) {
  const container = () => document.getElementById(`single-spa-application:${name}`);
  return {
    bootstrap: async () => {},
    mount: async () => {
      const response = await fetch('/dev/fixtures.json');
      container().innerHTML = render(await response.json(), new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'medium', timeStyle: 'short' }));
    },
    unmount: async () => {
      container().innerHTML = '';
    },
  };
}

registerApplication({
  name: 'customers',
  app: async () =>
    tableApp('customers', ({ customers }) => `<h1>Customers</h1>
      <table class="portal-table"><thead><tr><th scope="col">Customer</th><th scope="col">Domains</th><th scope="col">Microsoft 365</th></tr></thead>
      <tbody>${customers
        .map(
          (c) => `<tr><td>${escapeHtml(c.name)}</td><td>${escapeHtml(c.domains.join(', ') || '—')}</td>
          <td><a href="/m365?customer=${encodeURIComponent(c.id)}" data-route>Open Microsoft 365 tab</a></td></tr>`,
        )
        .join('')}</tbody></table>`),
  activeWhen: '/customers',
});

registerApplication({
  name: 'devices',
  app: async () =>
    tableApp('devices', ({ devices }, when) => `<h1>Devices</h1>
      <table class="portal-table"><thead><tr><th scope="col">Device</th><th scope="col">Status</th><th scope="col">Last seen</th></tr></thead>
      <tbody>${devices
        .map(
          (d) => `<tr><td>${escapeHtml(d.name)}${d.isMain ? ' <span class="portal-badge">Main</span>' : ''}</td>
          <td>${d.status === 'online' ? 'Online' : 'Offline'}</td><td>${d.lastSeenAt ? when.format(new Date(d.lastSeenAt)) : 'Never'}</td></tr>`,
        )
        .join('')}</tbody></table>`),
  activeWhen: '/devices',
});

// Links inside the portal navigate without a reload, as single-spa expects.
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[data-route]') : null;
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey) return;
  event.preventDefault();
  navigateToUrl(link.href);
});

function markCurrentNav() {
  for (const link of document.querySelectorAll('.portal-nav a')) {
    const current = location.pathname.startsWith(link.dataset.route);
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}
window.addEventListener('single-spa:routing-event', markCurrentNav);

// The plugin gets its props at mount: when the customer scope or the locale changes while it is
// mounted, the portal remounts it, as a real host would.
const scopeNow = () => `${customerFromUrl(location)}|${currentLocale()}`;
let mountedScope = scopeNow();
window.addEventListener('single-spa:app-change', () => {
  if (getAppStatus(PLUGIN) === 'MOUNTED') mountedScope = scopeNow();
});
function remountIfScopeChanged() {
  if (getAppStatus(PLUGIN) === 'MOUNTED' && scopeNow() !== mountedScope) {
    mountedScope = scopeNow();
    void unloadApplication(PLUGIN);
  }
}
window.addEventListener('single-spa:routing-event', remountIfScopeChanged);
document.getElementById('portal-locale').addEventListener('change', (event) => {
  sessionStorage.setItem(LOCALE_KEY, event.target.value);
  document.documentElement.lang = event.target.value;
  remountIfScopeChanged();
});

if (location.pathname === '/') navigateToUrl('/m365');
start({ urlRerouteOnly: true });
