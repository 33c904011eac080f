import { z } from 'zod';

export const ROLES = ['viewer', 'technician', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** JOSE header `typ` of the host's UI tokens; anything else is refused on the plugin API. */
export const HOST_UI_TOKEN_TYPE = 'm365-plugin-ui+jwt';
/** JOSE header `typ` of the tokens backup devices use on the device API. */
export const DEVICE_TOKEN_TYPE = 'm365-plugin-device+jwt';
export const TOKEN_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'] as const;

/** Claims the host puts in the JWT returned by `getAccessToken()` (header typ = HOST_UI_TOKEN_TYPE). */
export const HostTokenClaimsSchema = z.object({
  iss: z.string().describe('The host portal; must equal the configured issuer'),
  aud: z.union([z.string(), z.array(z.string())]).describe('This plugin; must include the configured audience'),
  sub: z.string().min(1).describe('Technician id'),
  partner_id: z.string().min(1),
  role: RoleSchema,
  name: z.string().optional().describe('Technician display name, for audit records'),
  iat: z.number(),
  exp: z.number(),
});
export type HostTokenClaims = z.infer<typeof HostTokenClaimsSchema>;

/** Claims of a device token (header typ = DEVICE_TOKEN_TYPE), issued by the host to one backup device. */
export const DeviceTokenClaimsSchema = z.object({
  iss: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  sub: z.string().min(1).describe('Device id'),
  partner_id: z.string().min(1),
  iat: z.number(),
  exp: z.number(),
});
export type DeviceTokenClaims = z.infer<typeof DeviceTokenClaimsSchema>;

export const SessionSchema = z.object({
  partnerId: z.string(),
  technicianId: z.string(),
  technicianName: z.string().nullable(),
  role: RoleSchema,
});
export type Session = z.infer<typeof SessionSchema>;
