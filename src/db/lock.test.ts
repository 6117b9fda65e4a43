import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDirectoryLock, DirectoryLockedError, processStartTime } from './lock.ts';

const hasProc = existsSync('/proc/self/stat');

describe('directory lock', () => {
  it('is taken with our pid and start time, refused to another live process, and released', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-'));
    // A live process that is not us: our parent, named as it really is.
    writeFileSync(
      join(dir, '.lock'),
      JSON.stringify({ pid: process.ppid, startedAt: processStartTime(process.ppid) }),
    );
    expect(() => acquireDirectoryLock(dir)).toThrow(DirectoryLockedError);
    // The bare-PID form older versions wrote is still honoured.
    writeFileSync(join(dir, '.lock'), String(process.ppid));
    expect(() => acquireDirectoryLock(dir)).toThrow(DirectoryLockedError);

    writeFileSync(join(dir, '.lock'), '999999999');
    const release = acquireDirectoryLock(dir);
    expect(JSON.parse(readFileSync(join(dir, '.lock'), 'utf8'))).toEqual({
      pid: process.pid,
      startedAt: processStartTime(process.pid),
    });
    release();
    release();
    expect(existsSync(join(dir, '.lock'))).toBe(false);
  });

  it.skipIf(!hasProc)(
    `replaces a stale lock whose PID now belongs to another live process${hasProc ? '' : ' (skipped: no /proc)'}`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'lock-'));
      expect(processStartTime(process.ppid)).toMatch(/^\d+$/);
      // The holder died; its PID was reused by our (live) parent, which started at another time.
      writeFileSync(join(dir, '.lock'), JSON.stringify({ pid: process.ppid, startedAt: '1' }));
      const release = acquireDirectoryLock(dir);
      expect(JSON.parse(readFileSync(join(dir, '.lock'), 'utf8')).pid).toBe(process.pid);
      release();
    },
  );

  it('replaces an unreadable lock file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-'));
    writeFileSync(join(dir, '.lock'), '{not json');
    const release = acquireDirectoryLock(dir);
    expect(existsSync(join(dir, '.lock'))).toBe(true);
    release();
  });
});
