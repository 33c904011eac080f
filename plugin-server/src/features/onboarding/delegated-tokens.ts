import { Injectable } from '@nestjs/common';
import { bindingOf, SecretBox } from '../../common/crypto/secret-box.js';
import { IdentityPlatformClient, type DelegatedTokens } from '../../common/identity/identity-platform.client.js';
import type { OnboardingPatch, OnboardingRow } from './onboarding.repository.js';
import { DELEGATED_SCOPES } from './permissions.js';

const REFRESH_MARGIN_MS = 3 * 60_000;

/** The admin's delegated tokens: sealed to their onboarding row, refreshed before they expire. */
@Injectable()
export class DelegatedTokenStore {
  constructor(
    private readonly secrets: SecretBox,
    private readonly identity: IdentityPlatformClient,
  ) {}

  seal(onboardingId: string, tokens: Pick<DelegatedTokens, 'accessToken' | 'refreshToken' | 'expiresAt'>): OnboardingPatch {
    return {
      accessTokenEnc: this.secrets.seal(tokens.accessToken, bindingOf('onboarding', onboardingId, 'access_token_enc')),
      refreshTokenEnc: tokens.refreshToken
        ? this.secrets.seal(tokens.refreshToken, bindingOf('onboarding', onboardingId, 'refresh_token_enc'))
        : null,
      accessTokenExpiresAt: tokens.expiresAt,
    };
  }

  /** A usable access token, refreshing (and saving) it first when it is about to expire; null when none is left. */
  async accessToken(row: OnboardingRow, save: (patch: OnboardingPatch) => OnboardingRow): Promise<string | null> {
    if (!row.accessTokenEnc || !row.accessTokenExpiresAt) return null;
    if (row.accessTokenExpiresAt.getTime() - Date.now() > REFRESH_MARGIN_MS) {
      return this.secrets.open(row.accessTokenEnc, bindingOf('onboarding', row.id, 'access_token_enc'));
    }
    if (!row.refreshTokenEnc) {
      return row.accessTokenExpiresAt.getTime() > Date.now() ? this.secrets.open(row.accessTokenEnc, bindingOf('onboarding', row.id, 'access_token_enc')) : null;
    }
    const refreshToken = this.secrets.open(row.refreshTokenEnc, bindingOf('onboarding', row.id, 'refresh_token_enc'));
    const tokens = await this.identity.refresh(refreshToken, DELEGATED_SCOPES);
    save(this.seal(row.id, { ...tokens, refreshToken: tokens.refreshToken ?? refreshToken }));
    return tokens.accessToken;
  }

  static readonly cleared: OnboardingPatch = { accessTokenEnc: null, refreshTokenEnc: null, accessTokenExpiresAt: null };
}
