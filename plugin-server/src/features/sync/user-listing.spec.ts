import { describe, expect, it } from 'vitest';
import type { GraphPage, GraphSession } from '../../common/graph/graph-gateway.js';
import { MicrosoftError } from '../../common/microsoft/microsoft-error.js';
import type { GraphUser } from './graph-user.util.js';
import { SyncGraph } from './sync-graph.js';
import { listUsers } from './user-listing.js';

/** A directory behind /users, /users/$count and startswith shards, with skip tokens that are offsets. */
class FakeDirectory {
  readonly requests: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  expireOnce = new Set<string>();
  /** 0: pages answer within the same turn of the event loop, faster than any database. */
  latencyMs = 1;
  onRequest: () => void = () => undefined;

  constructor(readonly upns: string[]) {}

  session(): GraphSession {
    return {
      get: async () => String(this.upns.length),
      // As the gateway does (a run at a time there): the sink's convert sees every user of a page.
      page: async (link: string, _headers: unknown, map?: (users: GraphUser[]) => unknown[]) => {
        const page = await this.page(link);
        return { ...page, value: map ? map(page.value) : page.value };
      },
    } as unknown as GraphSession;
  }

  private async page(link: string): Promise<GraphPage<GraphUser>> {
    this.requests.push(link);
    this.onRequest();
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await (this.latencyMs ? new Promise((resolve) => setTimeout(resolve, this.latencyMs)) : Promise.resolve());
    this.inFlight -= 1;
    if (this.expireOnce.delete(link)) throw new MicrosoftError('graph', 400, 'Directory_ExpiredPageToken', 'The specified page token value has expired.');
    const prefix = /startswith\(userPrincipalName,'(.)'\)/.exec(link)?.[1];
    const offset = Number(/\$skiptoken=(\d+)/.exec(link)?.[1] ?? 0);
    const matching = prefix ? this.upns.filter((upn) => upn.toLowerCase().startsWith(prefix)) : this.upns;
    const value = matching.slice(offset, offset + 999).map((upn) => ({ id: `id-${upn}`, userPrincipalName: upn }));
    const base = link.replace(/&\$skiptoken=\d+/, '');
    return {
      value,
      nextLink: offset + 999 < matching.length ? `https://graph.test/v1.0${base}&$skiptoken=${offset + 999}` : null,
      deltaLink: null,
      count: link.includes('$count=true') && offset === 0 ? matching.length : null,
    };
  }
}

function directory(extra: string[] = []): FakeDirectory {
  const upns = [...Array.from({ length: 2_500 }, (_, index) => `a${index}@x.com`), ...Array.from({ length: 700 }, (_, index) => `m${index}@x.com`), ...extra];
  return new FakeDirectory(upns);
}

async function list(fake: FakeDirectory, shardMinUsers = 1_000) {
  const written: string[] = [];
  const sink = { convert: (users: GraphUser[]) => users.map((user) => user.userPrincipalName!), write: (upns: string[]) => void written.push(...upns) };
  const result = await listUsers(new SyncGraph(fake.session(), async () => undefined), sink, {
    shardMinUsers,
    shardConcurrency: 4,
  });
  return { result, written };
}

describe('listUsers', () => {
  it('should list a large tenant in shards whose counts add up, each user once, within the concurrency limit', async () => {
    const fake = directory();
    const { result, written } = await list(fake);
    expect(result).toEqual({ mode: 'sharded', total: 3_200 });
    expect([...written].sort()).toEqual([...fake.upns].sort());
    expect(fake.maxInFlight).toBe(4);
    // Shard 'a' has two pages left after its first: it waits while more than two rounds (8) of first pages remain.
    expect(fake.requests.slice(0, 36 - 8).every((link) => !link.includes('skiptoken'))).toBe(true);
  });

  it('should put a shard with more pages left than rounds of first pages ahead of them', async () => {
    const fake = new FakeDirectory([...Array.from({ length: 12_000 }, (_, index) => `a${index}@x.com`), 'm1@x.com']);
    const { result, written } = await list(fake);
    const firstSecondPage = fake.requests.findIndex((link) => link.includes('skiptoken'));
    const lastFirstPage = fake.requests.findLastIndex((link) => !link.includes('skiptoken') && link.includes('$filter'));

    expect(result).toEqual({ mode: 'sharded', total: 12_001 });
    expect(written).toHaveLength(12_001);
    expect(fake.requests[firstSecondPage]).toContain("startswith(userPrincipalName,'a')");
    expect(firstSecondPage).toBeLessThan(lastFirstPage);
  });

  it.each([
    ['on the same thread', () => undefined],
    ['on a thread of its own (the write resolves later)', () => new Promise<void>((resolve) => setTimeout(resolve, 1))],
  ])('should ask no new page while read pages wait for the database written %s, however fast Graph answers', async (_, writing) => {
    const fake = new FakeDirectory(Array.from({ length: 30_000 }, (_, index) => `${'abcdefghij'[index % 10]}${index}@x.com`));
    fake.latencyMs = 0;
    let read = 0;
    let written = 0;
    let mostWaiting = 0;
    fake.onRequest = () => (mostWaiting = Math.max(mostWaiting, read - written));
    const sink = {
      convert: (users: GraphUser[]) => {
        read += 1;
        return users;
      },
      write: async () => {
        await writing();
        written += 1;
      },
    };
    const result = await listUsers(new SyncGraph(fake.session(), async () => undefined), sink, { shardMinUsers: 1_000, shardConcurrency: 4 });
    expect(result.mode).toBe('sharded');
    expect(written).toBe(read);
    // No new page is asked while four read pages wait for the database (32 piled up before the pacing).
    expect(mostWaiting).toBeLessThanOrEqual(4);
  });

  it('should fall back to a sequential listing when the shard counts miss users', async () => {
    const fake = directory(['_service@x.com', '-ops@x.com']);
    const { result, written } = await list(fake);
    expect(result).toEqual({ mode: 'fallback', total: 3_202 });
    expect(new Set(written)).toEqual(new Set(fake.upns));
    expect(fake.requests.filter((link) => !link.includes('$filter'))).toHaveLength(4);
  });

  it('should list a small tenant sequentially', async () => {
    const fake = directory();
    const { result, written } = await list(fake, 10_000);
    expect(result.mode).toBe('sequential');
    expect(written).toEqual(fake.upns);
  });

  it('should start a shard again when its page token expired', async () => {
    const fake = directory();
    const second = "/users?$select=id,userPrincipalName,displayName,mail,accountEnabled,userType,assignedPlans&$top=999&$count=true&$filter=startswith(userPrincipalName,'a')";
    fake.expireOnce.add(`https://graph.test/v1.0${second}&$skiptoken=999`);
    const { result, written } = await list(fake);
    expect(result.mode).toBe('sharded');
    expect(new Set(written)).toEqual(new Set(fake.upns));
    expect(fake.requests.filter((link) => link === second)).toHaveLength(2);
  });
});
