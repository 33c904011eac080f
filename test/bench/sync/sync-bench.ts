/**
 * User sync benchmark (not a test; results in ../RESULTS.md, "User sync"). The emulator, each plugin
 * server and each peer run in their own process on loopback:
 *
 *   npx tsc -b && npx tsx test/bench/sync/sync-bench.ts
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMULATOR_PUBLIC_CLIENT_ID, trustEmulatorCa } from '@m365/emulator';
import { runChild, type PeerResult, type WorkerResult } from './bench-support.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const LARGE = 'northwind.com';
const SMALL = 'tenk.com';
const PAGE_MS = 250;
const CHANGED = 1_000;

/** The built-in tenants plus one of 10,000 users, for the memory comparison. */
function seedFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'sync-bench-seed-')), 'seed.json');
  const tenk = {
    name: 'Tenk', initialDomain: 'tenk.onmicrosoft.com', domains: ['tenk.com'], generatedUsers: 9_999,
    users: [{ userPrincipalName: 'admin', displayName: 'Tenk Administrator', roles: ['Global Administrator'], licenses: ['SPE_E3'] }],
  };
  writeFileSync(file, JSON.stringify({ randomSeed: 20_240_601, includeDefaultTenants: true, tenants: [tenk] }));
  return file;
}

function startEmulator(seed: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [resolve(root, 'test/emulator/dist/cli.js'), '--port', '0', '--http-port', '0', '--seed', seed], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolveStart, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /identity \+ Graph\s+(https:\/\/\S+)/.exec(out)?.[1];
      if (url) resolveStart({ url, stop: () => child.kill('SIGTERM') });
    });
  });
}

const fixed = (value: number, digits = 2) => value.toFixed(digits);

async function main(): Promise<void> {
  await trustEmulatorCa();
  const emulator = await startEmulator(seedFile());
  const common = ['--url', emulator.url, '--client-id', EMULATOR_PUBLIC_CLIENT_ID];
  const worker = (tenant: string, pageMs: number, changes = 0) =>
    runChild<WorkerResult>('./sync-worker.ts', [...common, '--tenant', tenant, '--page-ms', String(pageMs), '--changes', String(changes)]);
  const peer = (name: PeerResult['peer'], pageMs: number) =>
    runChild<PeerResult>('./peer.ts', [...common, '--tenant', LARGE, '--peer', name, '--page-ms', String(pageMs), '--concurrency', '8']);
  try {
    const loadBefore = loadavg()[0]!;
    const slow = await worker(LARGE, PAGE_MS);
    const iterator = await peer('page-iterator', PAGE_MS);
    const fast = await worker(LARGE, 0, CHANGED);
    const bare = await peer('fetch', 0);
    const small = await worker(SMALL, 0);
    const loadAfter = loadavg()[0]!;

    const delta = fast.delta!;
    const lines = [
      `machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, load average ${fixed(loadBefore)} before, ${fixed(loadAfter)} after`,
      `(a) full sync, ${LARGE} (${slow.full.users} users), +${PAGE_MS} ms per page: plugin ${fixed(slow.full.seconds)} s (${slow.full.pages} pages, ${slow.full.requests} requests) vs Graph SDK PageIterator ${fixed(iterator.seconds)} s (${iterator.users} users, ${iterator.pages} pages): ${fixed(iterator.seconds / slow.full.seconds)}x faster (target >= 4x)`,
      `(b) full sync, no added latency: plugin ${fixed(fast.full.seconds)} s, ${Math.round(fast.full.users / fast.full.seconds)} users/s, ${Math.round(fast.full.rowsWritten / fast.full.seconds)} rows written/s (${fast.full.rowsWritten} rows: users, plus mailbox facts from lookups) vs bare fetch + JSON.parse of the same shard pages ${fixed(bare.seconds)} s (${bare.pages} pages, ${Math.round(bare.users / bare.seconds)} users/s): ${fixed(fast.full.seconds / bare.seconds)}x (target <= 3x)`,
      `automatic licensing of the synced tenant (manual -> automatic switch): ${fast.licensing.licensed} users in ${fixed(fast.licensing.seconds)} s, ${Math.round((2 * fast.licensing.licensed) / fast.licensing.seconds)} rows written/s (a seat and a license record each)`,
      `(c) peak RSS growth during the full sync: ${SMALL} (${small.full.users} users) ${small.rss.growthMb} MB (${small.rss.beforeMb} -> ${small.rss.peakMb}), ${LARGE} (${fast.full.users} users) ${fast.rss.growthMb} MB (${fast.rss.beforeMb} -> ${fast.rss.peakMb}); with ${PAGE_MS} ms pages ${slow.rss.growthMb} MB (target <= 100 MB, flat from 10k to 100k); live heap after a full GC, before -> after: ${small.liveHeap.beforeMb} -> ${small.liveHeap.afterMb} MB (10k), ${fast.liveHeap.beforeMb} -> ${fast.liveHeap.afterMb} MB (100k)`,
      `listUsers at ${fast.full.users} users (ms, best of 3, over HTTP, page + total + counts): ${Object.entries(fast.listUsersMs).map(([name, ms]) => `${name} ${ms}`).join(', ')}`,
      `(d) delta sync after ${delta.changes} users changed (${fixed((100 * delta.changes) / fast.full.users, 1)}%): ${fixed(delta.seconds, 3)} s = ${fixed((100 * delta.seconds) / fast.full.seconds, 1)}% of the full sync (target <= 5%), ${delta.requests} requests (changes/200 + 1 = ${Math.floor(delta.changes / 200) + 1}), ${delta.usersChanged} users changed`,
    ];
    console.log(lines.join('\n'));
    console.log(JSON.stringify({ slow, iterator, fast, bare, small }));
  } finally {
    emulator.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
