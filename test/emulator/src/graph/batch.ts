import type { EmulatorContext } from '../context.js';
import { GraphError } from './errors.js';
import type { GraphRequest, GraphResponse } from './request.js';
import { responseContentType, type GraphRouter } from './router.js';

/** [doc] at most 20 requests per batch (reference 7.3). */
const MAX_REQUESTS = 20;

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

/** [assumption] Graph's wording for a malformed batch; [doc] it is an outer 400. */
function invalid(message: string): GraphError {
  return new GraphError(400, 'BadRequest', message);
}

function parseItems(body: unknown): BatchItem[] {
  const requests = (body as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests) || requests.length === 0) throw invalid('Invalid batch payload format.');
  if (requests.length > MAX_REQUESTS) throw invalid(`Batch request limit exceeded. The maximum number of requests allowed in a batch is ${MAX_REQUESTS}.`);
  const seen = new Set<string>();
  const items = requests.map((raw: Record<string, unknown>): BatchItem => {
    const id = raw?.id;
    if (typeof id !== 'string' || !id || typeof raw.method !== 'string' || typeof raw.url !== 'string') throw invalid('Invalid batch payload format.');
    if (seen.has(id.toLowerCase())) throw invalid(`Request id '${id}' is used more than once in the batch.`);
    seen.add(id.toLowerCase());
    const headers = Object.fromEntries(Object.entries((raw.headers ?? {}) as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), String(v)]));
    if (raw.body !== undefined && !headers['content-type']) throw invalid(`Write request id : ${id} does not contain Content-Type header or body.`);
    const dependsOn = Array.isArray(raw.dependsOn) ? raw.dependsOn.map(String) : [];
    return { id, method: raw.method.toUpperCase(), url: raw.url, headers, body: raw.body, dependsOn };
  });
  for (const item of items) {
    for (const dep of item.dependsOn) if (!seen.has(dep.toLowerCase())) throw invalid(`Request '${item.id}' depends on unknown request '${dep}'.`);
  }
  return items;
}

/** Orders requests so that each runs after those it depends on; a cycle is a malformed batch. */
function executionOrder(items: BatchItem[]): BatchItem[] {
  const byId = new Map(items.map((i) => [i.id.toLowerCase(), i]));
  const order: BatchItem[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (item: BatchItem): void => {
    const key = item.id.toLowerCase();
    if (state.get(key) === 'done') return;
    if (state.get(key) === 'visiting') throw invalid('The dependsOn graph of the batch contains a cycle.');
    state.set(key, 'visiting');
    for (const dep of item.dependsOn) visit(byId.get(dep.toLowerCase())!);
    state.set(key, 'done');
    order.push(item);
  };
  items.forEach(visit);
  return order;
}

function innerRequest(outer: GraphRequest, item: BatchItem): GraphRequest | GraphError {
  const url = item.url.replace(/^\/?(?:v1\.0\/)?/, '/');
  if (/^\/?https?:/i.test(item.url)) return new GraphError(400, 'BadRequest', 'The batch request URL must be relative.');
  const q = url.indexOf('?');
  const rawQuery = q < 0 ? '' : url.slice(q + 1);
  let path: string;
  try {
    path = decodeURIComponent(q < 0 ? url : url.slice(0, q));
  } catch {
    return new GraphError(400, 'BadRequest', 'Invalid request URL.');
  }
  return {
    method: item.method, path, rawQuery, query: new URLSearchParams(rawQuery),
    headers: { ...item.headers, 'client-request-id': item.headers['client-request-id'] ?? outer.headers['client-request-id'] ?? '' },
    body: item.body, auth: outer.auth, inBatch: true,
  };
}

function entry(id: string, response: GraphResponse): Record<string, unknown> {
  const headers: Record<string, string> = { ...response.headers };
  delete headers['request-id'];
  const body = response.rawJson !== undefined ? JSON.parse(response.rawJson.toString()) : (response.text ?? response.body);
  if (body !== undefined) headers['Content-Type'] = responseContentType(response);
  return { id, status: response.status, headers, body };
}

/** POST /$batch: [doc] inner requests are throttled one by one, and dependents of a failed request get 424. */
export async function runBatch(ctx: EmulatorContext, req: GraphRequest, router: GraphRouter): Promise<GraphResponse> {
  if (req.inBatch) throw invalid('Nested batch requests are not supported.');
  const items = executionOrder(parseItems(req.body));
  const statuses = new Map<string, number>();
  const responses: Record<string, unknown>[] = [];
  for (const item of items) {
    const failedDependency = item.dependsOn.some((dep) => (statuses.get(dep.toLowerCase()) ?? 0) >= 400);
    let response: GraphResponse;
    if (failedDependency) {
      response = { status: 424, body: { error: { code: 'FailedDependency', message: 'Dependent request failed.' } } };
    } else {
      const inner = innerRequest(req, item);
      response = inner instanceof GraphError
        ? { status: inner.status, body: { error: { code: inner.code, message: inner.message } } }
        : await router.dispatch(ctx, inner);
    }
    statuses.set(item.id.toLowerCase(), response.status);
    responses.push(entry(item.id, response));
  }
  return { status: 200, body: { responses } };
}

export function registerBatchRoute(router: GraphRouter): void {
  router.add('POST', /^\/\$batch$/, (ctx, req) => runBatch(ctx, req, router));
}
