import { Injectable } from '@nestjs/common';
import { decodeJwt } from 'jose';
import { DomainError } from '../../common/errors/domain-error.js';
import { GraphGateway } from '../../common/graph/graph-gateway.js';
import type { DelegatedTokens } from '../../common/identity/identity-platform.client.js';
import { MicrosoftError } from '../../common/microsoft/microsoft-error.js';
import { DELEGATED_SCOPES, GRAPH_APP_ID } from './permissions.js';

const GRAPH_AUDIENCES = [GRAPH_APP_ID, 'https://graph.microsoft.com', 'https://graph.microsoft.com/'];
const REQUIRED_SCOPES = DELEGATED_SCOPES.filter((scope) => scope.startsWith('https://')).map((scope) => scope.split('/').pop()!);

/**
 * Accepts a delegated Graph token obtained by the pop-up sign-in. Graph tokens are not ours to verify
 * cryptographically, so the token is checked by using it: Graph must answer /me and /organization
 * with the tenant the token names.
 */
@Injectable()
export class PopupTokenVerifier {
  constructor(private readonly graph: GraphGateway) {}

  async verify(accessToken: string): Promise<DelegatedTokens> {
    let claims: ReturnType<typeof decodeJwt>;
    try {
      claims = decodeJwt(accessToken);
    } catch {
      throw invalid('The pop-up sign-in returned something that is not an access token.');
    }
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.some((audience) => audience && GRAPH_AUDIENCES.includes(audience))) throw invalid('The token is not for Microsoft Graph.');
    if (!claims.exp || claims.exp * 1000 < Date.now() + 60_000) throw invalid('The token has expired; sign in again.');
    const scopes = String(claims.scp ?? '').split(' ');
    const missing = REQUIRED_SCOPES.filter((scope) => !scopes.includes(scope));
    if (missing.length) throw invalid(`The sign-in did not grant ${missing.join(', ')}. Sign in again and accept every permission.`);
    const tenantId = String(claims.tid ?? '');
    const session = this.graph.session(async () => accessToken);
    try {
      const [me, organization] = await Promise.all([
        session.get<{ userPrincipalName: string }>('/me?$select=id,userPrincipalName'),
        session.get<{ value: { id: string }[] }>('/organization?$select=id'),
      ]);
      if (organization.value[0]?.id !== tenantId) throw invalid('Microsoft Graph answered for another tenant than the token names.');
      return { accessToken, refreshToken: null, expiresAt: new Date(claims.exp * 1000), tenantId, username: me.userPrincipalName };
    } catch (error) {
      if (error instanceof MicrosoftError && (error.status === 401 || error.status === 403)) {
        throw invalid(`Microsoft Graph refused the token: ${error.message}`);
      }
      throw error;
    }
  }
}

function invalid(message: string): DomainError {
  return new DomainError('ONBOARDING_POPUP_TOKEN_INVALID', message);
}
