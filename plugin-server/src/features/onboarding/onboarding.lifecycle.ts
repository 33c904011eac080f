import { Injectable } from '@nestjs/common';
import type { OnboardingStep } from '@m365/contracts';
import type { DelegatedTokens } from '../../common/identity/identity-platform.client.js';
import { Transactions } from '../../db/transactions.js';
import { AuditService } from '../audit/audit.service.js';
import { EventsService } from '../events/events.service.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { nextSyncAfter } from '../sync/sync-schedule.util.js';
import { DelegatedTokenStore } from './delegated-tokens.js';
import { OnboardingRepository, type OnboardingPatch, type OnboardingRow } from './onboarding.repository.js';
import { resetFrom, withStep } from './onboarding.progress.js';
import { APPLICATION_PERMISSIONS } from './permissions.js';
import type { StepFailure } from './steps/step.js';

const NO_DEVICE_CODE: OnboardingPatch = { deviceCodeEnc: null, userCode: null, verificationUri: null, codeExpiresAt: null, codeIssuedAt: null };

/**
 * The onboarding's state transitions. Each one changes the onboarding, its organization and its audit
 * record in one transaction, so they never disagree after a crash.
 */
@Injectable()
export class OnboardingLifecycle {
  constructor(
    private readonly onboardings: OnboardingRepository,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
    private readonly events: EventsService,
    private readonly transactions: Transactions,
  ) {}

  signedIn(row: OnboardingRow, tokens: DelegatedTokens, method: 'device_code' | 'popup', sealedTokens: OnboardingPatch): OnboardingRow {
    const now = new Date();
    return this.transactions.run(() => {
      this.audit.updateOnboarding(row.id, { consentedBy: tokens.username, tenantId: tokens.tenantId || null });
      return this.onboardings.update(row.id, {
        ...NO_DEVICE_CODE,
        ...sealedTokens,
        signInMethod: method,
        signInTenantId: tokens.tenantId || null,
        consentedBy: tokens.username,
        status: 'queued',
        currentStep: 'verify',
        failure: null,
        nextRunAt: now,
        steps: withStep(row.steps, 'sign_in', {
          state: 'done',
          message: `Signed in${tokens.username ? ` as ${tokens.username}` : ''}.`,
          finishedAt: now.toISOString(),
          waitUntil: null,
        }),
      });
    });
  }

  awaitConfirmation(row: OnboardingRow, message: string): OnboardingRow {
    return this.onboardings.update(row.id, {
      status: 'awaiting_confirmation',
      nextRunAt: null,
      steps: withStep(row.steps, row.currentStep, { state: 'waiting', message, waitUntil: null }),
    });
  }

  confirmTenant(row: OnboardingRow): OnboardingRow {
    return this.onboardings.update(row.id, { tenantConfirmed: true, status: 'queued', nextRunAt: new Date() });
  }

  fail(row: OnboardingRow, step: OnboardingStep, failure: StepFailure): OnboardingRow {
    const now = new Date();
    return this.transactions.run(() => {
      this.audit.updateOnboarding(row.id, { outcome: 'failed', finishedAt: now, details: { failure: { ...failure, step } } });
      // A failed removal leaves the organization disconnected as it was; only connecting changes it.
      if (row.purpose === 'connect') {
        this.organizations.update(row.organizationId, {
          status: row.tenant ? 'needs_attention' : 'connecting',
          attentionReason: 'onboarding_failed',
          attentionMessage: failure.message,
          attentionSince: now,
        });
        this.events.emit(row.partnerId, 'organization.failed', { customerId: row.customerId, onboardingId: row.id, code: failure.code, message: failure.message }, row.organizationId);
      }
      return this.onboardings.update(row.id, {
        ...NO_DEVICE_CODE,
        status: 'failed',
        failure: { ...failure, step },
        nextRunAt: null,
        finishedAt: now,
        steps: withStep(row.steps, step, { state: 'failed', message: failure.message, waitUntil: null, finishedAt: now.toISOString() }),
      });
    });
  }

  complete(row: OnboardingRow): OnboardingRow {
    if (row.purpose === 'remove_application') return this.completeRemoval(row);
    const now = new Date();
    const organization = this.organizations.byId(row.organizationId)!;
    return this.transactions.run(() => {
      this.organizations.update(row.organizationId, {
        status: 'connected',
        connectedAt: now,
        attentionReason: null,
        attentionMessage: null,
        attentionSince: null,
        lastSyncAt: now,
        lastSyncStatus: 'succeeded',
        lastSyncMessage: null,
        nextSyncAt: nextSyncAfter(now, organization.syncIntervalMinutes),
      });
      this.audit.updateOnboarding(row.id, {
        outcome: 'connected',
        finishedAt: now,
        organizationId: row.organizationId,
        tenantId: row.tenant?.tenantId ?? null,
        tenantName: row.tenant?.displayName ?? null,
        consentedBy: row.consentedBy,
        applicationId: row.applicationAppId,
        permissionsGranted: APPLICATION_PERMISSIONS.map((permission) => permission.value),
        certificateThumbprint: row.certificateThumbprint,
        certificateExpiresAt: row.certificateExpiresAt,
        details: { signInMethod: row.signInMethod, summary: row.summary, codeRenewals: row.codeRenewals },
      });
      this.events.emit(
        row.partnerId,
        'organization.connected',
        {
          organizationId: row.organizationId,
          customerId: row.customerId,
          tenantId: row.tenant?.tenantId ?? null,
          tenantName: row.tenant?.displayName ?? '',
          usersFound: row.summary?.usersFound ?? 0,
          usersLicensed: row.summary?.usersLicensed ?? 0,
        },
        row.organizationId,
      );
      // The delegated token and the onboarding's copy of the key end with the onboarding.
      return this.onboardings.update(row.id, {
        ...NO_DEVICE_CODE,
        ...DelegatedTokenStore.cleared,
        certificateKeyEnc: null,
        status: 'connected',
        failure: null,
        nextRunAt: null,
        finishedAt: now,
      });
    });
  }

  private completeRemoval(row: OnboardingRow): OnboardingRow {
    const now = new Date();
    const organization = this.organizations.byId(row.organizationId)!;
    return this.transactions.run(() => {
      this.audit.updateOnboarding(row.id, {
        outcome: 'removed',
        finishedAt: now,
        consentedBy: row.consentedBy,
        tenantId: organization.tenantId,
        tenantName: organization.tenantName,
        applicationId: organization.applicationAppId,
        details: { applicationObjectId: organization.applicationObjectId },
      });
      this.events.emit(
        row.partnerId,
        'organization.disconnected',
        { organizationId: organization.id, customerId: organization.customerId, tenantId: organization.tenantId, applicationRemoved: true },
        organization.id,
      );
      return this.onboardings.update(row.id, { ...NO_DEVICE_CODE, ...DelegatedTokenStore.cleared, status: 'connected', failure: null, nextRunAt: null, finishedAt: now });
    });
  }

  cancel(row: OnboardingRow, technicianId: string | null): OnboardingRow {
    const now = new Date();
    return this.transactions.run(() => {
      // A removal leaves the already disconnected organization as it is.
      const connecting = row.purpose === 'connect';
      const touchedTenant = row.applicationObjectId !== null;
      if (connecting && touchedTenant) {
        this.organizations.update(row.organizationId, { status: 'disconnected', disconnectedAt: now, certificateKeyEnc: null, nextSyncAt: null });
      } else if (connecting) {
        this.organizations.discard(row.organizationId);
      }
      this.audit.updateOnboarding(row.id, {
        outcome: 'cancelled',
        finishedAt: now,
        organizationId: touchedTenant || !connecting ? row.organizationId : null,
        details: { cancelledBy: technicianId, applicationLeftInTenant: connecting && touchedTenant ? row.applicationAppId : null },
      });
      return this.onboardings.update(row.id, {
        ...NO_DEVICE_CODE,
        ...DelegatedTokenStore.cleared,
        certificateKeyEnc: null,
        status: 'cancelled',
        nextRunAt: null,
        finishedAt: now,
        steps: withStep(row.steps, row.currentStep, { state: 'failed', message: 'Cancelled by the technician.', waitUntil: null }),
      });
    });
  }

  /** Back to work after a failure: from the failed step, or from a new sign-in when the token is gone. */
  retry(row: OnboardingRow, restartSignIn: boolean): OnboardingRow {
    const now = new Date();
    const from: OnboardingStep = restartSignIn ? 'sign_in' : (row.failure?.step ?? row.currentStep);
    return this.transactions.run(() => {
      if (row.purpose === 'connect') {
        this.organizations.update(row.organizationId, {
          status: row.tenant && !restartSignIn ? 'configuring' : 'connecting',
          attentionReason: null,
          attentionMessage: null,
          attentionSince: null,
        });
      }
      this.audit.updateOnboarding(row.id, { outcome: 'in_progress', finishedAt: null });
      const steps = resetFrom(row.steps, from);
      return this.onboardings.update(row.id, {
        status: restartSignIn ? 'awaiting_sign_in' : 'queued',
        currentStep: restartSignIn ? 'sign_in' : from,
        failure: null,
        finishedAt: null,
        // A restarted sign-in waits for its new code before the engine may poll.
        nextRunAt: restartSignIn ? null : now,
        ...(restartSignIn ? { ...NO_DEVICE_CODE, ...DelegatedTokenStore.cleared, codeRenewals: 0 } : {}),
        steps: restartSignIn
          ? withStep(steps, 'sign_in', { state: 'running', message: 'Requesting a sign-in code from Microsoft.', startedAt: now.toISOString(), attempts: 0 })
          : steps,
      });
    });
  }
}
