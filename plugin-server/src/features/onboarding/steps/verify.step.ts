import { Injectable } from '@nestjs/common';
import type { TenantSummary } from '@m365/contracts';
import { CustomersService } from '../../customers/customers.service.js';
import { OrganizationsService } from '../../organizations/organizations.service.js';
import { DIRECTORY_ROLES, ROLES_THAT_CAN_CONSENT, ROLES_THAT_CAN_DELETE_APPLICATIONS } from '../permissions.js';
import { done, fail, type OnboardingStepHandler, type StepContext, type StepResult } from './step.js';

interface GraphOrganization {
  id: string;
  displayName: string;
  verifiedDomains?: { name: string; isDefault?: boolean; isInitial?: boolean }[];
}

/** Who signed in, into which tenant, with which role; and is this the tenant the technician meant. */
@Injectable()
export class VerifyStep implements OnboardingStepHandler {
  readonly step = 'verify' as const;
  readonly expectReplication = false;

  constructor(
    private readonly organizations: OrganizationsService,
    private readonly customers: CustomersService,
  ) {}

  async run(context: StepContext): Promise<StepResult> {
    const graph = await context.delegatedGraph();
    const row = context.onboarding;
    const [{ value: orgs }, me, roles] = await Promise.all([
      graph.get<{ value: GraphOrganization[] }>('/organization?$select=id,displayName,verifiedDomains'),
      graph.get<{ id: string; userPrincipalName: string; displayName?: string }>('/me?$select=id,userPrincipalName,displayName'),
      graph.get<{ value: { roleTemplateId: string; displayName: string }[] }>(
        '/me/memberOf/microsoft.graph.directoryRole?$select=id,displayName,roleTemplateId',
      ),
    ]);
    const tenant = orgs[0];
    if (!tenant) {
      return fail({ code: 'ONBOARDING_SIGN_IN_PERSONAL_ACCOUNT', message: 'The account that signed in has no Microsoft 365 organization. Sign in with a work account of the customer.', action: 'new_code' });
    }
    if (row.signInTenantId && tenant.id !== row.signInTenantId) {
      return fail({ code: 'ONBOARDING_SIGN_IN_FAILED', message: 'Microsoft answered for another tenant than the one signed in to. Sign in again.', action: 'new_code' });
    }
    const domains = (tenant.verifiedDomains ?? []).map((domain) => domain.name.toLowerCase());
    const summary: TenantSummary = {
      tenantId: tenant.id,
      displayName: tenant.displayName,
      primaryDomain: (tenant.verifiedDomains?.find((domain) => domain.isDefault) ?? tenant.verifiedDomains?.[0])?.name.toLowerCase() ?? '',
      verifiedDomains: domains,
    };
    context.save({ tenant: summary, consentedBy: me.userPrincipalName });

    const roleIds = roles.value.map((role) => role.roleTemplateId);
    if (row.purpose === 'remove_application') return this.verifyRemoval(row.organizationId, summary, me.userPrincipalName, roleIds);
    if (!roleIds.some((id) => ROLES_THAT_CAN_CONSENT.includes(id))) {
      const applicationAdmin = roleIds.includes(DIRECTORY_ROLES.applicationAdministrator) || roleIds.includes(DIRECTORY_ROLES.cloudApplicationAdministrator);
      return fail({
        code: 'ONBOARDING_ADMIN_ROLE_INSUFFICIENT',
        message: applicationAdmin
          ? `${me.userPrincipalName} is an Application Administrator: that role can register applications but cannot grant Microsoft Graph application permissions. Sign in with a Global Administrator or a Privileged Role Administrator.`
          : `${me.userPrincipalName} is not a Global Administrator or Privileged Role Administrator of ${tenant.displayName}, so cannot grant the permissions the backup needs. Ask an administrator of the customer to sign in.`,
        action: 'ask_global_admin',
        details: { signedInAs: me.userPrincipalName, roles: roles.value.map((role) => role.displayName) },
      });
    }

    const other = this.organizations.findLiveByTenant(row.partnerId, tenant.id);
    if (other && other.id !== row.organizationId) {
      return fail({
        code: 'ONBOARDING_TENANT_ALREADY_CONNECTED',
        message: `The Microsoft 365 organization ${tenant.displayName} is already connected for your customer ${other.customerName}.`,
        action: 'choose_other_customer',
        details: { customerId: other.customerId, customerName: other.customerName, organizationId: other.id },
      });
    }

    const customerDomains = this.customers.get(row.partnerId, row.customerId).domains.map((domain) => domain.toLowerCase());
    const overlap = customerDomains.length === 0 || customerDomains.some((domain) => domains.includes(domain));
    if (!overlap && !row.tenantConfirmed) {
      context.save({ domainMismatch: { customerDomains, tenantDomains: domains } });
      return {
        outcome: 'confirm',
        message: `${tenant.displayName} (${summary.primaryDomain}) shares no domain with this customer. Confirm it is the right organization before anything is created.`,
      };
    }

    try {
      this.organizations.update(row.organizationId, {
        tenantId: tenant.id,
        tenantName: tenant.displayName,
        primaryDomain: summary.primaryDomain,
        status: 'configuring',
      });
    } catch (error) {
      // The unique index lost a race against another onboarding of the same tenant.
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        return fail({ code: 'ONBOARDING_TENANT_ALREADY_CONNECTED', message: `${tenant.displayName} is being connected for another customer at this moment.`, action: 'choose_other_customer' });
      }
      throw error;
    }
    return done(`Signed in as ${me.userPrincipalName}, administrator of ${tenant.displayName}.`);
  }

  /** Removing the application needs the organization's own tenant and a role that may delete applications. */
  private verifyRemoval(organizationId: string, tenant: TenantSummary, admin: string, roleIds: string[]): StepResult {
    const organization = this.organizations.byId(organizationId)!;
    if (organization.tenantId !== tenant.tenantId) {
      return fail({
        code: 'ONBOARDING_WRONG_TENANT',
        message: `${admin} belongs to ${tenant.displayName}, not to ${organization.tenantName ?? 'the disconnected organization'}. Sign in with an administrator of that organization.`,
        action: 'new_code',
      });
    }
    if (!roleIds.some((id) => ROLES_THAT_CAN_DELETE_APPLICATIONS.includes(id))) {
      return fail({
        code: 'ONBOARDING_ADMIN_ROLE_INSUFFICIENT',
        message: `${admin} cannot delete applications. Sign in with a Global Administrator, a Privileged Role Administrator or an Application Administrator.`,
        action: 'ask_global_admin',
      });
    }
    return done(`Signed in as ${admin}, administrator of ${tenant.displayName}.`);
  }
}
