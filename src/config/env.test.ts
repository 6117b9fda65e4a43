import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './env.ts';

describe('loadConfig', () => {
  it('uses the embedded defaults on an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3001);
    expect(config.host).toBe('127.0.0.1');
    expect(config.database.kind).toBe('pglite');
    expect(config.database.kind === 'pglite' && config.database.dataDir).toMatch(/\.data[/\\]pglite$/);
    expect(config.seedDemoData).toBe(true);
    expect(config.apiKeys).toEqual([]);
  });

  it('reads postgres, keys and runtime identity', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://app:pw@db.internal:5432/chatbot',
      DB_POOL_MAX: '4',
      DB_PREPARE: 'false',
      CHATBOT_API_KEYS: 'k1, k2 ,,',
      CHATBOT_ADMIN_KEYS: 'admin1',
      K_REVISION: 'chatbot-00002',
      POD_NAMESPACE: 'chatbot-prod',
      CHATBOT_SEED_DEMO: 'false',
    });
    expect(config.port).toBe(8080);
    expect(config.host).toBe('0.0.0.0');
    expect(config.database).toEqual({
      kind: 'postgres',
      url: 'postgres://app:pw@db.internal:5432/chatbot',
      poolMax: 4,
      prepare: false,
    });
    expect(config.apiKeys).toEqual(['k1', 'k2']);
    expect(config.adminKeys).toEqual(['admin1']);
    expect(config.runtime).toMatchObject({ revision: 'chatbot-00002', namespace: 'chatbot-prod' });
    expect(config.seedDemoData).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT: expected a whole number from 1 to 65535 \(got "abc"\)/],
    [{ PORT: '70000' }, /PORT: expected a whole number/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL: expected a postgres/],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ QDRANT_URL: 'qdrant:6333' }, /QDRANT_URL: expected an http\(s\) URL/],
    [{ CHATBOT_SEED_DEMO: 'maybe' }, /CHATBOT_SEED_DEMO: expected true or false/],
  ])('rejects %o with one readable line', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('never echoes a database password or a token', () => {
    try {
      loadConfig({ DATABASE_URL: 'postgres://app:s3cret@', HF_ENDPOINT_URL: 'nope' });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain('s3cret');
    }
  });

  it('adds DB_PASSWORD (the db-password Secret key) to DATABASE_URL, URL-encoded', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://chatbot@db:5432/chatbot',
      DB_PASSWORD: 'p@ss/w:rd',
    });
    expect(config.database).toMatchObject({ kind: 'postgres' });
    const url = new URL((config.database as { url: string }).url);
    expect(decodeURIComponent(url.password)).toBe('p@ss/w:rd');
    expect(url.username).toBe('chatbot');
  });

  it.each([
    [{ DB_PASSWORD: 'x' }, /DB_PASSWORD is set without DATABASE_URL/],
    [{ DATABASE_URL: 'postgres://a:b@db/x', DB_PASSWORD: 'x' }, /already has a password/],
    [{ DATABASE_URL: 'postgres://db/x', DB_PASSWORD: 'x' }, /needs a user name/],
  ])('refuses a DB_PASSWORD that cannot apply: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
