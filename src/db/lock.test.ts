import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDirectoryLock, DirectoryLockedError } from './lock.ts';

describe('directory lock', () => {
  it('is taken, refused to another live process, and released', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-'));
    // A live process that is not us: our parent.
    writeFileSync(join(dir, '.lock'), String(process.ppid));
    expect(() => acquireDirectoryLock(dir)).toThrow(DirectoryLockedError);

    writeFileSync(join(dir, '.lock'), '999999999');
    const release = acquireDirectoryLock(dir);
    expect(readFileSync(join(dir, '.lock'), 'utf8')).toBe(String(process.pid));
    release();
    release();
    expect(existsSync(join(dir, '.lock'))).toBe(false);
  });
});
