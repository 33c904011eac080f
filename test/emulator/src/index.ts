export { startEmulator, type EmulatorOptions, type RunningEmulator } from './emulator.js';
export { EmulatorControl, type DeviceCodeCompletion, type PendingDeviceCode } from './control/control.js';
export { ControlError } from './control/errors.js';
export type { ControlUser, UserChanges } from './control/users.js';
export type { TenantState, TenantSummary, ApplicationState, ServicePrincipalState, AppRoleAssignmentState } from './control/state.js';
export type { Faults, ErrorRule, LatencyFault, ReplicationFault, RequestMatch, FaultSurface, FaultRecord } from './faults/faults.js';
export type { Timing } from './identity/tokens.js';
export { DEFAULT_TIMING } from './identity/tokens.js';
export { EMULATOR_PUBLIC_CLIENT_ID, EMULATOR_VENDOR_TENANT_ID, type PublicClientOptions } from './store/directory.js';
export { DEFAULT_SEED, SEED_PASSWORD, defaultTenants, loadSeedFile, type Seed, type SeedTenant, type SeedUser, type BulkTenants } from './store/seed.js';
export { ensureCertificateAuthority, trustEmulatorCa, defaultDataDir, type TlsMaterial } from './tls/ca.js';
export {
  GRAPH_APP_ID, GRAPH_APP_ROLES, GRAPH_DELEGATED_SCOPES, DIRECTORY_ROLE_TEMPLATES, EXCHANGE_APP_ID, type DirectoryRoleName,
} from './store/well-known.js';
export { SKUS, type SkuName } from './store/skus.js';
