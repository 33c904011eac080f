import type { EmulatorContext } from '../context.js';
import type { DirectoryUser } from '../store/types.js';
import { sleep } from '../util/time.js';
import { READ_USERS, hasPermission, requirePermission } from './auth.js';
import { GraphError, notFound, unsupportedQuery } from './errors.js';
import { compileFilter, type CompiledFilter } from './filter.js';
import {
  checkAdvancedQuery, contextUrl, decodeToken, encodeToken, isEventual, linkWith, parseSelect, parseTop, project, rejectUnsupportedOptions,
  wantsCount,
} from './paging.js';
import { json, queryParam, type GraphRequest, type GraphResponse } from './request.js';
import type { GraphRouter } from './router.js';
import { driveJson, mailboxSettingsJson, SINGLE_USER_PROPERTIES, USER_FILTER, USER_PROPERTIES, userJson, userWriters } from './user-shape.js';
import { renderUsersPage, upnPrefilter, upnPrefixPositions } from './user-pages.js';

const CLOSE_OBJECT = Buffer.from('}');

interface UsersPageToken {
  /** Next position to scan. */
  p: number;
  /** Filter and select the token belongs to. */
  q: string;
  /** Issue time, for the page-token expiry fault. */
  t: number;
  tid: string;
}

function filterOf(req: GraphRequest): CompiledFilter<DirectoryUser> | undefined {
  const text = queryParam(req, 'filter');
  return text ? compileFilter(text, USER_FILTER) : undefined;
}

/** [doc] Directory_ExpiredPageToken (reference 7.1) for a token that is stale, edited or from another query. */
function expiredPageToken(): GraphError {
  return new GraphError(400, 'Directory_ExpiredPageToken', 'The specified page token value has expired and can no longer be included in your request.');
}

async function listUsers(ctx: EmulatorContext, req: GraphRequest): Promise<GraphResponse> {
  requirePermission(req.auth, READ_USERS);
  rejectUnsupportedOptions(req, ['orderby', 'search', 'expand', 'skip']);
  const select = parseSelect(req, USER_PROPERTIES, 'user');
  const singleOnly = select?.find((s) => SINGLE_USER_PROPERTIES.includes(s));
  // [doc] such properties cannot be read on the collection (reference 6.1, 501 NotImplemented of 7.1).
  if (singleOnly) throw new GraphError(501, 'NotImplemented', 'This operation target is not yet supported.');
  const top = parseTop(req);
  const count = wantsCount(req);
  const filter = filterOf(req);
  checkAdvancedQuery(req, count, filter?.advanced ?? false);
  const tenant = req.auth.tenant;
  const users = tenant.users;
  const queryKey = `${queryParam(req, 'filter') ?? ''}|${select?.join(',') ?? ''}|${top}`;
  const skip = queryParam(req, 'skiptoken');
  let position = 0;
  if (skip) {
    const token = decodeToken<UsersPageToken>(ctx.linkSecret, skip);
    const ttl = ctx.faults.pageTokenTtlSeconds;
    if (!token || token.q !== queryKey || token.tid !== tenant.id) throw expiredPageToken();
    if (ttl !== undefined && Date.now() - token.t > ttl * 1000) throw expiredPageToken();
    position = token.p;
  }
  const delay = ctx.faults.pageDelayMs({ surface: 'graph', method: req.method, path: req.path });
  if (delay > 0) await sleep(delay);
  const writers = userWriters(select);
  const render = (from: number) => renderUsersPage(tenant, from, top, filter, writers);
  const pageKey = (from: number) => `${tenant.id}|${users.seq}|${queryKey}|${from}`;
  const page = ctx.pagePrefetcher.take(pageKey(position)) ?? render(position);
  const size = users.size;
  // Rendering the next page only after this one is flushed lets the client's parse and the render overlap.
  const afterSend = page.next < size ? () => ctx.pagePrefetcher.schedule(pageKey(page.next), () => render(page.next)) : undefined;
  position = page.next;
  let head = `{"@odata.context":${JSON.stringify(contextUrl(ctx.origin, 'users', select))}`;
  // [doc] @odata.count only on the first page (reference 5.3).
  if (count && !skip) head += `,"@odata.count":${countUsers(req, filter)}`;
  if (position < size) {
    const token = encodeToken(ctx.linkSecret, { p: position, q: queryKey, t: Date.now(), tid: tenant.id } satisfies UsersPageToken);
    head += `,"@odata.nextLink":${JSON.stringify(linkWith(ctx.origin, req.path, req.rawQuery, '$skiptoken', token))}`;
  }
  return { status: 200, rawJson: Buffer.concat([Buffer.from(`${head},"value":`), page.value, CLOSE_OBJECT]), afterSend };
}

function countUsers(req: GraphRequest, filter: CompiledFilter<DirectoryUser> | undefined): number {
  const users = req.auth.tenant.users;
  if (!filter) return users.liveCount;
  const indexed = upnPrefixPositions(users, filter);
  if (indexed) return indexed.length;
  const prefilter = upnPrefilter(users, filter);
  let n = 0;
  for (let position = 0; position < users.size; position++) {
    if (prefilter) {
      if (prefilter(position)) n++;
    } else {
      const user = users.at(position);
      if (user && filter.test(user)) n++;
    }
  }
  return n;
}

/** [doc] GET /users/$count needs ConsistencyLevel: eventual and answers text/plain (reference 5.3). */
function usersCount(_ctx: EmulatorContext, req: GraphRequest): GraphResponse {
  requirePermission(req.auth, READ_USERS);
  if (!isEventual(req)) throw unsupportedQuery();
  const filter = filterOf(req);
  return { status: 200, text: String(countUsers(req, filter)) };
}

function findUser(req: GraphRequest, key: string): DirectoryUser | undefined {
  if (key.toLowerCase() === 'me') return req.auth.kind === 'user' ? req.auth.user : undefined;
  return req.auth.tenant.findUser(key);
}

function getUser(ctx: EmulatorContext, req: GraphRequest, [key]: string[]): GraphResponse {
  requirePermission(req.auth, READ_USERS);
  const user = findUser(req, key!);
  if (!user) throw notFound(key!);
  const select = parseSelect(req, USER_PROPERTIES, 'user');
  return json(200, { '@odata.context': `${ctx.origin}/v1.0/$metadata#users/$entity`, ...userJson(user, req.auth.tenant, select) });
}

const MAILBOX_SETTINGS = { delegated: [['MailboxSettings.Read', 'MailboxSettings.ReadWrite']], app: [['MailboxSettings.Read', 'MailboxSettings.ReadWrite']] };

function mailboxSettings(ctx: EmulatorContext, req: GraphRequest, [key]: string[]): GraphResponse {
  // [assumption] Exchange's own 403 and invalid-user bodies for these endpoints.
  requirePermission(req.auth, MAILBOX_SETTINGS, () => new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.'));
  const user = findUser(req, key!);
  if (!user) throw new GraphError(404, 'ErrorInvalidUser', `The requested user '${key}' is invalid.`);
  if (req.auth.kind === 'user' && user.id !== req.auth.user?.id && !hasPermission(req.auth, { delegated: [['MailboxSettings.ReadWrite']] })) {
    throw new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
  }
  if (!user.mailboxPurpose) {
    // [obs] no Exchange Online mailbox: unlicensed, guest or on-premises (reference 6.3).
    throw new GraphError(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.');
  }
  const settings = mailboxSettingsJson(user);
  const select = parseSelect(req, Object.keys(settings), 'mailboxSettings');
  return json(200, { '@odata.context': `${ctx.origin}/v1.0/$metadata#users('${user.id}')/mailboxSettings`, ...project(settings, select) });
}

const FILES = { delegated: [['Files.Read', 'Files.Read.All', 'Files.ReadWrite.All', 'Sites.Read.All', 'Sites.ReadWrite.All']], app: [['Files.Read.All', 'Files.ReadWrite.All', 'Sites.Read.All', 'Sites.ReadWrite.All']] };

function drive(ctx: EmulatorContext, req: GraphRequest, [key]: string[]): GraphResponse {
  // [assumption] SharePoint's 403 body.
  requirePermission(req.auth, FILES, () => new GraphError(403, 'accessDenied', 'Access denied'));
  const user = findUser(req, key!);
  if (!user) throw new GraphError(404, 'itemNotFound', 'Item not found');
  if (!user.oneDriveProvisioned) {
    // [obs] not provisioned or unlicensed OneDrive (reference 6.3).
    throw new GraphError(404, 'ResourceNotFound', "User's mysite not found.");
  }
  const body = driveJson(user, req.auth.tenant);
  const select = parseSelect(req, Object.keys(body), 'drive');
  return json(200, { '@odata.context': `${ctx.origin}/v1.0/$metadata#drives/$entity`, ...project(body, select) });
}

export function registerUserRoutes(router: GraphRouter): void {
  router
    .add('GET', /^\/users$/i, listUsers)
    .add('GET', /^\/users\/\$count$/i, usersCount)
    .add('GET', /^\/(?:users\/([^/]+)|(me))\/mailboxSettings$/i, (ctx, req, [id, me]) => mailboxSettings(ctx, req, [id || me!]))
    .add('GET', /^\/(?:users\/([^/]+)|(me))\/drive$/i, (ctx, req, [id, me]) => drive(ctx, req, [id || me!]))
    .add('GET', /^\/users\/(?!delta$)([^/]+)$/i, getUser);
}
