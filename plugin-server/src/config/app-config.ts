import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EnvSchema, type Env } from './env.schema.js';

export const APP_CONFIG = Symbol('APP_CONFIG');

export interface AppConfig {
  readonly env: Env['NODE_ENV'];
  readonly http: { host: string; port: number; publicBaseUrl: string | null; corsOrigins: readonly string[] };
  readonly logLevel: Env['LOG_LEVEL'];
  readonly dataDir: string;
  readonly databaseFile: string;
  readonly encryption: { keys: ReadonlyMap<string, Buffer>; current: string; generatedKeyFile: string | null };
  readonly hostAuth: {
    jwksUrl: string | null;
    publicKeyPem: string | null;
    issuer: string;
    audience: string;
    maxAgeSeconds: number;
    clockSkewSeconds: number;
  };
  readonly hooks: { secrets: ReadonlyMap<string, readonly string[]> };
  readonly events: { url: string | null; retryBaseMs: number; retryMaxMs: number; retryWindowMs: number };
  readonly share: { ttlMs: number; pageUrl: string };
  readonly microsoft: {
    loginUrl: string;
    graphUrl: string;
    publicClientId: string;
    popupRedirectUri: string | null;
    certificateValidityMonths: number;
  };
  readonly onboarding: { stepMaxWaitMs: number; maxConfiguring: number; codeWatchMs: number };
  readonly sync: { concurrency: number; tickMs: number; defaultSeatPool: number; shardMinUsers: number; shardConcurrency: number };
  readonly ui: { serve: boolean; distDir: string };
  readonly testCrashAt: string | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Parses the environment once; every other part of the server reads this object, never process.env. */
export function loadConfig(source: Record<string, string | undefined>): AppConfig {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const env = parsed.data;
  const dataDir = isAbsolute(env.DATA_DIR) ? env.DATA_DIR : resolve(env.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const encryption = loadEncryptionKeys(env, dataDir);
  const trimSlash = (value: string) => value.replace(/\/+$/, '');

  return Object.freeze({
    env: env.NODE_ENV,
    http: {
      host: env.HOST,
      port: env.PORT,
      publicBaseUrl: env.PUBLIC_BASE_URL ? trimSlash(env.PUBLIC_BASE_URL) : null,
      corsOrigins: splitList(env.CORS_ORIGINS),
    },
    logLevel: env.LOG_LEVEL,
    dataDir,
    databaseFile: join(dataDir, 'plugin.db'),
    encryption,
    hostAuth: {
      jwksUrl: env.HOST_JWKS_URL ?? null,
      publicKeyPem: env.HOST_JWT_PUBLIC_KEY ?? null,
      issuer: env.HOST_JWT_ISSUER,
      audience: env.HOST_JWT_AUDIENCE,
      maxAgeSeconds: env.HOST_JWT_MAX_AGE_SECONDS,
      clockSkewSeconds: env.HOST_JWT_CLOCK_SKEW_SECONDS,
    },
    hooks: { secrets: parseHookSecrets(env.HOOK_SECRETS) },
    events: {
      url: env.HOST_EVENTS_URL ?? null,
      retryBaseMs: env.HOST_EVENTS_RETRY_BASE_SECONDS * 1000,
      retryMaxMs: env.HOST_EVENTS_RETRY_MAX_SECONDS * 1000,
      retryWindowMs: env.HOST_EVENTS_RETRY_HOURS * 3600_000,
    },
    share: {
      ttlMs: env.SHARE_LINK_TTL_HOURS * 3600_000,
      pageUrl: env.SHARE_PAGE_URL ?? `${env.PUBLIC_BASE_URL ? trimSlash(env.PUBLIC_BASE_URL) : `http://${env.HOST}:${env.PORT}`}/ui/share.html`,
    },
    microsoft: {
      loginUrl: trimSlash(env.MICROSOFT_LOGIN_URL),
      graphUrl: trimSlash(env.MICROSOFT_GRAPH_URL),
      publicClientId: env.PUBLIC_CLIENT_ID,
      popupRedirectUri: env.POPUP_REDIRECT_URI ?? null,
      certificateValidityMonths: env.CERTIFICATE_VALIDITY_MONTHS,
    },
    onboarding: {
      stepMaxWaitMs: env.ONBOARDING_STEP_MAX_WAIT_SECONDS * 1000,
      maxConfiguring: env.ONBOARDING_MAX_CONFIGURING,
      codeWatchMs: env.ONBOARDING_CODE_WATCH_SECONDS * 1000,
    },
    sync: {
      concurrency: env.SYNC_CONCURRENCY,
      tickMs: env.SYNC_TICK_SECONDS * 1000,
      defaultSeatPool: env.DEFAULT_SEAT_POOL,
      shardMinUsers: env.SYNC_SHARD_MIN_USERS,
      shardConcurrency: env.SYNC_SHARD_CONCURRENCY,
    },
    ui: {
      // On in production too: the share-link page customers open lives in the UI build.
      serve: env.SERVE_UI ?? true,
      distDir: env.UI_DIST_DIR ? resolve(env.UI_DIST_DIR) : resolve(packageRoot, '../plugin-ui/dist'),
    },
    testCrashAt: env.TEST_CRASH_AT ?? null,
  });
}

function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);
}

/** HOOK_SECRETS="partnerA:whsec_x|whsec_y,partnerB:whsec_z": several secrets per partner allow rotation. */
function parseHookSecrets(value: string | undefined): Map<string, string[]> {
  const secrets = new Map<string, string[]>();
  for (const entry of splitList(value)) {
    const [partnerId, list] = entry.split(/:(.*)/s);
    if (!partnerId || !list) throw new ConfigError([`HOOK_SECRETS: "${entry}" is not partnerId:secret[|secret]`]);
    secrets.set(partnerId, list.split('|').filter(Boolean));
  }
  return secrets;
}

/** ENCRYPTION_KEYS="v1:<base64 32 bytes>,v2:<...>"; without it, development uses a generated key file. */
function loadEncryptionKeys(env: Env, dataDir: string): AppConfig['encryption'] {
  if (env.ENCRYPTION_KEYS) {
    const keys = new Map<string, Buffer>();
    const problems: string[] = [];
    for (const entry of splitList(env.ENCRYPTION_KEYS)) {
      const [version, encoded] = entry.split(/:(.*)/s);
      const key = Buffer.from(encoded ?? '', 'base64');
      if (!version || key.length !== 32) problems.push(`ENCRYPTION_KEYS: "${version ?? entry}" must be version:<32 bytes in base64>`);
      else keys.set(version, key);
    }
    const current = env.ENCRYPTION_KEY_CURRENT ?? [...keys.keys()].at(-1);
    if (!current || !keys.has(current)) problems.push('ENCRYPTION_KEY_CURRENT: must name one of the ENCRYPTION_KEYS versions');
    if (problems.length) throw new ConfigError(problems);
    return { keys, current: current!, generatedKeyFile: null };
  }
  const file = join(dataDir, 'dev-encryption-key');
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  chmodSync(file, 0o600);
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new ConfigError([`${file}: does not hold a 32-byte base64 key; delete it to generate a new one`]);
  return { keys: new Map([['dev', key]]), current: 'dev', generatedKeyFile: file };
}
