import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTestConfig } from '../test/test-config.js';
import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('should default to Microsoft endpoints', () => {
    const config = createTestConfig();
    expect(config.microsoft.loginUrl).toBe('https://login.microsoftonline.com');
    expect(config.microsoft.graphUrl).toBe('https://graph.microsoft.com');
  });

  it('should name every invalid variable in one readable error', () => {
    expect(() => createTestConfig({ PORT: 'eighty', PUBLIC_CLIENT_ID: 'not-a-guid' })).toThrowError(ConfigError);
    try {
      createTestConfig({ PORT: 'eighty', PUBLIC_CLIENT_ID: 'not-a-guid' });
    } catch (error) {
      expect((error as ConfigError).problems.map((problem) => problem.split(':')[0])).toEqual(['PORT', 'PUBLIC_CLIENT_ID']);
    }
  });

  it('should require secrets and a public URL in production', () => {
    expect(() => createTestConfig({ NODE_ENV: 'production' })).toThrowError(/ENCRYPTION_KEYS[\s\S]*PUBLIC_BASE_URL/);
  });

  it('should generate a development key readable only by its owner', () => {
    const config = createTestConfig();
    expect(config.encryption.generatedKeyFile).not.toBeNull();
    expect(statSync(config.encryption.generatedKeyFile!).mode & 0o777).toBe(0o600);
    expect(config.encryption.keys.get('dev')).toHaveLength(32);
  });

  it('should parse versioned encryption keys and refuse a short one', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const config = createTestConfig({ ENCRYPTION_KEYS: `v1:${key},v2:${key}`, ENCRYPTION_KEY_CURRENT: 'v1' });
    expect(config.encryption.current).toBe('v1');
    expect([...config.encryption.keys.keys()]).toEqual(['v1', 'v2']);
    expect(() => createTestConfig({ ENCRYPTION_KEYS: 'v1:c2hvcnQ=' })).toThrowError(/32 bytes/);
  });

  it('should parse rotating hook secrets per partner', () => {
    const config = createTestConfig({ HOOK_SECRETS: 'p1:whsec_a|whsec_b,p2:whsec_c' });
    expect(config.hooks.secrets.get('p1')).toEqual(['whsec_a', 'whsec_b']);
    expect(config.hooks.secrets.get('p2')).toEqual(['whsec_c']);
  });

  it('should refuse the crash test hook in production', () => {
    const key = Buffer.alloc(32, 1).toString('base64');
    expect(() =>
      loadConfig({
        NODE_ENV: 'production', DATA_DIR: createTestConfig().dataDir, ENCRYPTION_KEYS: `v1:${key}`, ENCRYPTION_KEY_CURRENT: 'v1',
        PUBLIC_CLIENT_ID: '0a1b2c3d-1111-4222-8333-944455566677', HOST_JWT_ISSUER: 'x', HOST_JWKS_URL: 'https://host/jwks',
        PUBLIC_BASE_URL: 'https://plugin.example', TEST_CRASH_AT: 'grant',
      }),
    ).toThrowError(/TEST_CRASH_AT/);
  });
});
