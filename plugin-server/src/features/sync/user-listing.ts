import type { GraphPage, Headers } from '../../common/graph/graph-gateway.js';
import { MicrosoftError } from '../../common/microsoft/microsoft-error.js';
import { USER_SELECT, type GraphUser } from './graph-user.util.js';
import type { SyncGraph } from './sync-graph.js';

/**
 * Where pages go: `convert` turns Graph's users into compact items while the page is being read, a few
 * dozen at a time (so Graph's objects die young, whatever the page's size), and `write` stores a page's
 * items in one transaction once the next request is on its way (on the database's write thread when
 * there is one, so the next pages are read meanwhile).
 */
export interface PageSink<R = unknown> {
  /** One item per user, in order: a shard's items are counted against its `@odata.count`. */
  convert(users: GraphUser[]): R[];
  /**
   * Is done with the items when it returns (they are on their way to the write thread, or written); what it
   * returns must not hold them. The listing lets go of them too: items held while the writer catches up
   * outlive two young-generation collections and fill V8's old generation (test/bench/RESULTS.md).
   */
  write(items: R[]): void | Promise<void>;
}

export interface ListingOptions {
  /** Tenants with at least this many users are listed in parallel shards. */
  shardMinUsers: number;
  shardConcurrency: number;
  /** Settles before any page is read: a full sync's "sync from now" delta link, asked alongside `$count`. */
  before?: Promise<unknown>;
}

export interface ListingResult {
  mode: 'sequential' | 'sharded' | 'fallback';
  total: number;
}

const EVENTUAL: Headers = { ConsistencyLevel: 'eventual' };
const SHARD_PREFIXES = [...'abcdefghijklmnopqrstuvwxyz0123456789'];
const MAX_RESTARTS = 2;
const PAGE_SIZE = 999;
/** Pages read but not yet written beyond which no new page is asked: the database sets the pace, memory stays flat. */
const MAX_UNWRITTEN = 4;
const LIST_PATH = `/users?$select=${USER_SELECT}&$top=${PAGE_SIZE}`;

/** Lets a request just started reach the socket before a synchronous database write holds the thread. */
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/** "Sync from now": a delta link without data, taken before a full listing so changes made meanwhile are not lost. */
export async function latestDeltaLink(graph: SyncGraph): Promise<string> {
  const page = await graph.page<GraphUser>(`/users/delta?$select=${USER_SELECT}&$deltatoken=latest`);
  if (!page.deltaLink) throw new MicrosoftError('graph', 200, 'no_delta_link', 'Graph returned no deltaLink for $deltatoken=latest.');
  return page.deltaLink;
}

/** Follows a delta link page by page; returns the delta link for the next round. */
export async function followDelta<R>(graph: SyncGraph, link: string, sink: PageSink<R>): Promise<string> {
  let deltaLink: string | null = null;
  await walk(graph, link, {}, sink, (page) => {
    deltaLink = page.deltaLink ?? deltaLink;
  });
  if (!deltaLink) throw new MicrosoftError('graph', 200, 'no_delta_link', 'The delta round ended without a deltaLink.');
  return deltaLink;
}

/**
 * Lists every user: in shards by UPN prefix when the tenant is large, each shard's count and their sum
 * checked against `$count`, and sequentially when they disagree (a UPN starting with another
 * character, or users changing under the listing).
 */
export async function listUsers<R>(graph: SyncGraph, sink: PageSink<R>, options: ListingOptions): Promise<ListingResult> {
  const [total] = await Promise.all([graph.count('/users/$count'), options.before]);
  if (total < options.shardMinUsers) {
    await listSequentially(graph, sink);
    return { mode: 'sequential', total };
  }
  if (await listInShards(graph, sink, total, options.shardConcurrency)) return { mode: 'sharded', total };
  await listSequentially(graph, sink);
  return { mode: 'fallback', total };
}

async function listSequentially<R>(graph: SyncGraph, sink: PageSink<R>): Promise<void> {
  for (let restarts = 0; ; restarts++) {
    try {
      return await walk(graph, LIST_PATH, {}, sink);
    } catch (error) {
      if (!isExpiredPageToken(error) || restarts >= MAX_RESTARTS) throw error;
    }
  }
}

/** Pages of one chain (nextLink after nextLink); the next page is requested before the current one is written. */
async function walk<R>(
  graph: SyncGraph, first: string, headers: Headers, sink: PageSink<R>, onPage: (page: GraphPage<R>) => void = () => undefined,
): Promise<void> {
  let pending: Promise<Received<R>> | null = receive(graph, first, headers, sink, onPage);
  while (pending) {
    const page: Received<R> = await pending;
    pending = page.nextLink ? receive(graph, page.nextLink, headers, sink, onPage) : null;
    if (pending) {
      pending.catch(() => undefined);
      await yieldToIo();
    }
    await handOver(sink, page);
  }
}

interface Received<R> {
  items: R[];
  nextLink: string | null;
  count: number | null;
}

/** Gives the page's items to the sink and keeps no reference to them while the write is awaited (see PageSink.write). */
function handOver<R>(sink: PageSink<R>, page: Received<R>): void | Promise<void> {
  const { items } = page;
  page.items = [];
  return sink.write(items);
}

/** Fetches a page, converted as it is parsed; Graph's objects are garbage before any wait. */
async function receive<R>(
  graph: SyncGraph, link: string, headers: Headers, sink: PageSink<R>, onPage: (page: GraphPage<R>) => void = () => undefined,
): Promise<Received<R>> {
  const page = await graph.page<GraphUser, R>(link, headers, (users) => sink.convert(users));
  onPage(page);
  return { items: page.value, nextLink: page.nextLink, count: page.count };
}

interface Shard {
  prefix: string;
  /** @odata.count of the shard's first page; -1 when Graph did not give one. */
  expected: number | null;
  received: number;
  restarts: number;
}

interface Task {
  shard: Shard;
  link: string;
}

/** Returns false when the shard counts disagree with `total`; what was written stays (writes are idempotent). */
async function listInShards<R>(graph: SyncGraph, sink: PageSink<R>, total: number, concurrency: number): Promise<boolean> {
  const shards: Shard[] = SHARD_PREFIXES.map((prefix) => ({ prefix, expected: null, received: 0, restarts: 0 }));
  const firstPages: Task[] = shards.map((shard) => ({ shard, link: shardPath(shard.prefix) }));
  const continuations: Task[] = [];
  let counted = 0;
  let mismatch = false;
  let fetching = 0;
  let unwritten = 0;
  let unfinished = 0;
  let failed = false;

  const countFirstPage = (shard: Shard, count: number | null) => {
    shard.expected = count ?? -1;
    counted += 1;
    if (shard.expected < 0) mismatch = true;
    if (counted === shards.length && shards.reduce((sum, item) => sum + (item.expected ?? 0), 0) !== total) mismatch = true;
  };

  await new Promise<void>((resolve, reject) => {
    // First pages go first (their counts tell early whether sharding holds), then the shard with most left; but a
    // shard with more pages left than rounds of first pages remain is the critical path and goes ahead of them.
    const next = () => {
      if (fetching >= concurrency || unwritten >= MAX_UNWRITTEN) return undefined;
      const longest = longestIndex(continuations);
      const roundsOfFirstPages = Math.ceil(firstPages.length / concurrency);
      if (longest >= 0 && pagesLeft(continuations[longest]!.shard) > roundsOfFirstPages) return continuations.splice(longest, 1)[0];
      return firstPages.shift() ?? takeLongest(continuations);
    };
    const pump = () => {
      if (failed) return;
      for (let task = next(); task; task = next()) {
        fetching += 1;
        unfinished += 1;
        run(task).then(
          () => pump(),
          (error: unknown) => {
            failed = true;
            reject(error);
          },
        );
      }
      if (unfinished === 0) resolve();
    };
    const run = async (task: Task) => {
      const { shard } = task;
      try {
        let page: Received<R>;
        try {
          page = await receive(graph, task.link, EVENTUAL, sink);
        } catch (error) {
          if (!isExpiredPageToken(error) || shard.restarts >= MAX_RESTARTS) throw error;
          shard.restarts += 1;
          shard.received = 0;
          firstPages.push({ shard, link: shardPath(shard.prefix) });
          return;
        } finally {
          fetching -= 1;
        }
        if (shard.expected === null) countFirstPage(shard, page.count);
        unwritten += 1;
        try {
          if (mismatch) {
            firstPages.length = 0;
            continuations.length = 0;
          } else if (page.nextLink) {
            continuations.push({ shard, link: page.nextLink });
            // Written at once, without yielding first: pages that other requests bring meanwhile would
            // carry this one's items through young-generation collections into the old one (RESULTS.md).
            pump();
          }
          if (failed) return;
          const received = page.items.length;
          await handOver(sink, page);
          shard.received += received;
        } finally {
          unwritten -= 1;
        }
      } finally {
        unfinished -= 1;
      }
    };
    pump();
  });
  return !mismatch && shards.every((shard) => shard.expected === shard.received);
}

function longestIndex(tasks: Task[]): number {
  let best = -1;
  for (let index = 0; index < tasks.length; index++) {
    if (best < 0 || remaining(tasks[index]!.shard) > remaining(tasks[best]!.shard)) best = index;
  }
  return best;
}

function takeLongest(tasks: Task[]): Task | undefined {
  const best = longestIndex(tasks);
  return best < 0 ? undefined : tasks.splice(best, 1)[0];
}

function remaining(shard: Shard): number {
  return (shard.expected ?? 0) - shard.received;
}

function pagesLeft(shard: Shard): number {
  return Math.ceil(remaining(shard) / PAGE_SIZE);
}

function shardPath(prefix: string): string {
  return `${LIST_PATH}&$count=true&$filter=startswith(userPrincipalName,'${prefix}')`;
}

function isExpiredPageToken(error: unknown): boolean {
  return error instanceof MicrosoftError && error.code === 'Directory_ExpiredPageToken';
}
