import { createHmac, timingSafeEqual } from 'node:crypto';
import { badRequest, GraphError, unsupportedQuery } from './errors.js';
import { queryParam, type GraphRequest } from './request.js';

/** Opaque page/delta tokens: base64url JSON plus a truncated HMAC so edited tokens are refused. */
export function encodeToken(secret: Buffer, payload: object): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const mac = createHmac('sha256', secret).update(body).digest('base64url').slice(0, 16);
  return `${body}.${mac}`;
}

export function decodeToken<T>(secret: Buffer, token: string): T | undefined {
  const dot = token.lastIndexOf('.');
  if (dot < 0) return undefined;
  const body = token.slice(0, dot);
  const mac = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(createHmac('sha256', secret).update(body).digest('base64url').slice(0, 16));
  if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) return undefined;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

/** [doc] nextLink repeats every original query option and adds the token (reference 6.1). */
export function linkWith(origin: string, path: string, rawQuery: string, name: '$skiptoken' | '$deltatoken', token: string): string {
  const kept = rawQuery.split('&').filter((part) => {
    if (!part) return false;
    const key = decodeURIComponent(part.split('=')[0]!.replace(/\+/g, ' ')).toLowerCase();
    return !['$skiptoken', 'skiptoken', '$deltatoken', 'deltatoken'].includes(key);
  });
  kept.push(`${name}=${token}`);
  return `${origin}/v1.0${path}?${kept.join('&')}`;
}

/** [doc] default page 100, maximum 999; [assumption] wording of the refusal. */
export function parseTop(req: GraphRequest, defaultTop = 100): number {
  const raw = queryParam(req, 'top');
  if (raw === undefined) return defaultTop;
  const top = Number(raw);
  if (!Number.isInteger(top) || top < 1 || top > 999) {
    throw unsupportedQuery(`Invalid page size specified: '${raw}'. Must be between 1 and 999 inclusive.`);
  }
  return top;
}

/** $select list, checked against the entity's properties; [obs] message for an unknown one. */
export function parseSelect(req: GraphRequest, known: readonly string[], entity: string): string[] | undefined {
  const raw = queryParam(req, 'select');
  if (!raw) return undefined;
  const byLower = new Map(known.map((k) => [k.toLowerCase(), k]));
  const selected: string[] = [];
  for (const item of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const name = byLower.get(item.toLowerCase());
    if (!name) throw badRequest(`Could not find a property named '${item}' on type 'microsoft.graph.${entity}'.`);
    if (!selected.includes(name)) selected.push(name);
  }
  return selected;
}

export function project(full: Record<string, unknown>, select: string[] | undefined): Record<string, unknown> {
  if (!select) return full;
  const out: Record<string, unknown> = {};
  for (const key of select) out[key] = full[key];
  return out;
}

export function contextUrl(origin: string, entitySet: string, select: string[] | undefined): string {
  return `${origin}/v1.0/$metadata#${entitySet}${select ? `(${select.join(',')})` : ''}`;
}

/** [doc] advanced queries need ConsistencyLevel: eventual (reference 5.3). */
export function isEventual(req: GraphRequest): boolean {
  return req.headers.consistencylevel?.toLowerCase() === 'eventual';
}

/** [doc] $count needs ConsistencyLevel: eventual; advanced filters need it and $count=true (reference 5.3). */
export function checkAdvancedQuery(req: GraphRequest, count: boolean, advancedFilter: boolean): void {
  const eventual = isEventual(req);
  if (count && !eventual) throw unsupportedQuery();
  if (advancedFilter && !(eventual && count)) throw unsupportedQuery();
}

export function wantsCount(req: GraphRequest): boolean {
  const raw = queryParam(req, 'count');
  if (raw === undefined) return false;
  if (raw !== 'true' && raw !== 'false') throw badRequest(`Invalid value '${raw}' for $count.`);
  return raw === 'true';
}

export function rejectUnsupportedOptions(req: GraphRequest, options: string[]): void {
  for (const option of options) {
    if (queryParam(req, option) !== undefined) throw new GraphError(400, 'Request_UnsupportedQuery', `The query option '$${option}' is not supported by the emulator for this resource.`);
  }
}
