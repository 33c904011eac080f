import { PublicClientApplication, type AuthenticationResult } from '@azure/msal-node';
import type { RunningEmulator } from '../emulator.js';
import { EMULATOR_PUBLIC_CLIENT_ID } from '../store/directory.js';
import { host, ONBOARDING_SCOPES, PASSWORD } from './helpers.js';

export function publicClient(emu: RunningEmulator, tenant = 'organizations'): PublicClientApplication {
  return new PublicClientApplication({
    auth: { clientId: EMULATOR_PUBLIC_CLIENT_ID, authority: `${emu.url}/${tenant}`, knownAuthorities: [host(emu)] },
  });
}

/** msal-node's device code flow, with the sign-in completed through the control API after the first pending poll. */
export async function signInWithDeviceCode(emu: RunningEmulator, email: string, tenant = 'organizations'): Promise<AuthenticationResult> {
  const result = await publicClient(emu, tenant).acquireTokenByDeviceCode({
    scopes: ONBOARDING_SCOPES,
    deviceCodeCallback: (response) => {
      setTimeout(() => emu.control.completeDeviceCode(response.userCode, { email, password: PASSWORD }), 300);
    },
  });
  if (!result) throw new Error('msal-node returned no result');
  return result;
}

