import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface EmulatorProcess {
  url: string;
  /** The CA to trust for its HTTPS. */
  caFile: string;
  pid: number | undefined;
  stop: () => void;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The built emulator CLI in a process of its own on loopback, as it runs next to the plugin; ready once it prints its URL. */
export function startEmulatorProcess(seedFile?: string): Promise<EmulatorProcess> {
  const args = [resolve(root, 'test/emulator/dist/cli.js'), '--port', '0', '--http-port', '0', ...(seedFile ? ['--seed', seedFile] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ready, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /identity \+ Graph\s+(https:\/\/\S+)/.exec(out)?.[1];
      const caFile = /CA certificate\s+(\S+)/.exec(out)?.[1];
      if (url && caFile) ready({ url, caFile, pid: child.pid, stop: () => child.kill('SIGTERM') });
    });
  });
}
