import type { ConsentRequest } from '../identity/device-flow.js';
import type { RequestedScopes } from '../identity/scopes.js';
import type { Account } from '../identity/sign-in.js';
import type { TenantSegment } from '../store/directory.js';
import { randomToken } from '../util/hash.js';

export interface AuthorizeRequest {
  segment: TenantSegment;
  clientId: string;
  redirectUri: string;
  spa: boolean;
  responseMode: 'query' | 'fragment' | 'form_post';
  state: string | undefined;
  nonce: string | undefined;
  codeChallenge: string | null;
  codeChallengeMethod: 'S256' | 'plain';
  requested: RequestedScopes;
  loginHint: string | undefined;
}

/** One person walking the sign-in pages, identified by the `flowToken` hidden field (Microsoft's name for it). */
export interface FlowSession {
  id: string;
  kind: 'device' | 'authorize';
  userCode?: string;
  authorize?: AuthorizeRequest;
  account?: Account;
  /** The password step passed (and Conditional Access let the person through). */
  authenticated?: boolean;
  consent?: ConsentRequest;
  expiresAt: number;
}

const SESSION_LIFETIME_MS = 30 * 60 * 1000;

export class FlowSessions {
  private readonly sessions = new Map<string, FlowSession>();

  create(init: Omit<FlowSession, 'id' | 'expiresAt'>): FlowSession {
    const now = Date.now();
    for (const [id, s] of this.sessions) if (s.expiresAt < now) this.sessions.delete(id);
    const session: FlowSession = { ...init, id: randomToken(24), expiresAt: now + SESSION_LIFETIME_MS };
    this.sessions.set(session.id, session);
    return session;
  }

  get(id: string | undefined): FlowSession | undefined {
    const session = id ? this.sessions.get(id) : undefined;
    return session && session.expiresAt > Date.now() ? session : undefined;
  }

  delete(id: string): void {
    this.sessions.delete(id);
  }

  clear(): void {
    this.sessions.clear();
  }
}
