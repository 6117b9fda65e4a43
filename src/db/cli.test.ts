import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createPostgresDatabase, hasPostgres, postgresSkipReason } from '../../test/databases.ts';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

async function db(url: string, ...args: string[]) {
  return run(process.execPath, ['--experimental-strip-types', 'src/db/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
  }).catch((error: { code: number; stdout: string; stderr: string }) => error);
}

describe('db:migrate / db:status / db:rollback', () => {
  it.skipIf(!hasPostgres())(
    `work against a real server${hasPostgres() ? '' : ` (skipped: ${postgresSkipReason()})`}`,
    async () => {
      const url = await createPostgresDatabase();
      expect((await db(url, 'status')).stdout).toMatch(/^pending\s+0000_init$/m);
      expect((await db(url, 'migrate')).stdout).toContain('applied: 0000_init');
      expect((await db(url, 'migrate')).stdout).toContain('nothing to apply');
      expect((await db(url, 'status')).stdout).toMatch(/^applied\s+0000_init$/m);
      // It drops data: without a terminal to ask on, it refuses unless told --yes, and changes nothing.
      const unconfirmed = await db(url, 'rollback', '--steps', '3');
      expect('code' in unconfirmed && unconfirmed.code).toBe(1);
      expect(unconfirmed.stderr).toMatch(/drops the data they held.*--yes/);
      expect((await db(url, 'status')).stdout).toMatch(/^applied\s+0000_init$/m);
      expect((await db(url, 'rollback', '--steps', '3', '--yes')).stdout).toContain(
        'rolled back: 0002_shared_rate_limit, 0001_first_message_key, 0000_init',
      );
      expect((await db(url, 'rollback', '--yes')).stdout).toContain('nothing to roll back');
      const bad = await db(url, 'rollback', '--steps', 'x', '--yes');
      expect('code' in bad && bad.code).toBe(1);
      expect(bad.stderr).toMatch(/^error: steps must be a whole number/);
      const usage = await db(url, 'explode');
      expect('code' in usage && usage.code).toBe(2);
    },
  );

  it('explains bad configuration in one line', async () => {
    const result = await db('mysql://nope');
    expect('code' in result && result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('DATABASE_URL: expected a postgres');
  });
});
