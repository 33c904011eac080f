import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onboard } from '../support/onboard.js';
import { SEED_PASSWORD, startStack, type Stack } from '../support/stack.js';

describe('/api/v1/onboardings', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.close());

  it('should connect Contoso end to end with exactly one app, service principal and credential', async () => {
    const customer = stack.customerFor('contoso.com');
    const started = await stack.api.onboarding.startOnboarding({
      body: { customerId: customer.id, settings: { applicationName: 'Acme Backup', licenseMode: 'automatic' } },
    });
    expect(started.status).toBe(201);
    if (started.status !== 201) return;
    expect(started.body.status).toBe('awaiting_sign_in');
    expect(started.body.signIn?.userCode).toMatch(/^[A-Z0-9]{6,}$/);

    stack.emulator.control.completeDeviceCode(started.body.signIn!.userCode, { email: 'admin@contoso.com', password: SEED_PASSWORD });
    const connected = await stack.waitFor(started.body.id, (onboarding) => ['connected', 'failed'].includes(onboarding.status));
    expect(connected.failure).toBeNull();
    expect(connected.status).toBe('connected');
    expect(connected.steps.every((step) => step.state === 'done')).toBe(true);
    expect(connected.summary?.usersFound).toBeGreaterThan(40);
    expect(connected.summary?.usersLicensed).toBeGreaterThan(0);

    const tenant = stack.emulator.control.tenantState('contoso.com');
    expect(tenant.applications).toHaveLength(1);
    expect(tenant.applications[0]!.displayName).toBe('Acme Backup');
    expect(tenant.applications[0]!.keyCredentials).toHaveLength(1);
    const ours = tenant.servicePrincipals.filter((sp) => sp.appId === tenant.applications[0]!.appId);
    expect(ours).toHaveLength(1);
    expect(tenant.appRoleAssignments.filter((assignment) => assignment.principalId === ours[0]!.id)).toHaveLength(6);

    const organization = await stack.api.organizations.getOrganization({ params: { organizationId: connected.organizationId! } });
    expect(organization.status).toBe(200);
    if (organization.status !== 200) return;
    expect(organization.body).toMatchObject({ status: 'connected', tenantName: 'Contoso', applicationId: tenant.applications[0]!.appId });
    expect(organization.body.userCount).toBe(connected.summary!.usersFound);

    const audit = await stack.api.organizations.listAuditRecords({ params: { organizationId: connected.organizationId! } });
    expect(audit.status).toBe(200);
    if (audit.status !== 200) return;
    const record = audit.body.items.find((item) => item.kind === 'onboarding')!;
    expect(record).toMatchObject({
      technicianId: 'tech-dev',
      consentedBy: 'admin@contoso.com',
      tenantId: tenant.tenant.id,
      tenantName: 'Contoso',
      applicationId: tenant.applications[0]!.appId,
      outcome: 'connected',
      certificate: { thumbprintSha256: tenant.applications[0]!.keyCredentials[0]!.sha256Thumbprint },
    });
    expect(record.permissionsGranted).toEqual(expect.arrayContaining(['User.Read.All', 'Mail.ReadWrite', 'Files.ReadWrite.All']));
    expect(Date.parse(record.certificate!.expiresAt) - Date.now()).toBeGreaterThan(360 * 24 * 3600_000);
    expect(Date.parse(record.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(record.startedAt));
  });

  it('should disconnect (credential deleted, audit kept) and reconnect the same application', async () => {
    const customer = stack.customerFor('contoso.com');
    const organizations = await stack.api.organizations.listOrganizations({ query: { customerId: customer.id } });
    if (organizations.status !== 200) throw new Error('list failed');
    const organizationId = organizations.body.items[0]!.id;
    const disconnected = await stack.api.organizations.disconnectOrganization({ params: { organizationId }, body: { reason: 'customer left' } });
    expect(disconnected).toMatchObject({ status: 200, body: { status: 'disconnected' } });
    const technician = await stack.client('technician');
    const forbidden = await technician.organizations.disconnectOrganization({ params: { organizationId }, body: {} });
    expect(forbidden).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });

    const again = await onboard(stack, 'contoso.com', 'admin@contoso.com', { applicationName: 'Acme Backup' });
    expect(again.status).toBe('connected');
    const tenant = stack.emulator.control.tenantState('contoso.com');
    expect(tenant.applications).toHaveLength(1);
    expect(tenant.applications[0]!.keyCredentials).toHaveLength(1);
    expect(tenant.servicePrincipals.filter((sp) => sp.appId === tenant.applications[0]!.appId)).toHaveLength(1);
    const audit = await stack.api.organizations.listAuditRecords({ params: { organizationId } });
    expect(audit.status === 200 && audit.body.items.map((item) => item.kind)).toEqual(expect.arrayContaining(['disconnect', 'onboarding']));
  });
});
