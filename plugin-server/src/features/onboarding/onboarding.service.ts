import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  OnboardingSettingsInputSchema,
  type Batch,
  type DisconnectOrganizationInput,
  type Organization,
  type UserSyncIntervalMinutes,
  type Onboarding,
  type OnboardingSettingsInput,
  type SignInConfig,
} from '@m365/contracts';
import { DomainError } from '../../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { Transactions } from '../../db/transactions.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { CustomersService } from '../customers/customers.service.js';
import { DevicesService } from '../devices/devices.service.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { PartnersService } from '../partners/partners.service.js';
import { DelegatedTokenStore } from './delegated-tokens.js';
import { OnboardingLifecycle } from './onboarding.lifecycle.js';
import { toBatch, toOnboarding } from './onboarding.mapper.js';
import { initialSteps } from './onboarding.progress.js';
import { OnboardingRepository, type OnboardingRow } from './onboarding.repository.js';
import { DELEGATED_SCOPES } from './permissions.js';
import { PopupTokenVerifier } from './popup-token.verifier.js';
import { SignInService } from './sign-in.service.js';

export type Starter = Pick<Principal, 'partnerId' | 'technicianId' | 'technicianName'>;

@Injectable()
export class OnboardingService {
  constructor(
    private readonly onboardings: OnboardingRepository,
    private readonly lifecycle: OnboardingLifecycle,
    private readonly signIn: SignInService,
    private readonly popup: PopupTokenVerifier,
    private readonly tokens: DelegatedTokenStore,
    private readonly customers: CustomersService,
    private readonly devices: DevicesService,
    private readonly organizations: OrganizationsService,
    private readonly partners: PartnersService,
    private readonly audit: AuditService,
    private readonly transactions: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A watched code is renewed if read within the watch window: stamping it again sooner than a tenth of that adds nothing. */
  private get watchRefreshMs(): number {
    return this.config.onboarding.codeWatchMs / 10;
  }

  list(partnerId: string, filter: { customerId?: string; batchId?: string; active?: boolean }): Onboarding[] {
    return this.onboardings.list(partnerId, filter).map((row) => this.view(row));
  }

  /** Reading an onboarding counts as watching it: only a watched code is renewed when it expires. */
  get(partnerId: string, onboardingId: string): Onboarding {
    const row = this.row(partnerId, onboardingId);
    this.onboardings.markWatched([row], new Date(), this.watchRefreshMs);
    return this.view(row);
  }

  async start(starter: Starter, customerId: string, settingsInput: OnboardingSettingsInput, batchId: string | null = null): Promise<Onboarding> {
    const settings = OnboardingSettingsInputSchema.parse(settingsInput);
    const customer = this.customers.get(starter.partnerId, customerId);
    const device = this.devices.resolveDefault(starter.partnerId, settings.defaultDeviceId);
    const active = this.onboardings.activeForCustomer(starter.partnerId, customerId);
    if (active) {
      throw new DomainError('ONBOARDING_ALREADY_ACTIVE', `${customer.name} is already being added; continue that onboarding.`, { onboardingId: active.id });
    }
    const live = this.organizations.findLiveByCustomer(starter.partnerId, customerId);
    if (live?.connectedAt) {
      throw new DomainError('CUSTOMER_ALREADY_CONNECTED', `${customer.name} already has a connected Microsoft 365 organization.`, { organizationId: live.id });
    }
    if (live) {
      throw new DomainError('ONBOARDING_ALREADY_ACTIVE', `${customer.name} has an onboarding that did not finish: retry or cancel it first.`, { onboardingId: live.onboardingId });
    }
    const now = new Date();
    const id = randomUUID();
    const organizationId = randomUUID();
    const fullSettings = { ...settings, defaultDeviceId: device.id };
    this.partners.ensure(starter.partnerId);
    try {
      this.transactions.run(() => {
        this.organizations.create({
          id: organizationId,
          partnerId: starter.partnerId,
          customerId,
          onboardingId: id,
          status: 'connecting',
          applicationName: settings.applicationName,
          licenseMode: settings.licenseMode,
          defaultDeviceId: device.id,
          syncIntervalMinutes: settings.userSyncIntervalMinutes,
        });
        this.onboardings.insert({
          id,
          partnerId: starter.partnerId,
          customerId,
          organizationId,
          batchId,
          technicianId: starter.technicianId,
          technicianName: starter.technicianName,
          status: 'awaiting_sign_in',
          currentStep: 'sign_in',
          steps: initialSteps(now),
          settings: fullSettings,
          watchedAt: now,
          nextRunAt: null,
        });
        this.audit.record({
          partnerId: starter.partnerId,
          kind: 'onboarding',
          organizationId,
          onboardingId: id,
          customerId,
          technicianId: starter.technicianId,
          consentedBy: null,
          tenantId: null,
          tenantName: null,
          applicationId: null,
          certificateThumbprint: null,
          certificateExpiresAt: null,
          startedAt: now,
          finishedAt: null,
          outcome: 'in_progress',
          details: { settings: fullSettings, technicianName: starter.technicianName, batchId },
        });
      });
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new DomainError('ONBOARDING_ALREADY_ACTIVE', `${customer.name} is already being added.`);
      }
      throw error;
    }
    return this.view(await this.issueCode(this.onboardings.getById(id)!, 0));
  }

  /** Disconnect, and when asked, start the sign-in that lets the plugin delete its application from the tenant. */
  async disconnect(principal: Principal, organizationId: string, input: DisconnectOrganizationInput): Promise<Organization> {
    const organization = this.organizations.disconnect(principal.partnerId, organizationId, input, principal);
    if (input.removeApplication && organization.applicationId) await this.startRemoval(principal, organizationId);
    return this.organizations.get(principal.partnerId, organizationId);
  }

  async startRemoval(starter: Starter, organizationId: string): Promise<Onboarding> {
    const organization = this.organizations.row(starter.partnerId, organizationId);
    if (organization.status !== 'disconnected' || !organization.applicationObjectId) {
      throw new DomainError('ONBOARDING_INVALID_TRANSITION', 'Only a disconnected organization with a registered application can have it removed.');
    }
    const active = this.onboardings.activeForCustomer(starter.partnerId, organization.customerId);
    if (active) throw new DomainError('ONBOARDING_ALREADY_ACTIVE', 'A sign-in for this customer is already in progress; finish or cancel it first.', { onboardingId: active.id });
    const now = new Date();
    const id = randomUUID();
    this.transactions.run(() => {
      this.onboardings.insert({
        id,
        partnerId: starter.partnerId,
        customerId: organization.customerId,
        organizationId,
        purpose: 'remove_application',
        technicianId: starter.technicianId,
        technicianName: starter.technicianName,
        status: 'awaiting_sign_in',
        currentStep: 'sign_in',
        steps: initialSteps(now, 'remove_application'),
        settings: {
          applicationName: organization.applicationName,
          licenseMode: organization.licenseMode,
          defaultDeviceId: organization.defaultDeviceId,
          userSyncIntervalMinutes: organization.syncIntervalMinutes as UserSyncIntervalMinutes,
        },
        watchedAt: now,
        nextRunAt: null,
      });
      this.organizations.update(organizationId, { onboardingId: id });
      this.audit.record({
        partnerId: starter.partnerId,
        kind: 'application_removal',
        organizationId,
        onboardingId: id,
        customerId: organization.customerId,
        technicianId: starter.technicianId,
        consentedBy: null,
        tenantId: organization.tenantId,
        tenantName: organization.tenantName,
        applicationId: organization.applicationAppId,
        certificateThumbprint: null,
        certificateExpiresAt: null,
        startedAt: now,
        finishedAt: null,
        outcome: 'in_progress',
        details: { technicianName: starter.technicianName },
      });
    });
    return this.view(await this.issueCode(this.onboardings.getById(id)!, 0));
  }

  async renewSignInCode(partnerId: string, onboardingId: string): Promise<Onboarding> {
    const current = this.row(partnerId, onboardingId);
    return this.view(
      await this.withLease(current.id, async () => {
        let row = this.onboardings.getById(current.id)!;
        if (row.status === 'failed' && row.failure?.step === 'sign_in') row = this.lifecycle.retry(row, true);
        if (row.status !== 'awaiting_sign_in') {
          throw new DomainError('ONBOARDING_INVALID_TRANSITION', 'The administrator has already signed in; there is no code to renew.');
        }
        return this.issueCode(row, row.codeRenewals + (row.userCode ? 1 : 0));
      }),
    );
  }

  async submitPopupSignIn(partnerId: string, onboardingId: string, accessToken: string): Promise<Onboarding> {
    let row = this.row(partnerId, onboardingId);
    const signInFailed = row.status === 'failed' && (row.failure?.step === 'sign_in' || row.failure?.action === 'use_popup' || row.failure?.action === 'new_code');
    if (row.status !== 'awaiting_sign_in' && !signInFailed) {
      throw new DomainError('ONBOARDING_INVALID_TRANSITION', 'This onboarding is not waiting for a sign-in.');
    }
    const tokens = await this.popup.verify(accessToken);
    return this.view(
      await this.withLease(row.id, async () => {
        row = this.onboardings.getById(row.id)!;
        if (row.status === 'failed') row = this.lifecycle.retry(row, true);
        if (row.status !== 'awaiting_sign_in') throw new DomainError('ONBOARDING_INVALID_TRANSITION', 'The administrator has already signed in.');
        return this.lifecycle.signedIn(row, tokens, 'popup', this.tokens.seal(row.id, tokens));
      }),
    );
  }

  confirmTenant(partnerId: string, onboardingId: string): Onboarding {
    const row = this.row(partnerId, onboardingId);
    if (row.status !== 'awaiting_confirmation') {
      throw new DomainError('ONBOARDING_INVALID_TRANSITION', 'This onboarding is not waiting for a tenant confirmation.');
    }
    return this.view(this.lifecycle.confirmTenant(row));
  }

  async retry(partnerId: string, onboardingId: string): Promise<Onboarding> {
    const row = this.row(partnerId, onboardingId);
    if (row.status !== 'failed') throw new DomainError('ONBOARDING_INVALID_TRANSITION', 'Only a failed onboarding can be retried.');
    const needsSignIn = row.failure?.step === 'sign_in' || row.failure?.action === 'new_code' || row.failure?.action === 'ask_global_admin' || !row.accessTokenEnc;
    return this.view(
      await this.withLease(row.id, async () => {
        const retried = this.lifecycle.retry(this.onboardings.getById(row.id)!, needsSignIn);
        return needsSignIn ? this.issueCode(retried, 0) : retried;
      }),
    );
  }

  cancel(partnerId: string, onboardingId: string, technicianId: string | null): Onboarding {
    const row = this.row(partnerId, onboardingId);
    if (row.status === 'connected' || row.status === 'cancelled') {
      throw new DomainError('ONBOARDING_NOT_ACTIVE', 'This onboarding has already ended.');
    }
    return this.view(this.lifecycle.cancel(row, technicianId));
  }

  async startBatch(starter: Starter, customerIds: string[], settings: OnboardingSettingsInput): Promise<Batch> {
    const batchId = randomUUID();
    const rejected: Batch['rejected'] = [];
    const parsed = OnboardingSettingsInputSchema.parse(settings);
    this.onboardings.insertBatch({ id: batchId, partnerId: starter.partnerId, technicianId: starter.technicianId, settings: parsed });
    for (const customerId of [...new Set(customerIds)]) {
      try {
        await this.start(starter, customerId, settings, batchId);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        rejected.push({ customerId, code: error.code, message: error.message });
      }
    }
    this.onboardings.updateBatch(batchId, { rejected });
    return this.getBatch(starter.partnerId, batchId);
  }

  getBatch(partnerId: string, batchId: string): Batch {
    const batch = this.onboardings.getBatch(partnerId, batchId);
    if (!batch) throw new DomainError('BATCH_NOT_FOUND', `Batch ${batchId} was not found.`);
    const rows = this.onboardings.list(partnerId, { batchId });
    this.onboardings.markWatched(rows, new Date(), this.watchRefreshMs);
    return toBatch(batch, rows.map((row) => this.view(row)));
  }

  listBatches(partnerId: string): Batch[] {
    return this.onboardings.listBatches(partnerId).map((batch) =>
      toBatch(batch, this.onboardings.list(partnerId, { batchId: batch.id }).map((row) => this.view(row))),
    );
  }

  signInConfig(): SignInConfig {
    const login = new URL(this.config.microsoft.loginUrl);
    return {
      clientId: this.config.microsoft.publicClientId,
      authority: `${login.origin}/organizations`,
      knownAuthorities: [login.host],
      scopes: [...DELEGATED_SCOPES],
      redirectUri: this.config.microsoft.popupRedirectUri ?? `${this.config.http.publicBaseUrl ?? ''}/ui/redirect-bridge.html`,
    };
  }

  private async issueCode(row: OnboardingRow, renewals: number): Promise<OnboardingRow> {
    const outcome = await this.signIn.newCode(row, renewals);
    if (outcome.kind === 'failed') return this.lifecycle.fail(row, 'sign_in', outcome.failure);
    if (outcome.kind === 'granted') return row;
    return this.onboardings.update(row.id, {
      ...outcome.patch,
      watchedAt: new Date(),
      steps: row.steps.map((step) => (step.step === 'sign_in' ? { ...step, state: 'running', message: outcome.message } : step)),
    });
  }

  /** Holds the engine off an onboarding while the API changes its code (the engine could renew it too). */
  private async withLease<T>(id: string, work: () => Promise<T>): Promise<T> {
    const owner = `api-${randomUUID()}`;
    const deadline = Date.now() + 10_000;
    while (!this.onboardings.acquireLease(id, owner, new Date(), new Date(Date.now() + 60_000))) {
      if (Date.now() > deadline) throw new DomainError('ONBOARDING_INVALID_TRANSITION', 'The onboarding is busy; try again in a moment.');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    try {
      return await work();
    } finally {
      this.onboardings.releaseLease(id, owner);
    }
  }

  private row(partnerId: string, onboardingId: string): OnboardingRow {
    const row = this.onboardings.get(partnerId, onboardingId);
    if (!row) throw new DomainError('ONBOARDING_NOT_FOUND', `Onboarding ${onboardingId} was not found.`, { onboardingId });
    return row;
  }

  private view(row: OnboardingRow): Onboarding {
    return toOnboarding(row, this.customers.find(row.partnerId, row.customerId)?.name ?? row.customerId);
  }
}
