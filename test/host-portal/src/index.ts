export { startHostPortal, PLUGIN_PREFIX } from './server.js';
export type { HostPortal, HostPortalOptions, ReceivedEvent } from './server.js';
export { DevTokenIssuer, DEV_TOKEN_AUDIENCE, DEV_TOKEN_LIFETIME_SECONDS } from './dev-token.js';
export type { DevToken, Technician, TokenVariant } from './dev-token.js';
export * from './fixtures.js';
export { callHook, createHookSecret, pushFixtures } from './host-hooks.js';
export type { HookResult } from './host-hooks.js';
export { startDevStack, PLUGIN_SERVER_MAIN } from './stack.js';
export type { DevStack, DevStackOptions } from './stack.js';
