import { createStandardPublicClientApplication } from '@azure/msal-browser';
import type { SignInConfig } from '@m365/contracts';

/**
 * The pop-up sign-in (authorization code + PKCE) with @azure/msal-browser; this module is imported
 * only when the technician chooses it, so msal-browser stays out of the initial bundle. Resolves to
 * the delegated access token the server continues the onboarding with.
 */
export async function signInWithPopup(config: SignInConfig): Promise<string> {
  const client = await createStandardPublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      knownAuthorities: config.knownAuthorities,
      redirectUri: config.redirectUri,
    },
    // Nothing persists: the token goes to the server and the tab keeps no Microsoft session.
    cache: { cacheLocation: 'memoryStorage' },
  });
  try {
    const result = await client.loginPopup({ scopes: config.scopes, prompt: 'select_account' });
    return result.accessToken;
  } finally {
    await client.clearCache().catch(() => undefined);
  }
}

/** True when the browser blocked the pop-up window (msal's `popup_window_error`). */
export function isPopupBlocked(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { errorCode?: string }).errorCode === 'popup_window_error';
}
