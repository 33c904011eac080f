import type { NextFunction, Request, Response } from 'express';
import type { EmulatorContext } from '../context.js';
import { newGuid } from '../util/hash.js';
import { registerApplicationRoutes } from './applications.js';
import { authenticate } from './auth.js';
import { registerBatchRoute } from './batch.js';
import { registerDeltaRoutes } from './delta.js';
import { GraphError, graphErrorBody } from './errors.js';
import { registerOrganizationRoutes } from './organization.js';
import type { GraphRequest, GraphResponse } from './request.js';
import { GraphRouter, responseContentType } from './router.js';
import { registerServicePrincipalRoutes } from './service-principals.js';
import { registerUserRoutes } from './users.js';

export function createGraphRouter(): GraphRouter {
  const router = new GraphRouter();
  registerOrganizationRoutes(router);
  registerApplicationRoutes(router);
  registerServicePrincipalRoutes(router);
  registerDeltaRoutes(router);
  registerUserRoutes(router);
  registerBatchRoute(router);
  return router;
}

function lowerHeaders(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') out[k.toLowerCase()] = v;
  return out;
}

function write(res: Response, response: GraphResponse, clientRequestId: string): void {
  if (response.afterSend) res.once('finish', response.afterSend);
  const requestId = response.headers?.['request-id'] ?? newGuid();
  res.status(response.status);
  res.set({ ...response.headers, 'request-id': requestId, 'client-request-id': clientRequestId });
  // [obs] Graph adds a diagnostic header naming the serving region.
  res.set('x-ms-ags-diagnostic', JSON.stringify({ ServerInfo: { DataCenter: 'Emulator', Slice: 'E', Ring: '0', ScaleUnit: '000', RoleInstance: 'EMU', ADSiteName: 'EMU' } }));
  if (response.text !== undefined) {
    res.type(responseContentType(response)).send(response.text);
  } else if (response.rawJson !== undefined) {
    res.set('Content-Type', responseContentType(response)).send(response.rawJson);
  } else if (response.body !== undefined) {
    res.set('Content-Type', responseContentType(response)).send(JSON.stringify(response.body));
  } else {
    res.end();
  }
}

/** [assumption] Graph's answer to a body that is not JSON; body-parser errors would otherwise leave the Graph shape. */
export function graphBodyError(err: Error & { status?: number; type?: string }, req: Request, res: Response, next: NextFunction): void {
  if (!err.type?.startsWith('entity.')) return next(err);
  const clientRequestId = lowerHeaders(req)['client-request-id'] ?? newGuid();
  const requestId = newGuid();
  const error = new GraphError(err.status ?? 400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
  write(res, { status: error.status, headers: { 'request-id': requestId }, body: graphErrorBody(error, requestId, clientRequestId) }, clientRequestId);
}

/** Express entry for `/v1.0`: authenticates once, then hands the request to the router. */
export function graphHandler(ctx: EmulatorContext, router: GraphRouter) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const headers = lowerHeaders(req);
    // Graph echoes the caller's client-request-id, or makes one up, in the header and in every error body.
    const clientRequestId = (headers['client-request-id'] ??= newGuid());
    try {
      const auth = await authenticate(ctx, headers.authorization);
      const q = req.url.indexOf('?');
      const rawQuery = q < 0 ? '' : req.url.slice(q + 1);
      let path: string;
      try {
        path = decodeURIComponent(q < 0 ? req.url : req.url.slice(0, q));
      } catch {
        throw new GraphError(400, 'BadRequest', 'Invalid request URL.');
      }
      const graphRequest: GraphRequest = {
        method: req.method, path, rawQuery, query: new URLSearchParams(rawQuery), headers, body: req.body, auth, inBatch: false,
      };
      write(res, await router.dispatch(ctx, graphRequest), clientRequestId);
    } catch (err) {
      if (!(err instanceof GraphError)) return next(err);
      const requestId = newGuid();
      write(res, { status: err.status, headers: { ...err.headers, 'request-id': requestId }, body: graphErrorBody(err, requestId, clientRequestId) }, clientRequestId);
    }
  };
}
