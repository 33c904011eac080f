import type { EmulatorContext } from '../context.js';
import type { InjectedError } from '../faults/faults.js';
import { newGuid } from '../util/hash.js';
import { GraphError, graphErrorBody, methodNotAllowed, segmentNotFound } from './errors.js';
import { ODATA_JSON, type GraphRequest, type GraphResponse } from './request.js';

export type GraphHandler = (ctx: EmulatorContext, req: GraphRequest, params: string[]) => Promise<GraphResponse> | GraphResponse;

interface Route {
  method: string;
  pattern: RegExp;
  handler: GraphHandler;
}

/** Injected failures: [doc] 429 body of reference 7.2; [assumption] codes of the 5xx bodies. */
function injectedError(fault: InjectedError, req: GraphRequest): GraphError {
  const headers: Record<string, string> = fault.retryAfter === null ? {} : { 'Retry-After': fault.retryAfter };
  if (fault.status === 429) {
    headers['x-ms-throttle-information'] = 'ResourceUnitLimitExceeded';
    headers['x-ms-throttle-scope'] = `Tenant_Application/ReadWrite/${req.auth.claims.appid}/${req.auth.tenant.id}`;
    return new GraphError(429, 'TooManyRequests', 'Please retry again later.', headers, { code: '429', message: 'Please retry after', status: '429' });
  }
  switch (fault.status) {
    case 503: return new GraphError(503, 'serviceNotAvailable', 'The service is temporarily unavailable. Please try again later.', headers);
    case 502: return new GraphError(502, 'badGateway', 'The server, while acting as a proxy, received an invalid response from the upstream server.', headers);
    case 504: return new GraphError(504, 'gatewayTimeout', 'The request timed out before the upstream server answered.', headers);
    default: return new GraphError(fault.status, 'generalException', 'An unspecified error has occurred.', headers);
  }
}

export function errorResponse(err: GraphError, req: GraphRequest): GraphResponse {
  const requestId = newGuid();
  return {
    status: err.status,
    headers: { ...err.headers, 'request-id': requestId },
    body: graphErrorBody(err, requestId, req.headers['client-request-id'] ?? requestId),
  };
}

/** Routes Graph paths to handlers; shared by plain requests and each request inside $batch. */
export class GraphRouter {
  private readonly routes: Route[] = [];

  add(method: string, pattern: RegExp, handler: GraphHandler): this {
    this.routes.push({ method, pattern, handler });
    return this;
  }

  async dispatch(ctx: EmulatorContext, req: GraphRequest): Promise<GraphResponse> {
    try {
      const fault = ctx.faults.decide({ surface: 'graph', method: req.method, path: req.path });
      if (fault) throw injectedError(fault, req);
      let pathMatched = false;
      for (const route of this.routes) {
        const match = route.pattern.exec(req.path);
        if (!match) continue;
        pathMatched = true;
        if (route.method !== req.method) continue;
        return await route.handler(ctx, req, match.slice(1).map((p) => p ?? ''));
      }
      if (pathMatched) throw methodNotAllowed();
      throw segmentNotFound(req.path.split('/').filter(Boolean)[0] ?? '');
    } catch (err) {
      if (err instanceof GraphError) return errorResponse(err, req);
      throw err;
    }
  }
}

export function responseContentType(response: GraphResponse): string {
  return response.text !== undefined ? 'text/plain;charset=utf-8' : ODATA_JSON;
}
