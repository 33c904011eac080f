export interface PageConfig {
  /** URL of the plugin's ES module (through the portal's gateway). */
  pluginUrl: string;
  /** `apiBaseUrl` given to the plugin. */
  apiBaseUrl: string;
  locale: string;
  partnerName: string;
  technicianName: string;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The portal's single page; `root-config.js` registers the applications with single-spa. */
export function renderPage(config: PageConfig): string {
  // JSON inside <script> must not be able to close the element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="${escapeHtml(config.locale)}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>RMM Portal (development)</title>
    <link rel="stylesheet" href="/portal/portal.css" />
    <script type="application/json" id="portal-config">${json}</script>
    <script type="module" src="/portal/root-config.js"></script>
  </head>
  <body>
    <header class="portal-header">
      <span class="portal-logo" aria-hidden="true">◆</span>
      <span class="portal-name">RMM Portal</span>
      <span class="portal-partner">${escapeHtml(config.partnerName)}</span>
      <span class="portal-spacer"></span>
      <label class="portal-locale">Locale
        <select id="portal-locale">
          ${['en-US', 'en-GB', 'de-DE', 'fr-FR', 'ja-JP']
            .map((locale) => `<option${locale === config.locale ? ' selected' : ''}>${locale}</option>`)
            .join('')}
        </select>
      </label>
      <span class="portal-user">${escapeHtml(config.technicianName)}</span>
    </header>
    <div class="portal-body">
      <nav class="portal-nav" aria-label="Portal">
        <a href="/m365" data-route="/m365">Microsoft 365</a>
        <a href="/customers" data-route="/customers">Customers</a>
        <a href="/devices" data-route="/devices">Devices</a>
      </nav>
      <main class="portal-main">
        <div id="single-spa-application:m365-plugin"></div>
        <div id="single-spa-application:customers"></div>
        <div id="single-spa-application:devices"></div>
      </main>
    </div>
  </body>
</html>
`;
}
