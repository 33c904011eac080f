/**
 * License SKUs the seeds assign. [assumption] skuId / servicePlanId values come from Microsoft's public
 * "product names and service plan identifiers" list, not from the protocol reference.
 */

export interface ServicePlanDefinition {
  servicePlanId: string;
  servicePlanName: string;
  /** assignedPlans[].service value: [doc] "exchange" for mailboxes, "SharePoint" for OneDrive (reference 6.3). */
  service: string;
}

export interface SkuDefinition {
  skuId: string;
  skuPartNumber: string;
  servicePlans: readonly ServicePlanDefinition[];
}

const EXCHANGE_ENTERPRISE: ServicePlanDefinition = { servicePlanId: 'efb87545-963c-4e0d-99df-69c6916d9eb0', servicePlanName: 'EXCHANGE_S_ENTERPRISE', service: 'exchange' };
const EXCHANGE_STANDARD: ServicePlanDefinition = { servicePlanId: '9aaf7827-d63c-4b61-89c3-182f06f82e5c', servicePlanName: 'EXCHANGE_S_STANDARD', service: 'exchange' };
const SHAREPOINT_ENTERPRISE: ServicePlanDefinition = { servicePlanId: '5dbe027f-2339-4123-9542-606e4d348a72', servicePlanName: 'SHAREPOINTENTERPRISE', service: 'SharePoint' };
const SHAREPOINT_STANDARD: ServicePlanDefinition = { servicePlanId: 'c7699d2e-19aa-44de-8edf-1736da088ca1', servicePlanName: 'SHAREPOINTSTANDARD', service: 'SharePoint' };
const TEAMS: ServicePlanDefinition = { servicePlanId: '57ff2da0-773e-42df-b2af-ffb7a2317929', servicePlanName: 'TEAMS1', service: 'TeamspaceAPI' };
const OFFICE_ONLINE: ServicePlanDefinition = { servicePlanId: 'e95bec33-7c88-4a70-8e19-b10bd9d0c014', servicePlanName: 'SHAREPOINTWAC', service: 'SharePoint' };

export const SKUS = {
  SPE_E3: { skuId: '05e9a617-0261-4cee-bb44-138d3ef5d965', skuPartNumber: 'SPE_E3', servicePlans: [EXCHANGE_ENTERPRISE, SHAREPOINT_ENTERPRISE, OFFICE_ONLINE, TEAMS] },
  SPB: { skuId: 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46', skuPartNumber: 'SPB', servicePlans: [EXCHANGE_STANDARD, SHAREPOINT_STANDARD, OFFICE_ONLINE, TEAMS] },
  O365_BUSINESS_ESSENTIALS: { skuId: '3b555118-da6a-4418-894f-7df1e2096870', skuPartNumber: 'O365_BUSINESS_ESSENTIALS', servicePlans: [EXCHANGE_STANDARD, SHAREPOINT_STANDARD, OFFICE_ONLINE, TEAMS] },
  EXCHANGESTANDARD: { skuId: '4b9405b0-7788-4568-add1-99614e613b69', skuPartNumber: 'EXCHANGESTANDARD', servicePlans: [EXCHANGE_STANDARD] },
} satisfies Record<string, SkuDefinition>;

export type SkuName = keyof typeof SKUS;

export const SKU_NAMES = Object.keys(SKUS) as SkuName[];

export function isSkuName(value: string): value is SkuName {
  return Object.hasOwn(SKUS, value);
}

/** Service kinds a seed may switch off inside a license; they map to every plan of that service. */
export type PlanService = 'exchange' | 'SharePoint';
