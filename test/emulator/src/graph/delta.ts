import type { EmulatorContext } from '../context.js';
import type { Tenant } from '../store/tenant.js';
import { sleep } from '../util/time.js';
import { READ_USERS, requirePermission } from './auth.js';
import { GraphError, badRequest, unsupportedQuery } from './errors.js';
import { contextUrl, decodeToken, encodeToken, linkWith, parseSelect, rejectUnsupportedOptions } from './paging.js';
import { json, queryParam, type GraphRequest, type GraphResponse } from './request.js';
import type { GraphRouter } from './router.js';
import { DEFAULT_USER_PROPERTIES, SINGLE_USER_PROPERTIES, USER_PROPERTIES, userJson } from './user-shape.js';

/** [issue 3] users delta pages hold at most 200 users whatever $top says. */
const DELTA_PAGE = 200;
/** [doc] directory delta tokens live 7 days (reference 6.2). */
const DEFAULT_DELTA_TTL_SECONDS = 7 * 24 * 3600;

interface RoundState {
  /** `full`: every live user by position; `changes`: positions changed in (since, until]. */
  m: 'full' | 'changes';
  /** Next position (full) or index into the change list (changes). */
  from: number;
  since: number;
  until: number;
  /** Positions that existed when a full round began. */
  size: number;
  sel: string[] | null;
  tid: string;
  e: number;
}

interface DeltaLinkToken {
  s: number;
  sel: string[] | null;
  tid: string;
  e: number;
  t: number;
}

/**
 * [doc] expired or unknown sync state: 410 Gone with a Location holding an empty $deltatoken (a new initial round);
 * [assumption] code `resyncRequired` (a documented generic code) and the message.
 */
function resync(ctx: EmulatorContext, sel: string[] | null): GraphError {
  const select = sel ? `$select=${sel.join(',')}&` : '';
  return new GraphError(410, 'resyncRequired',
    'Resync required. Replace any local cached copies of the directory objects with the results of a new initial delta query, and store the new delta link.',
    { Location: `${ctx.origin}/v1.0/users/delta?${select}$deltatoken=` });
}

function deltaLink(ctx: EmulatorContext, tenant: Tenant, seq: number, sel: string[] | null): string {
  const token = encodeToken(ctx.linkSecret, { s: seq, sel, tid: tenant.id, e: tenant.deltaEpoch, t: Date.now() } satisfies DeltaLinkToken);
  return `${ctx.origin}/v1.0/users/delta?$deltatoken=${token}`;
}

function startState(ctx: EmulatorContext, req: GraphRequest, tenant: Tenant): RoundState | 'latest' {
  const deltaParam = queryParam(req, 'deltatoken');
  const skipParam = queryParam(req, 'skiptoken');
  if (deltaParam !== undefined && skipParam !== undefined) throw badRequest("Both skiptoken and deltatoken can't be in the same request");
  if (skipParam !== undefined) {
    const state = decodeToken<RoundState>(ctx.linkSecret, skipParam);
    if (!state || state.tid !== tenant.id || state.e !== tenant.deltaEpoch) throw resync(ctx, state?.sel ?? null);
    return state;
  }
  const users = tenant.users;
  if (deltaParam === 'latest') return 'latest';
  if (deltaParam) {
    const link = decodeToken<DeltaLinkToken>(ctx.linkSecret, deltaParam);
    const ttl = ctx.faults.deltaTokenTtlSeconds ?? DEFAULT_DELTA_TTL_SECONDS;
    if (!link || link.tid !== tenant.id || link.e !== tenant.deltaEpoch || Date.now() - link.t > ttl * 1000) throw resync(ctx, link?.sel ?? null);
    return { m: 'changes', from: 0, since: link.s, until: users.seq, size: 0, sel: link.sel, tid: tenant.id, e: tenant.deltaEpoch };
  }
  const select = parseSelect(req, USER_PROPERTIES, 'user');
  if (select?.some((s) => SINGLE_USER_PROPERTIES.includes(s))) throw new GraphError(501, 'NotImplemented', 'This operation target is not yet supported.');
  return { m: 'full', from: 0, since: 0, until: users.seq, size: users.size, sel: select ?? null, tid: tenant.id, e: tenant.deltaEpoch };
}

/** GET /users/delta: full round, nextLinks of at most 200 users, then a deltaLink; later rounds return changes and @removed. */
async function usersDelta(ctx: EmulatorContext, req: GraphRequest): Promise<GraphResponse> {
  requirePermission(req.auth, READ_USERS);
  rejectUnsupportedOptions(req, ['orderby', 'expand', 'search']);
  // [doc] users delta accepts only `id eq` filters; the emulator accepts none.
  if (queryParam(req, 'filter') !== undefined) throw unsupportedQuery();
  const tenant = req.auth.tenant;
  const users = tenant.users;
  const state = startState(ctx, req, tenant);
  const sel = state === 'latest' ? (parseSelect(req, USER_PROPERTIES, 'user') ?? null) : state.sel;
  const context = contextUrl(ctx.origin, 'users', sel ?? undefined);
  if (state === 'latest') {
    // [doc] $deltatoken=latest: no data, only a deltaLink from now.
    return json(200, { '@odata.context': context, '@odata.deltaLink': deltaLink(ctx, tenant, users.seq, sel), value: [] });
  }
  const delay = ctx.faults.pageDelayMs({ surface: 'graph', method: req.method, path: req.path });
  if (delay > 0) await sleep(delay);
  const properties = sel ? (sel.includes('id') ? sel : ['id', ...sel]) : DEFAULT_USER_PROPERTIES;
  const value: Record<string, unknown>[] = [];
  let next = state.from;
  let done: boolean;
  if (state.m === 'full') {
    while (next < state.size && value.length < DELTA_PAGE) {
      const user = users.at(next++);
      if (user) value.push(userJson(user, tenant, properties));
    }
    done = next >= state.size;
  } else {
    const changed = users.changedSince(state.since, state.until);
    for (const position of changed.slice(next, next + DELTA_PAGE)) {
      const deletion = users.deletion(position);
      const user = users.raw(position)!;
      value.push(deletion
        // [doc] "changed" = soft-deleted (restorable), "deleted" = gone for good.
        ? { '@odata.type': '#microsoft.graph.user', id: user.id, '@removed': { reason: deletion === 'hard' ? 'deleted' : 'changed' } }
        : userJson(user, tenant, properties));
    }
    next = Math.min(next + DELTA_PAGE, changed.length);
    done = next >= changed.length;
  }
  const body: Record<string, unknown> = { '@odata.context': context };
  if (done) body['@odata.deltaLink'] = deltaLink(ctx, tenant, state.until, sel);
  else body['@odata.nextLink'] = linkWith(ctx.origin, '/users/delta', '', '$skiptoken', encodeToken(ctx.linkSecret, { ...state, from: next }));
  body.value = value;
  return json(200, body);
}

export function registerDeltaRoutes(router: GraphRouter): void {
  router.add('GET', /^\/users\/delta(?:\(\))?$/i, usersDelta);
}
