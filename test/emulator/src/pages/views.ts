import type { Application } from '../store/types.js';
import { escapeHtml } from '../util/html.js';
import { consentText } from '../identity/scopes.js';
import { buttons, errorLine, hidden, page } from './layout.js';
import type { FlowSession } from './sessions.js';

const LOGIN_ACTION = '/common/login';

function form(flow: FlowSession, step: string, inner: string): string {
  return `<form method="post" action="${LOGIN_ACTION}">${hidden('flowToken', flow.id)}${hidden('step', step)}${inner}</form>`;
}

function identity(email: string): string {
  return `<div class="identity"><span aria-hidden="true">&larr;</span><span id="displayName">${escapeHtml(email)}</span></div>`;
}

/** [assumption] texts of Microsoft's device login page; buttons and field names as Microsoft's (otc, loginfmt, passwd). */
export function codePage(error?: string, value = ''): string {
  return page({
    title: 'Enter code',
    body: `<form method="post" action="/common/oauth2/deviceauth"><h1>Enter code</h1>
<p>Enter the code displayed on your app or device.</p>${errorLine(error)}
<label class="sr" for="otc">Code</label><input type="text" id="otc" name="otc" placeholder="Code" aria-label="Code" autocomplete="off" value="${escapeHtml(value)}" autofocus>
${buttons({ label: 'Next', primary: true })}</form>`,
  });
}

export function emailPage(flow: FlowSession, appName: string | null, error?: string, value = ''): string {
  return page({
    title: 'Sign in to your account',
    body: form(flow, 'email', `<h1>Sign in</h1>${appName ? `<p class="small">to continue to ${escapeHtml(appName)}</p>` : ''}${errorLine(error)}
<label class="sr" for="i0116">Email, phone, or Skype</label>
<input type="email" id="i0116" name="loginfmt" placeholder="Email, phone, or Skype" aria-label="Email, phone, or Skype" value="${escapeHtml(value)}" autofocus>
<p class="small">Can't access your account?</p>${buttons({ label: 'Next', primary: true })}`),
  });
}

export function passwordPage(flow: FlowSession, email: string, error?: string): string {
  return page({
    title: 'Sign in to your account',
    body: form(flow, 'password', `${identity(email)}<h1>Enter password</h1>${errorLine(error)}
<label class="sr" for="i0118">Password</label>
<input type="password" id="i0118" name="passwd" placeholder="Password" aria-label="Password" autofocus>
<p><a href="#">Forgot my password</a></p>${buttons({ label: 'Sign in', primary: true })}`),
  });
}

/** [obs] the device flow asks to confirm the app before consent. */
export function confirmPage(flow: FlowSession, email: string, appName: string): string {
  return page({
    title: 'Sign in to your account',
    body: form(flow, 'confirm', `${identity(email)}<h1>Are you trying to sign in to ${escapeHtml(appName)}?</h1>
<p>Only continue if you downloaded the app from a store or website that you trust.</p>
${buttons({ label: 'Cancel', value: 'cancel' }, { label: 'Continue', value: 'continue', primary: true })}`),
  });
}

/** Consent listing the requested permissions; the issue asks for Continue where Entra's page says Accept. */
export function consentPage(flow: FlowSession, email: string, client: Application, scopes: string[], organizationBox: boolean): string {
  const items = scopes.map((s) => `<li>${escapeHtml(consentText(s))}</li>`).join('');
  const box = organizationBox
    ? '<p><label><input type="checkbox" name="consentForOrg" value="on" checked> Consent on behalf of your organization</label></p>'
    : '';
  return page({
    title: 'Permissions requested',
    body: form(flow, 'consent', `${identity(email)}<h1>Permissions requested</h1>
<p><strong>${escapeHtml(client.displayName)}</strong><br><span class="small">${escapeHtml(client.publisherDomain)} (unverified)</span></p>
<p>This app would like to:</p><ul class="permissions" aria-label="Requested permissions">${items}</ul>${box}
<p class="small">Accepting these permissions means that you allow this app to use your data as specified in their terms of service and privacy statement.</p>
${buttons({ label: 'Cancel', value: 'cancel' }, { label: 'Continue', value: 'continue', primary: true })}`),
  });
}

/** [doc] 90094: what a user without an admin role sees. */
export function adminApprovalPage(flow: FlowSession, email: string, message: string): string {
  return page({
    title: 'Need admin approval',
    body: form(flow, 'approval', `${identity(email)}<h1>Need admin approval</h1><p>${escapeHtml(message)}</p>
<p><a href="#">Have an admin account? Sign in with that account</a></p>
${buttons({ label: 'Return to the application without granting consent', value: 'back' })}`),
  });
}

export function messagePage(title: string, text: string, detail?: string): string {
  return page({
    title,
    body: `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>${detail ? `<p class="small code">${escapeHtml(detail)}</p>` : ''}`,
  });
}

/** [obs] the Conditional Access block page with its error code. */
export function blockedPage(email: string, code: number | null, message: string): string {
  return page({
    title: 'You cannot access this right now',
    body: `${identity(email)}<h1>You cannot access this right now</h1>
<p>Your sign-in was successful but does not meet the criteria to access this resource. For example, you might be signing in from a browser, app, or location that is restricted by your admin.</p>
<p class="small code" role="alert">Error Code: ${code ?? ''} ${escapeHtml(message)}</p>`,
  });
}

/** [doc] form_post response mode: an auto-submitting form to the redirect URI. */
export function formPostPage(redirectUri: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields).map(([k, v]) => hidden(k, v)).join('');
  return `<!doctype html><html><head><title>Working...</title></head><body onload="document.forms[0].submit()">
<form method="post" action="${escapeHtml(redirectUri)}">${inputs}<noscript><button type="submit">Continue</button></noscript></form></body></html>`;
}
