import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { EmulatorContext } from '../context.js';
import type { EmulatorControl } from '../control/control.js';
import { controlRouter } from '../control/routes.js';
import type { RequestInfo } from '../faults/faults.js';
import { createGraphRouter, graphBodyError, graphHandler } from '../graph/http.js';
import { AadError, correlationIdOf, sendAadError } from '../identity/errors.js';
import { identityRouter } from '../identity/routes.js';
import { sleep } from '../util/time.js';

export interface AppOptions {
  ctx: EmulatorContext;
  control: EmulatorControl;
  urls: () => { url: string; httpUrl: string | null; caFile: string };
  /** Extra routes (sign-in pages) mounted on this app. */
  pages?: (app: Express) => void;
  /** The HTTP app serves only pages and the control API, never protocol endpoints. */
  protocol: boolean;
}

function requestInfo(req: Request): RequestInfo {
  const graph = req.path.startsWith('/v1.0/');
  return { surface: graph ? 'graph' : 'identity', method: req.method, path: graph ? req.path.slice(5) : req.path };
}

/** Latency for every protocol request; throttling and 5xx for identity requests (Graph applies its own per request). */
function faultMiddleware(ctx: EmulatorContext) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const info = requestInfo(req);
    const delay = ctx.faults.requestDelayMs(info);
    if (delay > 0) await sleep(delay);
    if (info.surface === 'identity' && req.method !== 'GET') {
      const fault = ctx.faults.decide(info);
      if (fault) {
        // [assumption] Entra answers overload with temporarily_unavailable / server_error and no AADSTS code.
        const error = fault.status === 429 || fault.status === 503 ? 'temporarily_unavailable' : 'server_error';
        const headers: Record<string, string> = fault.retryAfter === null ? {} : { 'Retry-After': fault.retryAfter };
        sendAadError(res, new AadError(fault.status, error, null, 'The service is temporarily unavailable. Please retry later.', headers),
          correlationIdOf(req.headers, undefined), ctx.origin);
        return;
      }
    }
    next();
  };
}

export function createApp(options: AppOptions): Express {
  const { ctx } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use('/_emulator', controlRouter(options.control, options.urls));
  options.pages?.(app);
  if (options.protocol) {
    app.use(faultMiddleware(ctx));
    app.use('/v1.0', express.json({ limit: '20mb', type: ['application/json', 'application/*+json'] }), graphHandler(ctx, createGraphRouter()), graphBodyError);
    app.use(identityRouter(ctx));
  }
  app.use((req, res) => {
    res.status(404).type('text/plain').send(`The M365 emulator has no route for ${req.method} ${req.path}`);
  });
  app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
    const status = (err as { status?: number }).status ?? 500;
    res.status(status).json({ error: { code: status === 500 ? 'emulator_error' : 'bad_request', message: err.message } });
  });
  return app;
}
