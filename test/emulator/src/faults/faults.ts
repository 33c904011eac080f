import { SeededRandom } from '../util/rng.js';

export type FaultSurface = 'graph' | 'identity' | 'any';

/** Which requests a rule applies to. */
export interface RequestMatch {
  /** Default: `graph` for error rules, `any` for latency. */
  surface?: FaultSurface;
  /** HTTP method, e.g. `GET`. */
  method?: string;
  /**
   * Regular expression tested against the path: Graph paths without `/v1.0` (`/users`, `/users/delta`,
   * `/$batch`; requests inside a batch use their own relative URL path), identity paths as sent
   * (`/contoso.com/oauth2/v2.0/token`).
   */
  path?: string;
}

/** Fails matching requests: by probability, on given ordinals, or on every Nth one. */
export interface ErrorRule {
  match?: RequestMatch;
  /** throttle: 429 (default) or 503; serverErrors: 500 (default), 502, 503 or 504. */
  status?: number;
  /** Probability in [0, 1] per matching request, drawn from the seeded generator. */
  rate?: number;
  /** 1-based ordinals of matching requests (counted from when the faults were set) that fail. */
  nth?: number[];
  /** Every Nth matching request fails. */
  every?: number;
  /** Retry-After value in seconds (fractions allowed); default 2 for throttling, none for 5xx; null omits it. */
  retryAfterSeconds?: number | null;
  /** `seconds` (default) or `http-date` (an RFC 7231 IMF-fixdate). */
  retryAfterFormat?: 'seconds' | 'http-date';
  /** Stop failing after this many failures. */
  maxCount?: number;
}

export interface LatencyFault {
  /** Added to every matching request. */
  requestMs?: number;
  /** Added to every page of a collection (/users, /users/delta, /applications, /servicePrincipals). */
  pageMs?: number;
  /** Uniform random extra in [0, jitterMs) on top of each delay, from the seeded generator. */
  jitterMs?: number;
  match?: RequestMatch;
}

/** Seconds during which a new object is not yet visible where Entra's replicas would not see it either. */
export interface ReplicationFault {
  /** POST /servicePrincipals {appId} -> 404 Request_ResourceNotFound; client_credentials -> 700016. */
  applicationSeconds?: number;
  /** appRoleAssignedTo with the new principal -> 404 Request_ResourceNotFound; client_credentials -> 700016. */
  servicePrincipalSeconds?: number;
  /** New secret -> 401 7000215; new certificate -> 401 700027. */
  credentialSeconds?: number;
  /** App-only tokens issued meanwhile lack the newly granted role. */
  roleGrantSeconds?: number;
}

export interface Faults {
  /** Seed of the generator behind rates and jitter (default 1): the same faults give the same run. */
  randomSeed?: number;
  latency?: LatencyFault;
  /** 429 TooManyRequests (or 503) with Retry-After. */
  throttle?: ErrorRule[];
  /** 5xx answers. */
  serverErrors?: ErrorRule[];
  replication?: ReplicationFault;
  /** Delta links older than this answer 410 Gone (resync). */
  deltaTokenTtlSeconds?: number;
  /** /users skip tokens older than this answer 400 Directory_ExpiredPageToken. */
  pageTokenTtlSeconds?: number;
}

export interface RequestInfo {
  surface: 'graph' | 'identity';
  method: string;
  path: string;
}

export interface InjectedError {
  kind: 'throttle' | 'server';
  status: number;
  retryAfter: string | null;
}

/** One injected fault, kept so tests can see what the emulator did without timing it. */
export interface FaultRecord {
  at: string;
  kind: 'latency' | 'page-latency' | 'throttle' | 'server';
  surface: RequestInfo['surface'];
  method: string;
  path: string;
  status?: number;
  retryAfter?: string | null;
  delayMs?: number;
}

const LOG_SIZE = 1000;

interface CompiledRule {
  rule: ErrorRule;
  kind: InjectedError['kind'];
  path: RegExp | null;
  seen: number;
  failed: number;
}

function matches(match: RequestMatch | undefined, defaultSurface: FaultSurface, path: RegExp | null, req: RequestInfo): boolean {
  const surface = match?.surface ?? defaultSurface;
  if (surface !== 'any' && surface !== req.surface) return false;
  if (match?.method && match.method.toUpperCase() !== req.method.toUpperCase()) return false;
  return path === null || path.test(req.path);
}

export function formatRetryAfter(seconds: number, format: ErrorRule['retryAfterFormat']): string {
  if (format === 'http-date') return new Date(Math.ceil((Date.now() + seconds * 1000) / 1000) * 1000).toUTCString();
  return String(seconds);
}

/** Holds the active faults and decides, request by request, what to inject. */
export class FaultEngine {
  private faults: Faults = {};
  private rng = new SeededRandom(1);
  private rules: CompiledRule[] = [];
  private latencyPath: RegExp | null = null;
  private readonly records: FaultRecord[] = [];

  constructor(faults: Faults = {}) {
    this.set(faults);
  }

  set(faults: Faults): void {
    const compile = (kind: InjectedError['kind']) => (rule: ErrorRule): CompiledRule => ({
      rule, kind, path: rule.match?.path ? new RegExp(rule.match.path) : null, seen: 0, failed: 0,
    });
    this.rules = [...(faults.throttle ?? []).map(compile('throttle')), ...(faults.serverErrors ?? []).map(compile('server'))];
    this.latencyPath = faults.latency?.match?.path ? new RegExp(faults.latency.match.path) : null;
    this.faults = structuredClone(faults);
    this.rng = new SeededRandom(faults.randomSeed ?? 1);
    this.records.length = 0;
  }

  /** Faults injected since they were last set, oldest first (at most the last 1000). */
  log(): FaultRecord[] {
    return this.records.map((r) => ({ ...r }));
  }

  private record(entry: Omit<FaultRecord, 'at'>): void {
    this.records.push({ at: new Date().toISOString(), ...entry });
    if (this.records.length > LOG_SIZE) this.records.shift();
  }

  get(): Faults {
    return structuredClone(this.faults);
  }

  /** The error to answer instead of handling the request, if any rule fires. */
  decide(req: RequestInfo): InjectedError | null {
    for (const compiled of this.rules) {
      const { rule } = compiled;
      if (!matches(rule.match, 'graph', compiled.path, req)) continue;
      compiled.seen += 1;
      if (rule.maxCount !== undefined && compiled.failed >= rule.maxCount) continue;
      const fire = (rule.nth?.includes(compiled.seen) ?? false)
        || (rule.every !== undefined && rule.every > 0 && compiled.seen % rule.every === 0)
        || (rule.rate !== undefined && this.rng.next() < rule.rate);
      if (!fire) continue;
      compiled.failed += 1;
      const throttle = compiled.kind === 'throttle';
      const seconds = rule.retryAfterSeconds === undefined ? (throttle ? 2 : null) : rule.retryAfterSeconds;
      const injected: InjectedError = {
        kind: compiled.kind,
        status: rule.status ?? (throttle ? 429 : 500),
        retryAfter: seconds === null ? null : formatRetryAfter(seconds, rule.retryAfterFormat),
      };
      this.record({ kind: injected.kind, surface: req.surface, method: req.method, path: req.path, status: injected.status, retryAfter: injected.retryAfter });
      return injected;
    }
    return null;
  }

  private jitter(): number {
    const jitter = this.faults.latency?.jitterMs ?? 0;
    return jitter > 0 ? this.rng.next() * jitter : 0;
  }

  requestDelayMs(req: RequestInfo): number {
    const latency = this.faults.latency;
    if (!latency?.requestMs || !matches(latency.match, 'any', this.latencyPath, req)) return 0;
    const delayMs = latency.requestMs + this.jitter();
    this.record({ kind: 'latency', surface: req.surface, method: req.method, path: req.path, delayMs });
    return delayMs;
  }

  pageDelayMs(req: RequestInfo): number {
    const pageMs = this.faults.latency?.pageMs;
    if (!pageMs) return 0;
    const delayMs = pageMs + this.jitter();
    this.record({ kind: 'page-latency', surface: req.surface, method: req.method, path: req.path, delayMs });
    return delayMs;
  }

  /** True while an object created at `createdAt` is still invisible to other replicas. */
  replicating(kind: keyof ReplicationFault, createdAt: number, now = Date.now()): boolean {
    const seconds = this.faults.replication?.[kind] ?? 0;
    return seconds > 0 && now < createdAt + seconds * 1000;
  }

  get deltaTokenTtlSeconds(): number | undefined {
    return this.faults.deltaTokenTtlSeconds;
  }

  get pageTokenTtlSeconds(): number | undefined {
    return this.faults.pageTokenTtlSeconds;
  }
}
