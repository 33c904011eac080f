import { Injectable } from '@nestjs/common';
import { MicrosoftError } from '../../../common/microsoft/microsoft-error.js';
import { APPLICATION_PERMISSIONS, GRAPH_APP_ID } from '../permissions.js';
import { done, fail, type OnboardingStepHandler, type StepContext, type StepResult } from './step.js';

interface AppRole {
  id: string;
  value: string;
}

/** Admin consent: one appRoleAssignedTo per missing application permission. */
@Injectable()
export class GrantStep implements OnboardingStepHandler {
  readonly step = 'grant' as const;
  readonly expectReplication = true;

  async run(context: StepContext): Promise<StepResult> {
    const graph = await context.delegatedGraph();
    const principalId = context.onboarding.servicePrincipalId!;
    const resource = await graph.get<{ id: string; appRoles: AppRole[] }>(`/servicePrincipals(appId='${GRAPH_APP_ID}')?$select=id,appRoles`);
    const roleIds = new Map(resource.appRoles.map((role) => [role.value, role.id]));
    const unknown = APPLICATION_PERMISSIONS.filter((permission) => !roleIds.has(permission.value));
    if (unknown.length) {
      return fail({
        code: 'ONBOARDING_CONSENT_DENIED',
        message: `Microsoft Graph in this tenant does not offer ${unknown.map((permission) => permission.value).join(', ')}.`,
        action: 'retry',
      });
    }

    const granted = new Set<string>();
    let link: string | null = `/servicePrincipals/${resource.id}/appRoleAssignedTo?$select=id,appRoleId,principalId&$top=999`;
    while (link) {
      const page: { value: { appRoleId: string; principalId: string }[]; nextLink: string | null } = await graph.page(link);
      for (const assignment of page.value) if (assignment.principalId === principalId) granted.add(assignment.appRoleId);
      link = page.nextLink;
    }

    const missing = APPLICATION_PERMISSIONS.filter((permission) => !granted.has(roleIds.get(permission.value)!));
    for (const [index, permission] of missing.entries()) {
      context.progress(`Granting ${permission.value} (${index + 1} of ${missing.length}).`);
      try {
        await graph.post(`/servicePrincipals/${resource.id}/appRoleAssignedTo`, {
          principalId,
          resourceId: resource.id,
          appRoleId: roleIds.get(permission.value),
        });
      } catch (error) {
        if (error instanceof MicrosoftError && /already exists/i.test(error.message)) continue;
        if (error instanceof MicrosoftError && error.status === 403) {
          return fail({
            code: 'ONBOARDING_CONSENT_DENIED',
            message: `Microsoft refused to grant ${permission.value}: the account that signed in cannot give admin consent. Sign in with a Global Administrator or Privileged Role Administrator.`,
            action: 'ask_global_admin',
          });
        }
        throw error;
      }
      context.save({ grantedPermissions: [...new Set([...context.onboarding.grantedPermissions, permission.value])] });
    }
    context.save({ grantedPermissions: APPLICATION_PERMISSIONS.map((permission) => permission.value) });
    return done(`Admin consent given for ${APPLICATION_PERMISSIONS.length} permissions.`);
  }
}
