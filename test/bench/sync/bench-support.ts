import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

export interface WorkerResult {
  tenant: string;
  pageMs: number;
  full: { seconds: number; users: number; rowsWritten: number; pages: number; requests: number };
  /** Switching the organization to automatic licensing: every eligible user gets a seat and a license record. */
  licensing: { seconds: number; licensed: number };
  /** `parts`: peak growth of the V8 heap (total, used) and of memory outside it (external, of which array buffers), sampled. */
  rss: { beforeMb: number; peakMb: number; growthMb: number; parts: Record<string, number> };
  /** Reachable JavaScript heap after a forced full GC, before and after the sync: what the sync keeps. */
  liveHeap: { beforeMb: number; afterMb: number };
  /** Best of 3 listUsers answers over HTTP (each with its total and the organization's counts). */
  listUsersMs: Record<string, number>;
  delta?: { changes: number; seconds: number; requests: number; pages: number; usersChanged: number };
}

export interface PeerResult {
  peer: 'page-iterator' | 'fetch';
  seconds: number;
  users: number;
  pages: number;
}

/** Runs a TypeScript file of this folder in its own Node process (tsx), returning the JSON it prints last. */
export function runChild<T>(file: string, args: string[], options: { nodeFlags?: string[] } = {}): Promise<T> {
  // BENCH_NODE_FLAGS (e.g. "--trace-gc" or "--cpu-prof") go to every child, for looking into a figure.
  const flags = [...(options.nodeFlags ?? []), ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [])];
  const child = spawn(process.execPath, ['--expose-gc', ...flags, '--import', 'tsx', new URL(file, import.meta.url).pathname, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: process.env,
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const lines = out.trim().split('\n');
      const last = lines.pop() ?? '';
      // Anything before the result line is the child's log (BENCH_LOG_LEVEL=log): shown, not parsed.
      if (lines.length) process.stderr.write(`${lines.join('\n')}\n`);
      if (code === 0) resolve(JSON.parse(last) as T);
      else reject(new Error(`${file} exited with ${code}: ${out}`));
    });
  });
}

/** Calls the emulator's control API (/_emulator) over HTTPS; the CA is trusted through NODE_EXTRA_CA_CERTS. */
export async function control(emulatorUrl: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${emulatorUrl}/_emulator${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

/** Resident set size now, and its peak since the last reset (Linux /proc). */
export function rssMb(): { now: number; peak: number } {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** Starts a new peak: writing 5 to clear_refs resets VmHWM (Linux). */
export function resetPeakRss(): void {
  writeFileSync('/proc/self/clear_refs', '5');
}
