import type { Role } from '@m365/contracts';

/** Who is calling, taken only from a verified host token. */
export interface Principal {
  readonly partnerId: string;
  readonly technicianId: string;
  readonly technicianName: string | null;
  readonly role: Role;
}

/** A backup device, taken only from a verified device token. */
export interface DevicePrincipal {
  readonly partnerId: string;
  readonly deviceId: string;
}

const RANK: Record<Role, number> = { viewer: 0, technician: 1, admin: 2 };

export function hasRole(principal: Principal, needed: Role): boolean {
  return RANK[principal.role] >= RANK[needed];
}
