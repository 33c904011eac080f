/**
 * One plugin server in its own process: onboards one emulator tenant (its first, full user sync is
 * the measured one), then optionally changes users in the tenant and measures the delta sync. With
 * `--warm-up <domain>` it onboards that tenant first, unmeasured: a server that has synced before.
 * Prints one JSON line (WorkerResult). Started by sync-bench.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Sqlite from 'better-sqlite3';
import { pluginApi, type SyncRun } from '@m365/contracts';
import { callHook, createHookSecret, DEV_PARTNER, DEV_TECHNICIAN, DevTokenIssuer, pushFixtures } from '@m365/host-portal';
import { createApp, loadConfig } from '@m365/plugin-server';
import { initClient } from '@ts-rest/core';
import { control, resetPeakRss, rssMb, type WorkerResult } from './bench-support.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    'client-id': { type: 'string' },
    tenant: { type: 'string' },
    'page-ms': { type: 'string', default: '0' },
    changes: { type: 'string', default: '0' },
    'warm-up': { type: 'string' },
  },
});
const url = values.url!;
const tenant = values.tenant!;
const pageMs = Number(values['page-ms']);
const partner = DEV_PARTNER.id;

async function main(): Promise<void> {
  const issuer = await DevTokenIssuer.create('https://host.test');
  const hookSecret = createHookSecret();
  const dataDir = mkdtempSync(join(tmpdir(), 'm365-sync-bench-'));
  const config = loadConfig({
    NODE_ENV: 'test', PORT: '0', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn', DATA_DIR: dataDir, SERVE_UI: 'false',
    PUBLIC_CLIENT_ID: values['client-id'], PUBLIC_BASE_URL: 'http://127.0.0.1',
    HOST_JWT_ISSUER: issuer.issuer, HOST_JWT_PUBLIC_KEY: JSON.stringify(issuer.jwks().keys[0]), HOOK_SECRETS: `${partner}:${hookSecret}`,
    MICROSOFT_LOGIN_URL: url, MICROSOFT_GRAPH_URL: url,
    ...(process.env.SYNC_SHARD_CONCURRENCY ? { SYNC_SHARD_CONCURRENCY: process.env.SYNC_SHARD_CONCURRENCY } : {}),
  });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const server = await app.getUrl();
  await pushFixtures(server, hookSecret);
  // Every eligible user gets a seat: licensing is part of the measured work.
  await callHook(server, hookSecret, 'PUT', `/partners/${partner}/seat-pool`, { totalSeats: 1_000_000 });
  const api = async () => {
    const { accessToken } = await issuer.sign(partner, DEV_TECHNICIAN);
    return initClient(pluginApi, { baseUrl: server, baseHeaders: { authorization: `Bearer ${accessToken}` } });
  };
  // A server that has synced before: what a first large sync takes stays with the process (RESULTS.md, (c)).
  if (values['warm-up']) await onboard(server, hookSecret, api, values['warm-up']);
  await control(url, 'PUT', '/faults', pageMs ? { latency: { pageMs } } : {});

  const liveBefore = liveHeapMb();
  await settledRss();
  resetPeakRss();
  const before = rssMb().now;
  const sampler = sampleMemory();
  const organizationId = await onboard(server, hookSecret, api, tenant);
  const peak = rssMb().peak;
  const parts = sampler.stop();
  const liveAfter = liveHeapMb();
  const full = await lastRun(await api(), organizationId);

  const ofOrganization = `organization_key = (select user_key from organization where id = '${organizationId}')`;
  const users = countRows(config.databaseFile, `tenant_user where ${ofOrganization}`);
  const listing = await timeUserQueries(await api(), organizationId);
  // Each user row once from the listing, and again for those whose mailbox a lookup settled (known, with an
  // address: without one it was settled by the listing's own write, graph-user.util.ts).
  const rowsWritten = users + countRows(config.databaseFile, `tenant_user where ${ofOrganization} and mailbox_purpose_known = 1 and mail is not null`);

  const switchedAt = process.hrtime.bigint();
  const switched = await (await api()).organizations.updateOrganizationSettings({ params: { organizationId }, body: { licenseMode: 'automatic' } });
  if (switched.status !== 200) throw new Error(`switch to automatic: ${switched.status}`);
  const licensingSeconds = Number(process.hrtime.bigint() - switchedAt) / 1e9;
  const licensed = countRows(config.databaseFile, `license_change where organization_id = '${organizationId}'`);

  const result: WorkerResult = {
    tenant,
    pageMs,
    full: { seconds: durationOf(full), users, rowsWritten, pages: full.pages, requests: full.requests },
    licensing: { seconds: licensingSeconds, licensed },
    rss: { beforeMb: round(before), peakMb: round(peak), growthMb: round(peak - before), parts },
    liveHeap: { beforeMb: round(liveBefore), afterMb: round(liveAfter) },
    listUsersMs: listing,
  };

  const changes = Number(values.changes);
  if (changes > 0) {
    const ids: string[] = [];
    for (let cursor: string | undefined; ids.length < changes; ) {
      const page = await (await api()).users.listUsers({ params: { organizationId }, query: { limit: 500, cursor } });
      if (page.status !== 200) throw new Error(`listUsers: ${page.status}`);
      ids.push(...page.body.items.map((user) => user.id));
      cursor = page.body.nextCursor ?? undefined;
    }
    // A new name each run: the emulator keeps the last run's names, and renaming to the same name changes nothing.
    const stamp = Date.now().toString(36);
    for (const [index, id] of ids.slice(0, changes).entries()) {
      await control(url, 'PATCH', `/tenants/${tenant}/users/${id}`, { displayName: `Renamed ${stamp} ${index}` });
    }
    const queued = await (await api()).sync.startSync({ params: { organizationId } });
    if (queued.status !== 202) throw new Error(`startSync: ${queued.status}`);
    let delta: SyncRun;
    do {
      await new Promise((resolve) => setTimeout(resolve, 100));
      delta = await lastRun(await api(), organizationId);
    } while (delta.id !== queued.body.id || (delta.status !== 'succeeded' && delta.status !== 'failed'));
    if (delta.status !== 'succeeded') throw new Error(`delta sync failed: ${JSON.stringify(delta.error)}`);
    result.delta = { changes, seconds: durationOf(delta), requests: delta.requests, pages: delta.pages, usersChanged: delta.usersChanged };
  }
  await control(url, 'PUT', '/faults', {});
  await app.close();
  console.log(JSON.stringify(result));
}

type Api = ReturnType<typeof initClient<typeof pluginApi, { baseUrl: string }>>;

/** Onboards an emulator tenant for a new customer in manual license mode; resolves once its first (full) sync is done. */
async function onboard(server: string, hookSecret: string, api: () => Promise<Api>, domain: string): Promise<string> {
  const customerId = `bench-${domain}`;
  await callHook(server, hookSecret, 'PUT', `/partners/${partner}/customers/${customerId}`, { name: domain, domains: [domain] });
  // Manual mode: the measured full sync is the sync alone; automatic licensing is measured apart below.
  const started = await (await api()).onboarding.startOnboarding({ body: { customerId, settings: { licenseMode: 'manual' } } });
  if (started.status !== 201) throw new Error(`startOnboarding: ${started.status} ${JSON.stringify(started.body)}`);
  await control(url, 'POST', `/device-codes/${started.body.signIn!.userCode}/complete`, { email: `admin@${domain}` });
  for (;;) {
    const onboarding = await (await api()).onboarding.getOnboarding({ params: { onboardingId: started.body.id } });
    if (onboarding.status !== 200) throw new Error(`getOnboarding: ${onboarding.status}`);
    if (onboarding.body.status === 'connected') return onboarding.body.organizationId!;
    if (onboarding.body.status === 'failed') throw new Error(`onboarding failed: ${JSON.stringify(onboarding.body.failure)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function lastRun(api: Api, organizationId: string): Promise<SyncRun> {
  const runs = await api.sync.listSyncRuns({ params: { organizationId }, query: { limit: 1 } });
  if (runs.status !== 200 || !runs.body.items[0]) throw new Error(`listSyncRuns: ${runs.status}`);
  return runs.body.items[0];
}

/** Milliseconds of listUsers answers over HTTP at this size: first page, a later page, a search, a filter. */
async function timeUserQueries(api: Api, organizationId: string): Promise<Record<string, number>> {
  const timed = async (query: Parameters<Api['users']['listUsers']>[0]['query']) => {
    const best: number[] = [];
    for (let round = 0; round < 3; round++) {
      const started = process.hrtime.bigint();
      const page = await api.users.listUsers({ params: { organizationId }, query });
      if (page.status !== 200) throw new Error(`listUsers: ${page.status}`);
      best.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    return Math.round(Math.min(...best));
  };
  const first = await api.users.listUsers({ params: { organizationId }, query: { limit: 100 } });
  const cursor = first.status === 200 ? (first.body.nextCursor ?? undefined) : undefined;
  return {
    firstPage: await timed({ limit: 100 }),
    nextPage: await timed({ limit: 100, cursor }),
    searchPrefix: await timed({ limit: 100, search: 'mar' }),
    filterUnlicensedEligible: await timed({ limit: 100, eligible: 'true', licensed: 'false' }),
  };
}

/** Peak growth of each part of process.memoryUsage() while the sync runs, sampled every 20 ms: where the RSS goes. */
function sampleMemory(): { stop: () => Record<string, number> } {
  const base = process.memoryUsage();
  const peaks: Record<string, number> = { heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
  const sample = () => {
    const now = process.memoryUsage();
    for (const key of Object.keys(peaks) as (keyof typeof base)[]) peaks[key] = Math.max(peaks[key]!, (now[key] - base[key]) / 2 ** 20);
  };
  const timer = setInterval(sample, 20);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return Object.fromEntries(Object.entries(peaks).map(([key, value]) => [key, round(value)]));
    },
  };
}

/**
 * Waits for the resident size to stop falling after the forced collection: V8 and malloc give freed pages
 * back on other threads, and a size read at once was up to ~35 MB above the one a moment later.
 */
async function settledRss(): Promise<void> {
  for (let last = rssMb().now, tries = 0; tries < 50; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = rssMb().now;
    if (Math.abs(now - last) < 0.5) return;
    last = now;
  }
}

/** The JavaScript heap still reachable after a full collection (needs --expose-gc). */
function liveHeapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function countRows(file: string, table: string): number {
  const db = new Sqlite(file, { readonly: true });
  try {
    return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const durationOf = (run: SyncRun) => (Date.parse(run.finishedAt!) - Date.parse(run.startedAt!)) / 1000;
const round = (value: number) => Math.round(value * 10) / 10;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
