import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
const url = z.string().url();
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Every environment variable the server reads; README.md documents each one. */
export const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_BASE_URL: url.optional(),
    LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
    DATA_DIR: z.string().min(1).default('.data'),
    ENCRYPTION_KEYS: z.string().optional(),
    ENCRYPTION_KEY_CURRENT: z.string().optional(),
    HOST_JWKS_URL: url.optional(),
    HOST_JWT_PUBLIC_KEY: z.string().optional(),
    HOST_JWT_ISSUER: z.string().min(1, 'must name the issuer of the host portal tokens'),
    HOST_JWT_AUDIENCE: z.string().min(1).default('m365-backup-plugin'),
    HOST_JWT_MAX_AGE_SECONDS: positiveInt(900),
    HOST_JWT_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
    HOST_EVENTS_URL: url.optional(),
    HOST_EVENTS_RETRY_BASE_SECONDS: z.coerce.number().positive().max(3600).default(5),
    HOST_EVENTS_RETRY_MAX_SECONDS: z.coerce.number().positive().max(86_400).default(3600),
    HOST_EVENTS_RETRY_HOURS: z.coerce.number().positive().max(720).default(48),
    SHARE_LINK_TTL_HOURS: z.coerce.number().positive().max(720).default(72),
    SHARE_PAGE_URL: url.optional(),
    HOOK_SECRETS: z.string().optional(),
    CORS_ORIGINS: z.string().optional(),
    MICROSOFT_LOGIN_URL: url.default('https://login.microsoftonline.com'),
    MICROSOFT_GRAPH_URL: url.default('https://graph.microsoft.com'),
    PUBLIC_CLIENT_ID: z.string().uuid({ message: "must be the application (client) id of the vendor's multi-tenant public client" }),
    POPUP_REDIRECT_URI: url.optional(),
    CERTIFICATE_VALIDITY_MONTHS: z.coerce.number().int().min(1).max(60).default(12),
    ONBOARDING_STEP_MAX_WAIT_SECONDS: positiveInt(900),
    ONBOARDING_MAX_CONFIGURING: positiveInt(10),
    ONBOARDING_CODE_WATCH_SECONDS: positiveInt(45),
    SYNC_CONCURRENCY: positiveInt(4),
    SYNC_TICK_SECONDS: positiveInt(15),
    SYNC_SHARD_MIN_USERS: positiveInt(10_000),
    SYNC_SHARD_CONCURRENCY: z.coerce.number().int().min(1).max(36).default(8),
    DEFAULT_SEAT_POOL: z.coerce.number().int().min(0).default(100),
    SERVE_UI: bool.optional(),
    UI_DIST_DIR: z.string().optional(),
    TEST_CRASH_AT: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (!env.HOST_JWKS_URL && !env.HOST_JWT_PUBLIC_KEY) {
      ctx.addIssue({ code: 'custom', path: ['HOST_JWKS_URL'], message: 'or HOST_JWT_PUBLIC_KEY must be set to verify host tokens' });
    }
    if (env.NODE_ENV !== 'production') return;
    const required: [keyof typeof env, string][] = [
      ['ENCRYPTION_KEYS', 'the AES-256-GCM keys that protect certificates and tokens at rest'],
      ['ENCRYPTION_KEY_CURRENT', 'the version of ENCRYPTION_KEYS used for new secrets'],
      ['PUBLIC_BASE_URL', 'the URL customers and hosts reach this server at'],
    ];
    for (const [key, what] of required) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: `is required in production: ${what}` });
    }
    for (const key of ['HOST_JWKS_URL', 'HOST_EVENTS_URL'] as const) {
      if (env[key]?.startsWith('http://')) ctx.addIssue({ code: 'custom', path: [key], message: 'must use https in production' });
    }
    if (env.TEST_CRASH_AT) {
      ctx.addIssue({ code: 'custom', path: ['TEST_CRASH_AT'], message: 'is a test hook and must not be set in production' });
    }
  });
export type Env = z.infer<typeof EnvSchema>;
