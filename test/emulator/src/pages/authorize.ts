import type { Request, Response } from 'express';
import type { EmulatorContext } from '../context.js';
import { AadError } from '../identity/errors.js';
import { parseDelegatedScopes, resolveGraphScopes } from '../identity/scopes.js';
import { checkConditionalAccess, checkPassword, checkTenant, planConsent, recordConsent } from '../identity/sign-in.js';
import { TokenIssuer } from '../identity/tokens.js';
import { newGuid } from '../util/hash.js';
import { aadTimestamp } from '../util/time.js';
import { consentStep, sendHtml, type FlowDriver } from './login.js';
import type { AuthorizeRequest, FlowSession } from './sessions.js';
import { emailPage, formPostPage, messagePage } from './views.js';

/** [doc reference 2.1] success and error parameters go back in the query, the fragment or a form post. */
function respond(res: Response, request: AuthorizeRequest, params: Record<string, string>): void {
  const all = { ...params, ...(request.state !== undefined ? { state: request.state } : {}) };
  if (request.responseMode === 'form_post') {
    sendHtml(res, formPostPage(request.redirectUri, all));
    return;
  }
  const url = new URL(request.redirectUri);
  const encoded = new URLSearchParams(all).toString();
  if (request.responseMode === 'fragment') url.hash = encoded;
  else url.search = url.search ? `${url.search.slice(1)}&${encoded}` : encoded;
  res.redirect(302, url.toString());
}

function errorParams(error: string, code: number, description: string): Record<string, string> {
  return {
    error,
    error_description: `AADSTS${code}: ${description}\r\nTrace ID: ${newGuid()}\r\nCorrelation ID: ${newGuid()}\r\nTimestamp: ${aadTimestamp()}`,
  };
}

export function authorizeDriver(ctx: EmulatorContext): FlowDriver {
  const request = (flow: FlowSession) => flow.authorize!;
  const client = (flow: FlowSession) => {
    const segment = request(flow).segment;
    return ctx.directory.findClient(request(flow).clientId, segment.kind === 'tenant' ? segment.tenant : undefined)!;
  };
  return {
    client,
    alive: () => true,
    checkAccess: (flow, account, password) => {
      checkPassword(account, password);
      checkTenant(request(flow).segment, account, client(flow));
      checkConditionalAccess(account, 'authorization_code');
    },
    afterPassword: (flow, account, res) => consentStep(flow, account, authorizeDriver(ctx), res),
    consent: (flow, account) => {
      const app = client(flow);
      const consented = ctx.directory.consentedScopes(account.tenant, app.appId, account.user.id);
      const scopes = resolveGraphScopes(request(flow).requested, app, consented);
      return { scopes, needed: planConsent(ctx.directory, account, app, scopes).needed };
    },
    finish: (flow, account, consent, forOrganization, res) => {
      const req = request(flow);
      recordConsent(ctx.directory, account, client(flow), consent.needed, forOrganization);
      const code = ctx.authorizationCodes.issue({
        tenantId: account.tenant.id, userId: account.user.id, clientId: req.clientId, graphScopes: consent.scopes, oidc: req.requested.oidc,
        redirectUri: req.redirectUri, codeChallenge: req.codeChallenge, codeChallengeMethod: req.codeChallengeMethod, nonce: req.nonce,
        expiresAt: Date.now() + ctx.issuer.timing.authorizationCodeLifetimeSeconds * 1000, spa: req.spa,
      });
      ctx.flows.delete(flow.id);
      respond(res, req, { code, client_info: TokenIssuer.clientInfo(account.user, account.tenant), session_state: newGuid() });
    },
    abandon: (flow, res) => {
      ctx.flows.delete(flow.id);
      // [doc] 65004 consent declined; error_subcode=cancel [assumption].
      respond(res, request(flow), { ...errorParams('access_denied', 65004, 'User declined to consent to access the app.'), error_subcode: 'cancel' });
    },
  };
}

/** GET /{tenant}/oauth2/v2.0/authorize: checks the request, then shows the sign-in page (reference 2.1). */
export function authorizeEndpoint(ctx: EmulatorContext) {
  return (req: Request, res: Response): void => {
    const q = req.query as Record<string, string | undefined>;
    const segmentName = String(req.params.tenant);
    const segment = ctx.directory.resolveSegment(segmentName);
    // Errors before the redirect URI is trusted are shown, never redirected [doc].
    const fatal = (code: number, text: string) => sendHtml(res, messagePage("Sorry, but we're having trouble signing you in.", text, `AADSTS${code}`), 400);
    if (!segment) return fatal(90002, `Tenant '${segmentName}' not found.`);
    const tenant = segment.kind === 'tenant' ? segment.tenant : undefined;
    const app = q.client_id ? ctx.directory.findClient(q.client_id, tenant) : undefined;
    if (!app) return fatal(700016, `Application with identifier '${q.client_id ?? ''}' was not found in the directory '${segmentName}'.`);
    const redirectUri = q.redirect_uri ?? '';
    const spa = app.spa.redirectUris.includes(redirectUri);
    if (!spa && !app.publicClient.redirectUris.includes(redirectUri) && !app.web.redirectUris.includes(redirectUri)) {
      return fatal(50011, `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${app.appId}'.`);
    }
    const responseMode = q.response_mode === 'form_post' || q.response_mode === 'fragment' ? q.response_mode : 'query';
    const base: AuthorizeRequest = {
      segment, clientId: app.appId, redirectUri, spa, responseMode, state: q.state, nonce: q.nonce,
      codeChallenge: q.code_challenge ?? null, codeChallengeMethod: q.code_challenge_method === 'S256' ? 'S256' : 'plain',
      requested: { graph: [], oidc: [], graphDefault: false }, loginHint: q.login_hint,
    };
    const fail = (error: string, code: number, text: string) => respond(res, base, errorParams(error, code, text));
    if (!(q.response_type ?? '').split(' ').includes('code')) return fail('unsupported_response_type', 70005, "The application requested an unsupported response type.");
    try {
      base.requested = parseDelegatedScopes(q.scope);
    } catch (err) {
      if (err instanceof AadError) return fail(err.error, err.code ?? 70011, err.description);
      throw err;
    }
    if (spa && !base.codeChallenge) return fail('invalid_request', 9002325, 'Proof Key for Code Exchange is required for cross-origin authorization code redemption.');
    if (q.code_challenge_method && !['S256', 'plain'].includes(q.code_challenge_method)) return fail('invalid_request', 70011, 'Unsupported code_challenge_method.');
    // [doc] no SSO session is kept, so a silent request always needs interaction.
    if (q.prompt === 'none') return fail('login_required', 50058, 'A silent sign-in request was sent but no user is signed in.');
    const flow = ctx.flows.create({ kind: 'authorize', authorize: base });
    sendHtml(res, emailPage(flow, app.displayName, undefined, q.login_hint ?? ''));
  };
}
