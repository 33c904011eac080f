import type { Directory } from '../store/directory.js';
import type { Tenant } from '../store/tenant.js';
import type { Application } from '../store/types.js';
import { GRAPH_APP_ID, GRAPH_DELEGATED_SCOPES, GRAPH_RESOURCE, OIDC_SCOPES } from '../store/well-known.js';
import { invalidScope } from './errors.js';

export interface RequestedScopes {
  /** Canonical short Graph scope names (`User.Read`). */
  graph: string[];
  /** openid, profile, offline_access, email as requested. */
  oidc: string[];
  /** `https://graph.microsoft.com/.default`: every permission the client is configured or consented for. */
  graphDefault: boolean;
}

const BY_LOWER = new Map(GRAPH_DELEGATED_SCOPES.map((s) => [s.value.toLowerCase(), s]));
const GRAPH_PREFIXES = [`${GRAPH_RESOURCE}/`, `${GRAPH_APP_ID}/`, 'https://graph.microsoft.com//'];

/** Accepts short (`User.Read`) and resource-qualified Graph scopes plus OIDC scopes [doc reference 1.6, 4.3]. */
export function parseDelegatedScopes(raw: string | undefined): RequestedScopes {
  const result: RequestedScopes = { graph: [], oidc: [], graphDefault: false };
  for (const item of (raw ?? '').split(/\s+/).filter(Boolean)) {
    const lower = item.toLowerCase();
    if (OIDC_SCOPES.has(lower)) {
      if (!result.oidc.includes(lower)) result.oidc.push(lower);
      continue;
    }
    const prefix = GRAPH_PREFIXES.find((p) => lower.startsWith(p));
    const name = prefix ? lower.slice(prefix.length) : lower;
    if (name === '.default') {
      result.graphDefault = true;
      continue;
    }
    const known = BY_LOWER.get(name);
    if (!known || OIDC_SCOPES.has(name)) throw invalidScope(item);
    if (!result.graph.includes(known.value)) result.graph.push(known.value);
  }
  if (result.graph.length === 0 && !result.graphDefault && result.oidc.length === 0) throw invalidScope(raw ?? '');
  return result;
}

/** Graph scopes a request resolves to; `.default` means the client's configured delegated permissions. */
export function resolveGraphScopes(requested: RequestedScopes, client: Application, consented: Set<string>): string[] {
  const scopes = new Set(requested.graph);
  if (requested.graphDefault) {
    for (const rra of client.requiredResourceAccess) {
      if (rra.resourceAppId !== GRAPH_APP_ID) continue;
      for (const access of rra.resourceAccess) {
        const def = GRAPH_DELEGATED_SCOPES.find((s) => s.id === access.id && access.type === 'Scope');
        if (def) scopes.add(def.value);
      }
    }
    for (const s of consented) scopes.add(s);
  }
  if (scopes.size === 0 && requested.oidc.length > 0) scopes.add('User.Read');
  return [...scopes];
}

export function requiresAdminConsent(scope: string): boolean {
  return BY_LOWER.get(scope.toLowerCase())?.adminConsentRequired ?? true;
}

export function consentText(scope: string): string {
  return BY_LOWER.get(scope.toLowerCase())?.consentText ?? scope;
}

export interface ConsentPlan {
  /** Scopes not consented yet for this user or tenant-wide. */
  needed: string[];
  needsAdmin: boolean;
}

export function consentPlan(directory: Directory, tenant: Tenant, userId: string, client: Application, scopes: string[]): ConsentPlan {
  const consented = directory.consentedScopes(tenant, client.appId, userId);
  const needed = scopes.filter((s) => !consented.has(s));
  return { needed, needsAdmin: needed.some(requiresAdminConsent) };
}

/** Scope string of a token response: short Graph names then OIDC scopes [obs reference 1.5]. */
export function responseScope(graph: string[], oidc: string[]): string {
  return [...graph, ...oidc.filter((s) => s !== 'offline_access'), ...(oidc.includes('offline_access') ? ['offline_access'] : [])].join(' ');
}
