import type { Request, Response } from 'express';
import type { EmulatorContext } from '../context.js';
import type { ConsentRequest } from '../identity/device-flow.js';
import { canConsentForOrganization, findAccount, SignInError, type Account } from '../identity/sign-in.js';
import type { Application } from '../store/types.js';
import type { FlowSession } from './sessions.js';
import { adminApprovalPage, blockedPage, consentPage, emailPage, messagePage, passwordPage } from './views.js';

/** What differs between the device login and the /authorize pages. */
export interface FlowDriver {
  client(flow: FlowSession): Application;
  /** Password, tenant restriction and Conditional Access; throws SignInError. */
  checkAccess(flow: FlowSession, account: Account, password: string): void;
  /** The step after a good password: the device flow confirms the app first. */
  afterPassword(flow: FlowSession, account: Account, res: Response): void;
  consent(flow: FlowSession, account: Account): ConsentRequest;
  finish(flow: FlowSession, account: Account, consent: ConsentRequest, forOrganization: boolean, res: Response): void;
  /** The person cancelled or went back without consenting. */
  abandon(flow: FlowSession, res: Response): void;
  /** False once the flow can no longer complete (device code expired or used). */
  alive(flow: FlowSession): boolean;
}

type Form = Record<string, string | undefined>;

function send(res: Response, html: string, status = 200): void {
  res.status(status).type('html').set('Cache-Control', 'no-store').send(html);
}

/** Consent page, or straight on when nothing is left to consent, or "Need admin approval". */
export function consentStep(flow: FlowSession, account: Account, driver: FlowDriver, res: Response): void {
  let consent: ConsentRequest;
  try {
    consent = driver.consent(flow, account);
  } catch (err) {
    if (!(err instanceof SignInError)) throw err;
    send(res, adminApprovalPage(flow, account.user.userPrincipalName, err.message));
    return;
  }
  flow.consent = consent;
  if (consent.needed.length === 0) {
    driver.finish(flow, account, consent, true, res);
    return;
  }
  send(res, consentPage(flow, account.user.userPrincipalName, driver.client(flow), consent.needed, canConsentForOrganization(account.user)));
}

function passwordStep(flow: FlowSession, form: Form, driver: FlowDriver, res: Response): void {
  const account = flow.account!;
  try {
    driver.checkAccess(flow, account, form.passwd ?? '');
  } catch (err) {
    if (!(err instanceof SignInError)) throw err;
    const email = account.user.userPrincipalName;
    if (err.problem === 'blocked_by_conditional_access') send(res, blockedPage(email, err.aadsts, err.message));
    else if (err.problem === 'wrong_password') send(res, passwordPage(flow, email, err.message));
    else send(res, messagePage('Sign-in failed', err.message, err.aadsts ? `AADSTS${err.aadsts}` : undefined));
    return;
  }
  flow.authenticated = true;
  driver.afterPassword(flow, account, res);
}

/** POST /common/login: every step after the code (email, password, confirm, consent, admin approval). */
export function loginStep(ctx: EmulatorContext, drivers: Record<FlowSession['kind'], FlowDriver>) {
  return (req: Request, res: Response): void => {
    const form = (req.body ?? {}) as Form;
    const flow = ctx.flows.get(form.flowToken);
    if (!flow) {
      send(res, messagePage('Your session has timed out', 'Go back to the app or device and start signing in again.'));
      return;
    }
    const driver = drivers[flow.kind];
    if (!driver.alive(flow)) {
      ctx.flows.delete(flow.id);
      send(res, messagePage('Sign-in expired', "The code you entered has expired. Get a new code from the device you're trying to sign in to and try again."));
      return;
    }
    const account = flow.authenticated ? flow.account : undefined;
    if (!account && form.step !== 'email' && form.step !== 'password') {
      send(res, emailPage(flow, null));
      return;
    }
    switch (form.step) {
      case 'email':
        try {
          flow.account = findAccount(ctx.directory, form.loginfmt ?? '');
          flow.authenticated = false;
          send(res, passwordPage(flow, flow.account.user.userPrincipalName));
        } catch (err) {
          if (!(err instanceof SignInError)) throw err;
          send(res, emailPage(flow, null, err.message, form.loginfmt));
        }
        return;
      case 'password':
        return flow.account ? passwordStep(flow, form, driver, res) : send(res, emailPage(flow, null));
      case 'confirm':
        if (form.action !== 'continue') return driver.abandon(flow, res);
        return consentStep(flow, account!, driver, res);
      case 'consent':
        if (form.action !== 'continue' || !flow.consent) return driver.abandon(flow, res);
        return driver.finish(flow, account!, flow.consent, form.consentForOrg === 'on', res);
      default:
        return driver.abandon(flow, res);
    }
  };
}

export { send as sendHtml };
