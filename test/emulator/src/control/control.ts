import type { EmulatorContext } from '../context.js';
import type { FaultRecord, Faults } from '../faults/faults.js';
import { approve, authenticate, consentFor, decline, pendingEntry, UserCodeError } from '../identity/device-flow.js';
import { SignInError, type SignInProblem } from '../identity/sign-in.js';
import type { Timing } from '../identity/tokens.js';
import type { PublicClientOptions } from '../store/directory.js';
import { resolveSeed, type Seed, type SeedUser } from '../store/seed.js';
import type { Tenant } from '../store/tenant.js';
import { SeedError } from '../store/tenant-factory.js';
import { ControlError } from './errors.js';
import { tenantState, tenantSummary, type TenantState, type TenantSummary } from './state.js';
import { addUser, deleteUser, getUser, restoreUser, updateUser, type ControlUser, type UserChanges } from './users.js';

export interface DeviceCodeCompletion {
  status: 'approved';
  userCode: string;
  tenantId: string;
  userId: string;
  userPrincipalName: string;
  scopes: string[];
}

export interface PendingDeviceCode {
  userCode: string;
  clientId: string;
  tenant: string;
  scopes: string[];
  expiresAt: string;
}

const PROBLEM_STATUS: Record<SignInProblem, number> = {
  personal_account: 400, unknown_domain: 404, unknown_user: 404, wrong_password: 401, disabled: 403, other_tenant: 403,
  blocked_by_conditional_access: 403, admin_consent_required: 403,
};

/**
 * In-process handle on a running emulator; every method also exists under /_emulator (control/routes.ts).
 * Tenants are named by id or any verified domain.
 */
export class EmulatorControl {
  constructor(private readonly ctx: EmulatorContext, private readonly initialFaults: Faults, private readonly initialTiming: Timing) {}

  private tenantOf(idOrDomain: string): Tenant {
    const tenant = this.ctx.directory.tenant(idOrDomain);
    if (!tenant) throw new ControlError(404, 'tenant_not_found', `No tenant ${idOrDomain}`);
    return tenant;
  }

  /** Back to the current seed: directory, sign-ins, tokens, faults and timing as at start. */
  reset(): void {
    this.ctx.directory.load(this.ctx.seed);
    this.ctx.deviceCodes.clear();
    this.ctx.authorizationCodes.clear();
    this.ctx.refreshTokens.clear();
    this.ctx.pagePrefetcher.clear();
    this.ctx.flows.clear();
    this.ctx.faults.set(this.initialFaults);
    Object.assign(this.ctx.issuer.timing, this.initialTiming);
  }

  /** Replaces the directory with another seed (object or JSON file path); it becomes the seed `reset` returns to. */
  loadSeed(seed: Seed | string): void {
    try {
      const resolved = resolveSeed(seed);
      this.ctx.directory.load(resolved);
      this.ctx.pagePrefetcher.clear();
      this.ctx.seed = resolved;
    } catch (err) {
      if (err instanceof SeedError || err instanceof SyntaxError) throw new ControlError(400, 'invalid_seed', err.message);
      throw err;
    }
  }

  setFaults(faults: Faults): Faults {
    try {
      this.ctx.faults.set(faults);
    } catch (err) {
      throw new ControlError(400, 'invalid_faults', (err as Error).message);
    }
    return this.ctx.faults.get();
  }

  getFaults(): Faults {
    return this.ctx.faults.get();
  }

  /** Faults injected since the faults were last set: kind, request, status, Retry-After, delay. */
  faultLog(): FaultRecord[] {
    return this.ctx.faults.log();
  }

  setTiming(timing: Partial<Timing>): Timing {
    Object.assign(this.ctx.issuer.timing, timing);
    return { ...this.ctx.issuer.timing };
  }

  getTiming(): Timing {
    return { ...this.ctx.issuer.timing };
  }

  setPublicClient(options: PublicClientOptions): PublicClientOptions {
    this.ctx.directory.setPublicClient(options);
    return this.getPublicClient();
  }

  getPublicClient(): Required<PublicClientOptions> {
    const app = this.ctx.directory.publicClient;
    return { clientId: app.appId, displayName: app.displayName, spaRedirectUris: [...app.spa.redirectUris], publicClientRedirectUris: [...app.publicClient.redirectUris] };
  }

  tenants(): TenantSummary[] {
    return [...this.ctx.directory.tenants.values()].map(tenantSummary);
  }

  /** Applications, service principals, role assignments, credentials and consent grants of one tenant. */
  tenantState(tenant: string): TenantState {
    return tenantState(this.tenantOf(tenant));
  }

  addUser(tenant: string, user: SeedUser): ControlUser {
    return addUser(this.tenantOf(tenant), user);
  }

  getUser(tenant: string, user: string): ControlUser {
    return getUser(this.tenantOf(tenant), user);
  }

  updateUser(tenant: string, user: string, changes: UserChanges): ControlUser {
    return updateUser(this.tenantOf(tenant), user, changes);
  }

  disableUser(tenant: string, user: string): ControlUser {
    return updateUser(this.tenantOf(tenant), user, { accountEnabled: false });
  }

  /** Soft delete by default (delta reports @removed reason "changed"); permanent gives reason "deleted". */
  deleteUser(tenant: string, user: string, options: { permanent?: boolean } = {}): void {
    deleteUser(this.tenantOf(tenant), user, options.permanent ?? false);
  }

  restoreUser(tenant: string, user: string): ControlUser {
    return restoreUser(this.tenantOf(tenant), user);
  }

  /** Every delta link of the tenant answers 410 resync from now on. */
  expireDeltaTokens(tenant: string): void {
    this.tenantOf(tenant).deltaEpoch += 1;
  }

  pendingDeviceCodes(): PendingDeviceCode[] {
    return this.ctx.deviceCodes.pending().map((e) => ({
      userCode: e.userCode, clientId: e.clientId, tenant: e.segmentName, scopes: [...e.requested.graph, ...e.requested.oidc],
      expiresAt: new Date(e.expiresAt).toISOString(),
    }));
  }

  /**
   * Signs `email` in for a pending code as the pages would, consent included. Password is checked only when given.
   * Conditional Access blocks the code for good; a user who may not consent leaves it pending, as on the real page.
   */
  completeDeviceCode(userCode: string, user: { email: string; password?: string }): DeviceCodeCompletion {
    if (typeof user?.email !== 'string') throw new ControlError(400, 'invalid_request', 'email is required');
    try {
      const entry = pendingEntry(this.ctx, userCode);
      const account = authenticate(this.ctx, entry, user.email, user.password);
      const consent = consentFor(this.ctx, entry, account);
      approve(this.ctx, entry, account, consent);
      return {
        status: 'approved', userCode: entry.userCode, tenantId: account.tenant.id, userId: account.user.id,
        userPrincipalName: account.user.userPrincipalName, scopes: consent.scopes,
      };
    } catch (err) {
      throw this.translate(err);
    }
  }

  declineDeviceCode(userCode: string): void {
    try {
      decline(pendingEntry(this.ctx, userCode));
    } catch (err) {
      throw this.translate(err);
    }
  }

  private translate(err: unknown): unknown {
    if (err instanceof UserCodeError) return new ControlError(err.problem === 'invalid_code' ? 404 : 409, err.problem, err.message);
    if (err instanceof SignInError) return new ControlError(PROBLEM_STATUS[err.problem], err.problem, err.message, err.aadsts);
    return err;
  }
}
