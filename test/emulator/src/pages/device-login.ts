import type { Request, Response } from 'express';
import type { EmulatorContext } from '../context.js';
import { approve, authenticate, consentFor, decline, entryClient, pendingEntry, UserCodeError } from '../identity/device-flow.js';
import type { DeviceCodeEntry } from '../identity/device-codes.js';
import { sendHtml, type FlowDriver } from './login.js';
import type { FlowSession } from './sessions.js';
import { codePage, confirmPage, emailPage, messagePage } from './views.js';

function entryOf(ctx: EmulatorContext, flow: FlowSession): DeviceCodeEntry {
  return pendingEntry(ctx, flow.userCode!);
}

/** The device login pages: code, e-mail, password, "Are you trying to sign in", consent, done. */
export function deviceDriver(ctx: EmulatorContext): FlowDriver {
  return {
    client: (flow) => entryClient(ctx, entryOf(ctx, flow)),
    alive: (flow) => {
      try {
        entryOf(ctx, flow);
        return true;
      } catch {
        return false;
      }
    },
    checkAccess: (flow, account, password) => {
      authenticate(ctx, entryOf(ctx, flow), account.user.userPrincipalName, password);
    },
    afterPassword: (flow, account, res) => {
      sendHtml(res, confirmPage(flow, account.user.userPrincipalName, entryClient(ctx, entryOf(ctx, flow)).displayName));
    },
    consent: (flow, account) => consentFor(ctx, entryOf(ctx, flow), account),
    finish: (flow, account, consent, forOrganization, res) => {
      const entry = entryOf(ctx, flow);
      approve(ctx, entry, account, consent, forOrganization);
      ctx.flows.delete(flow.id);
      const app = entryClient(ctx, entry).displayName;
      sendHtml(res, messagePage(app, `You have signed in to the ${app} application on your device. You may now close this window.`));
    },
    abandon: (flow, res) => {
      const entry = entryOf(ctx, flow);
      decline(entry);
      ctx.flows.delete(flow.id);
      // [assumption] wording after Cancel on Microsoft's device login.
      sendHtml(res, messagePage('Sign-in cancelled', `You have declined to sign in to ${entryClient(ctx, entry).displayName} on your device. You may now close this window.`));
    },
  };
}

export function deviceLoginPage(_req: Request, res: Response): void {
  sendHtml(res, codePage());
}

/** POST /common/oauth2/deviceauth: the code step. */
export function deviceCodeStep(ctx: EmulatorContext) {
  return (req: Request, res: Response): void => {
    const code = String((req.body as Record<string, unknown> | undefined)?.otc ?? '');
    try {
      const entry = pendingEntry(ctx, code);
      const flow = ctx.flows.create({ kind: 'device', userCode: entry.userCode });
      sendHtml(res, emailPage(flow, null));
    } catch (err) {
      if (!(err instanceof UserCodeError)) throw err;
      sendHtml(res, codePage(err.message, code));
    }
  };
}

