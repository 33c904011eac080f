/**
 * User sync benchmark (not a test; results in ../RESULTS.md, "User sync"). The emulator, each plugin
 * server and each peer run in their own process on loopback:
 *
 *   npx tsc -b && npx tsx test/bench/sync/sync-bench.ts [--runs 3]
 *
 * `--only fast,bare` runs just those cases (slow, iterator, fast, bare, small, small-warm, fast-warm) once and prints their raw
 * results, for looking into one figure; `BENCH_LOG_LEVEL=log` makes the workers print each sync's phases.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EMULATOR_PUBLIC_CLIENT_ID, trustEmulatorCa } from '@m365/emulator';
import { SERVER_NODE_FLAGS } from '@m365/plugin-server/node-flags';
import { startEmulatorProcess } from '../emulator-process.js';
import { runChild, type PeerResult, type WorkerResult } from './bench-support.js';

const LARGE = 'northwind.com';
const SMALL = 'tenk.com';
/**
 * (c) is also measured in a server that has synced before: this tenant (as large as Northwind) first, then
 * the measured one. The memory a fresh process's first large sync takes stays with it (RESULTS.md).
 */
const WARM_UP = 'warmup.com';
const PAGE_MS = 250;
const CHANGED = 1_000;

/** The built-in tenants plus one of 10,000 users, for the memory comparison, and the warm-up tenant when a case needs it. */
function seedFile(withWarmUp: boolean): string {
  const file = join(mkdtempSync(join(tmpdir(), 'sync-bench-seed-')), 'seed.json');
  const tenk = {
    name: 'Tenk', initialDomain: 'tenk.onmicrosoft.com', domains: ['tenk.com'], generatedUsers: 9_999,
    users: [{ userPrincipalName: 'admin', displayName: 'Tenk Administrator', roles: ['Global Administrator'], licenses: ['SPE_E3'] }],
  };
  const warmUp = {
    name: 'Warmup', initialDomain: 'warmup.onmicrosoft.com', domains: ['warmup.com'], generatedUsers: 99_999,
    users: [{ userPrincipalName: 'admin', displayName: 'Warmup Administrator', roles: ['Global Administrator'], licenses: ['SPE_E3'] }],
  };
  writeFileSync(file, JSON.stringify({ randomSeed: 20_240_601, includeDefaultTenants: true, tenants: withWarmUp ? [tenk, warmUp] : [tenk] }));
  return file;
}

const fixed = (value: number, digits = 2) => value.toFixed(digits);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
/** "median (min-max)" of one figure over the runs. */
const spread = (values: number[], digits = 2) =>
  values.length === 1 ? fixed(values[0]!, digits) : `${fixed(median(values), digits)} (${fixed(Math.min(...values), digits)}-${fixed(Math.max(...values), digits)})`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, only: { type: 'string' } } });
  const runs = Number(values.runs);
  await trustEmulatorCa();
  // 100,000 more users to generate: only when a warm-server case runs.
  const emulator = await startEmulatorProcess(seedFile(!values.only || values.only.includes('-warm')));
  const common = ['--url', emulator.url, '--client-id', EMULATOR_PUBLIC_CLIENT_ID];
  const worker = (tenant: string, pageMs: number, changes = 0, warmUp?: string) =>
    runChild<WorkerResult>(
      './sync-worker.ts',
      [...common, '--tenant', tenant, '--page-ms', String(pageMs), '--changes', String(changes), ...(warmUp ? ['--warm-up', warmUp] : [])],
      { nodeFlags: SERVER_NODE_FLAGS },
    );
  const peer = (name: PeerResult['peer'], pageMs: number) =>
    runChild<PeerResult>('./peer.ts', [...common, '--tenant', LARGE, '--peer', name, '--page-ms', String(pageMs), '--concurrency', '8']);
  try {
    if (values.only) {
      const cases: Record<string, () => Promise<unknown>> = {
        slow: () => worker(LARGE, PAGE_MS), iterator: () => peer('page-iterator', PAGE_MS), fast: () => worker(LARGE, 0, CHANGED), bare: () => peer('fetch', 0), small: () => worker(SMALL, 0),
        'small-warm': () => worker(SMALL, 0, 0, WARM_UP), 'fast-warm': () => worker(LARGE, 0, 0, WARM_UP),
      };
      for (const name of values.only.split(',')) {
        if (!cases[name]) throw new Error(`--only: unknown case ${name} (${Object.keys(cases).join(', ')})`);
        console.log(`${name}: ${JSON.stringify(await cases[name]())}`);
      }
      return;
    }
    const loadBefore = loadavg()[0]!;
    const results: {
      slow: WorkerResult; iterator: PeerResult; fast: WorkerResult; bare: PeerResult; small: WorkerResult; smallWarm: WorkerResult; fastWarm: WorkerResult;
    }[] = [];
    for (let run = 0; run < runs; run++) {
      const slow = await worker(LARGE, PAGE_MS);
      const iterator = await peer('page-iterator', PAGE_MS);
      const fast = await worker(LARGE, 0, CHANGED);
      const bare = await peer('fetch', 0);
      const small = await worker(SMALL, 0);
      const smallWarm = await worker(SMALL, 0, 0, WARM_UP);
      const fastWarm = await worker(LARGE, 0, 0, WARM_UP);
      results.push({ slow, iterator, fast, bare, small, smallWarm, fastWarm });
      console.error(`run ${run + 1}/${runs}: ${JSON.stringify(results.at(-1))}`);
    }
    const loadAfter = loadavg()[0]!;
    const all = <T>(pick: (result: (typeof results)[number]) => T) => results.map(pick);
    const last = results.at(-1)!;
    const delta = last.fast.delta!;
    const lines = [
      `machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}; load average ${fixed(loadBefore)} before, ${fixed(loadAfter)} after`,
      `figures: median (min-max) of ${runs} runs; each ratio is taken within a run`,
      `(a) full sync, ${LARGE} (${last.slow.full.users} users), +${PAGE_MS} ms per page: plugin ${spread(all((r) => r.slow.full.seconds))} s (${last.slow.full.pages} pages, ${last.slow.full.requests} requests incl. mailbox lookups) vs Graph SDK PageIterator ${spread(all((r) => r.iterator.seconds))} s (${last.iterator.users} users, ${last.iterator.pages} requests): ${spread(all((r) => r.iterator.seconds / r.slow.full.seconds))}x faster (target >= 4x)`,
      `(b) full sync, no added latency: plugin ${spread(all((r) => r.fast.full.seconds))} s, ${spread(all((r) => r.fast.full.users / r.fast.full.seconds), 0)} users/s, ${spread(all((r) => r.fast.full.rowsWritten / r.fast.full.seconds), 0)} rows written/s (${last.fast.full.rowsWritten} rows: users, plus mailbox facts from lookups) vs bare fetch + JSON.parse of the same shard pages ${spread(all((r) => r.bare.seconds))} s (${last.bare.pages} pages, ${spread(all((r) => r.bare.users / r.bare.seconds), 0)} users/s): ${spread(all((r) => r.fast.full.seconds / r.bare.seconds))}x (target <= 3x)`,
      `automatic licensing of the synced tenant (manual -> automatic switch): ${last.fast.licensing.licensed} users in ${spread(all((r) => r.fast.licensing.seconds))} s, ${spread(all((r) => (2 * r.fast.licensing.licensed) / r.fast.licensing.seconds), 0)} rows written/s (a seat and a license record each)`,
      `(c) peak RSS growth during the full sync: ${SMALL} (${last.small.full.users} users) ${spread(all((r) => r.small.rss.growthMb), 1)} MB, ${LARGE} (${last.fast.full.users} users) ${spread(all((r) => r.fast.rss.growthMb), 1)} MB, with ${PAGE_MS} ms pages ${spread(all((r) => r.slow.rss.growthMb), 1)} MB (target <= 100 MB, flat from 10k to 100k); resident size before -> at its peak: ${spread(all((r) => r.small.rss.beforeMb), 0)} -> ${spread(all((r) => r.small.rss.peakMb), 0)} MB (10k), ${spread(all((r) => r.fast.rss.beforeMb), 0)} -> ${spread(all((r) => r.fast.rss.peakMb), 0)} MB (100k); of which V8 heap / outside it (buffers) at their peaks: ${spread(all((r) => r.small.rss.parts.heapTotal!), 1)} / ${spread(all((r) => r.small.rss.parts.external!), 1)} MB (10k), ${spread(all((r) => r.fast.rss.parts.heapTotal!), 1)} / ${spread(all((r) => r.fast.rss.parts.external!), 1)} MB (100k); live heap after a full GC, before -> after: ${spread(all((r) => r.small.liveHeap.beforeMb), 1)} -> ${spread(all((r) => r.small.liveHeap.afterMb), 1)} MB (10k), ${spread(all((r) => r.fast.liveHeap.beforeMb), 1)} -> ${spread(all((r) => r.fast.liveHeap.afterMb), 1)} MB (100k)`,
      `(c) in a server that has synced ${WARM_UP} (100,000 users) before: peak RSS growth ${SMALL} ${spread(all((r) => r.smallWarm.rss.growthMb), 1)} MB, ${LARGE} ${spread(all((r) => r.fastWarm.rss.growthMb), 1)} MB; resident size before -> at its peak: ${spread(all((r) => r.smallWarm.rss.beforeMb), 0)} -> ${spread(all((r) => r.smallWarm.rss.peakMb), 0)} MB (10k), ${spread(all((r) => r.fastWarm.rss.beforeMb), 0)} -> ${spread(all((r) => r.fastWarm.rss.peakMb), 0)} MB (100k); full sync ${spread(all((r) => r.smallWarm.full.seconds))} s (10k), ${spread(all((r) => r.fastWarm.full.seconds))} s (100k)`,
      `listUsers at ${last.fast.full.users} users (ms over HTTP, page + total + counts, best of 3 per run): ${Object.keys(last.fast.listUsersMs).map((name) => `${name} ${spread(all((r) => r.fast.listUsersMs[name]!), 0)}`).join(', ')}`,
      `(d) delta sync after ${delta.changes} users changed (${fixed((100 * delta.changes) / last.fast.full.users, 1)}%): ${spread(all((r) => r.fast.delta!.seconds), 3)} s = ${spread(all((r) => (100 * r.fast.delta!.seconds) / r.fast.full.seconds), 1)}% of the full sync (target <= 5%), ${spread(all((r) => r.fast.delta!.requests), 0)} requests (changes/200 + 1 = ${Math.floor(delta.changes / 200) + 1}), ${delta.usersChanged} users changed`,
    ];
    console.log(lines.join('\n'));
  } finally {
    emulator.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
