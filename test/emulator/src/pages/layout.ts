import { escapeHtml } from '../util/html.js';

/** Microsoft's sign-in look: white card, Segoe UI, blue primary button. [assumption] approximations of the real CSS. */
const STYLES = `
*{box-sizing:border-box}
body{margin:0;font-family:"Segoe UI","Segoe UI Web (West European)",-apple-system,BlinkMacSystemFont,Roboto,"Helvetica Neue",sans-serif;
  background:#f2f2f2 linear-gradient(135deg,#e8eef7 0%,#f6f0f3 100%);color:#1b1b1b;min-height:100vh;display:flex;flex-direction:column;align-items:center}
main{margin-top:12vh;width:440px;max-width:calc(100% - 40px);background:#fff;box-shadow:0 2px 6px rgba(0,0,0,.2);padding:44px}
.logo{display:flex;align-items:center;gap:8px;font-size:15px;font-weight:600;color:#737373;margin-bottom:16px}
h1{font-size:1.5rem;font-weight:600;line-height:1.75rem;margin:16px 0 12px}
p{font-size:.9375rem;line-height:1.25rem;margin:0 0 12px}
label.sr{position:absolute;left:-9999px}
input[type=text],input[type=email],input[type=password]{width:100%;font-size:.9375rem;padding:6px 0;border:0;border-bottom:1px solid rgba(0,0,0,.6);
  outline:none;margin:8px 0 16px;background:transparent}
input:focus{border-bottom-color:#0067b8}
.error{color:#e81123;font-size:.9375rem;margin:0 0 8px}
.identity{display:inline-flex;align-items:center;gap:6px;font-size:.9375rem;margin-bottom:4px}
.buttons{display:flex;justify-content:flex-end;gap:4px;margin-top:28px}
button{min-width:108px;min-height:32px;padding:4px 12px;border:0;font-size:.9375rem;cursor:pointer}
button.primary{background:#0067b8;color:#fff}
button.primary:hover{background:#005da6}
button.secondary{background:rgba(0,0,0,.2);color:#000}
a{color:#0067b8;text-decoration:none;font-size:.8125rem}
ul.permissions{padding-left:20px;font-size:.9375rem}
ul.permissions li{margin-bottom:8px}
.small{font-size:.8125rem;color:#605e5c}
.code{font-family:Consolas,monospace}
footer{margin-top:auto;width:100%;text-align:right;font-size:.75rem;padding:8px 16px;color:#1b1b1b}
`;

const LOGO = `<div class="logo" aria-hidden="true"><svg width="21" height="21" viewBox="0 0 21 21"><rect width="10" height="10" fill="#f25022"/>
<rect x="11" width="10" height="10" fill="#7fba00"/><rect y="11" width="10" height="10" fill="#00a4ef"/><rect x="11" y="11" width="10" height="10" fill="#ffb900"/></svg>Microsoft</div>`;

export interface PageOptions {
  title: string;
  body: string;
}

export function page({ title, body }: PageOptions): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLES}</style></head>
<body><main>${LOGO}${body}</main><footer>Terms of use&nbsp;&nbsp;Privacy &amp; cookies&nbsp;&nbsp;M365 emulator</footer></body></html>`;
}

export function errorLine(message: string | undefined): string {
  return message ? `<div class="error" role="alert" id="error">${escapeHtml(message)}</div>` : '';
}

export function hidden(name: string, value: string): string {
  return `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
}

export function buttons(...items: Array<{ label: string; value?: string; primary?: boolean }>): string {
  return `<div class="buttons">${items.map((b) => `<button type="submit" class="${b.primary ? 'primary' : 'secondary'}"${
    b.value ? ` name="action" value="${escapeHtml(b.value)}"` : ''}>${escapeHtml(b.label)}</button>`).join('')}</div>`;
}
