import type { Batch, Onboarding, UserSyncIntervalMinutes } from '@m365/contracts';
import type { OnboardingBatchRow, OnboardingRow } from './onboarding.repository.js';

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function toOnboarding(row: OnboardingRow, customerName: string): Onboarding {
  const awaitingSignIn = row.status === 'awaiting_sign_in' && row.userCode && row.verificationUri && row.codeExpiresAt;
  return {
    id: row.id,
    purpose: row.purpose,
    customerId: row.customerId,
    customerName,
    batchId: row.batchId,
    status: row.status,
    currentStep: row.currentStep,
    steps: row.steps,
    signIn: awaitingSignIn
      ? {
          userCode: row.userCode!,
          verificationUri: row.verificationUri!,
          expiresAt: row.codeExpiresAt!.toISOString(),
          issuedAt: (row.codeIssuedAt ?? row.createdAt).toISOString(),
          renewals: row.codeRenewals,
        }
      : null,
    settings: {
      applicationName: row.settings.applicationName,
      licenseMode: row.settings.licenseMode,
      defaultDeviceId: row.settings.defaultDeviceId,
      userSyncIntervalMinutes: row.settings.userSyncIntervalMinutes as UserSyncIntervalMinutes,
    },
    tenant: row.tenant,
    consentedBy: row.consentedBy,
    domainMismatch: row.status === 'awaiting_confirmation' ? row.domainMismatch : null,
    organizationId: row.organizationId,
    failure: row.status === 'failed' ? row.failure : null,
    summary: row.summary,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    finishedAt: iso(row.finishedAt),
  };
}

export function toBatch(batch: OnboardingBatchRow, items: Onboarding[]): Batch {
  const count = (...statuses: Onboarding['status'][]) => items.filter((item) => statuses.includes(item.status)).length;
  return {
    id: batch.id,
    createdAt: batch.createdAt.toISOString(),
    settings: batch.settings,
    items,
    rejected: batch.rejected,
    counts: {
      total: items.length,
      awaitingSignIn: count('awaiting_sign_in', 'awaiting_confirmation'),
      queued: count('queued'),
      configuring: count('configuring'),
      connected: count('connected'),
      failed: count('failed', 'cancelled'),
    },
  };
}
