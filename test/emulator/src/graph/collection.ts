import type { EmulatorContext } from '../context.js';
import { sleep } from '../util/time.js';
import { badRequest } from './errors.js';
import { compileFilter, type FilterSchema } from './filter.js';
import { checkAdvancedQuery, contextUrl, decodeToken, encodeToken, linkWith, parseSelect, parseTop, project, rejectUnsupportedOptions, wantsCount } from './paging.js';
import { json, queryParam, type GraphRequest, type GraphResponse } from './request.js';

export interface CollectionSpec<T> {
  entitySet: string;
  entity: string;
  items: T[];
  properties: readonly string[];
  filter: FilterSchema<T>;
  toJson: (item: T) => Record<string, unknown>;
}

interface PageToken {
  o: number;
  q: string;
}

/** Small directory collections (applications, service principals): filter, select, top, skiptoken paging. */
export async function listCollection<T>(ctx: EmulatorContext, req: GraphRequest, spec: CollectionSpec<T>): Promise<GraphResponse> {
  rejectUnsupportedOptions(req, ['orderby', 'search', 'expand']);
  const select = parseSelect(req, spec.properties, spec.entity);
  const top = parseTop(req);
  const count = wantsCount(req);
  const filterText = queryParam(req, 'filter');
  const filter = filterText ? compileFilter(filterText, spec.filter) : undefined;
  checkAdvancedQuery(req, count, filter?.advanced ?? false);
  const matching = filter ? spec.items.filter(filter.test) : spec.items;
  const skip = queryParam(req, 'skiptoken');
  const queryKey = `${filterText ?? ''}|${select?.join(',') ?? ''}`;
  let offset = 0;
  if (skip) {
    const token = decodeToken<PageToken>(ctx.linkSecret, skip);
    if (!token || token.q !== queryKey) throw badRequest("Invalid '$skiptoken' value.");
    offset = token.o;
  }
  const delay = ctx.faults.pageDelayMs({ surface: 'graph', method: req.method, path: req.path });
  if (delay > 0) await sleep(delay);
  const page = matching.slice(offset, offset + top);
  const body: Record<string, unknown> = { '@odata.context': contextUrl(ctx.origin, spec.entitySet, select) };
  if (count && !skip) body['@odata.count'] = matching.length;
  if (offset + top < matching.length) {
    body['@odata.nextLink'] = linkWith(ctx.origin, req.path, req.rawQuery, '$skiptoken', encodeToken(ctx.linkSecret, { o: offset + top, q: queryKey }));
  }
  body.value = page.map((item) => project(spec.toJson(item), select));
  return json(200, body);
}
