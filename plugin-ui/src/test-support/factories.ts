import {
  ONBOARDING_STEPS,
  type Batch,
  type Customer,
  type Device,
  type Onboarding,
  type Organization,
  type SharedOnboarding,
  type OrganizationUser,
  type SyncRun,
} from '@m365/contracts';

const NOW = '2026-03-02T10:00:00.000Z';

export function organization(overrides: Partial<Organization> = {}): Organization {
  return {
    id: 'org-1',
    customerId: 'cust-contoso',
    customerName: 'Contoso',
    tenantId: '11111111-2222-4333-8444-555555555555',
    tenantName: 'Contoso Ltd',
    primaryDomain: 'contoso.com',
    status: 'connected',
    onboardingId: 'onb-1',
    attention: null,
    settings: {
      applicationName: 'Backup for Microsoft 365',
      licenseMode: 'automatic',
      defaultDeviceId: 'dev-main',
      userSyncIntervalMinutes: 60,
    },
    defaultDeviceName: 'BACKUP-01',
    userCount: 120,
    licensedCount: 98,
    applicationId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
    certificate: null,
    lastSync: { at: NOW, status: 'succeeded', message: null },
    nextSyncAt: '2026-03-02T11:00:00.000Z',
    connectedAt: NOW,
    disconnectedAt: null,
    ...overrides,
  };
}

export function device(overrides: Partial<Device> = {}): Device {
  return {
    id: 'dev-main',
    name: 'BACKUP-01',
    status: 'online',
    lastSeenAt: NOW,
    isMain: true,
    assignedOrganizations: 0,
    ...overrides,
  };
}

export function customer(overrides: Partial<Customer> = {}): Customer {
  return {
    id: 'cust-contoso',
    name: 'Contoso',
    domains: ['contoso.com'],
    organizationId: null,
    organizationStatus: null,
    activeOnboardingId: null,
    ...overrides,
  };
}

export function onboarding(overrides: Partial<Onboarding> = {}): Onboarding {
  return {
    id: 'onb-1',
    purpose: 'connect',
    customerId: 'cust-contoso',
    customerName: 'Contoso',
    batchId: null,
    status: 'awaiting_sign_in',
    currentStep: 'sign_in',
    steps: ONBOARDING_STEPS.map((step) => ({
      step,
      state: step === 'sign_in' ? 'running' : 'pending',
      message: null,
      attempts: 0,
      startedAt: step === 'sign_in' ? NOW : null,
      finishedAt: null,
      waitUntil: null,
    })),
    signIn: {
      userCode: 'ABCD-EFGH',
      verificationUri: 'https://login.example/devicelogin',
      expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
      issuedAt: new Date().toISOString(),
      renewals: 0,
    },
    settings: {
      applicationName: 'Backup for Microsoft 365',
      licenseMode: 'automatic',
      defaultDeviceId: 'dev-main',
      userSyncIntervalMinutes: 60,
    },
    tenant: null,
    consentedBy: null,
    domainMismatch: null,
    organizationId: null,
    failure: null,
    summary: null,
    createdAt: NOW,
    updatedAt: NOW,
    finishedAt: null,
    ...overrides,
  };
}

export function user(index: number, overrides: Partial<OrganizationUser> = {}): OrganizationUser {
  return {
    id: `user-${index}`,
    userPrincipalName: `user${index}@contoso.com`,
    displayName: `User ${index}`,
    mail: `user${index}@contoso.com`,
    accountEnabled: true,
    userType: 'member',
    isSharedMailbox: false,
    hasMailbox: true,
    hasOneDrive: true,
    deletedInTenant: false,
    eligible: true,
    licensed: false,
    licensedAt: null,
    unlicensedReason: 'manual_mode',
    firstSeenAt: NOW,
    lastSeenAt: NOW,
    ...overrides,
  };
}

export function syncRun(overrides: Partial<SyncRun> = {}): SyncRun {
  return {
    id: 'run-1',
    organizationId: 'org-1',
    kind: 'delta',
    trigger: 'scheduled',
    status: 'succeeded',
    queuedAt: NOW,
    startedAt: NOW,
    finishedAt: '2026-03-02T10:00:42.000Z',
    usersAdded: 3,
    usersChanged: 1,
    usersRemoved: 0,
    pages: 1,
    requests: 2,
    throttleWaits: 0,
    throttleWaitMs: 0,
    error: null,
    ...overrides,
  };
}

export function batch(items: Onboarding[], overrides: Partial<Batch> = {}): Batch {
  const count = (...statuses: Onboarding['status'][]) => items.filter((item) => statuses.includes(item.status)).length;
  return {
    id: 'batch-1',
    createdAt: NOW,
    settings: { applicationName: 'Backup for Microsoft 365', licenseMode: 'automatic', userSyncIntervalMinutes: 60 },
    items: items.map((item) => ({ ...item, batchId: 'batch-1' })),
    rejected: [],
    counts: {
      total: items.length,
      awaitingSignIn: count('awaiting_sign_in'),
      queued: count('queued'),
      configuring: count('configuring', 'awaiting_confirmation'),
      connected: count('connected'),
      failed: count('failed', 'cancelled'),
    },
    ...overrides,
  };
}

export function sharedOnboarding(overrides: Partial<SharedOnboarding> = {}): SharedOnboarding {
  const { customerName, status, signIn, steps } = onboarding();
  return {
    customerName,
    status,
    signIn,
    steps,
    failureMessage: null,
    linkExpiresAt: '2026-03-05T10:00:00.000Z',
    ...overrides,
  };
}
