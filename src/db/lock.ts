/**
 * @module db/lock
 * A lock file that keeps a second process off an embedded PGlite data directory.
 *
 * The file names its holder by PID *and* the process's start time (field 22 of `/proc/<pid>/stat`): after a
 * crash, above all in a container restarted with a fresh PID namespace, the old PID often belongs to another
 * live process, and a PID alone would then block start-up forever. Where `/proc` is missing (macOS) only the
 * PID can be checked.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** Thrown when another live process holds the directory. */
export class DirectoryLockedError extends Error {
  override name = 'DirectoryLockedError';
}

const lockFile = z.object({ pid: z.number().int().positive(), startedAt: z.string().nullable() });
type Holder = z.infer<typeof lockFile>;

/** The start time of a process in clock ticks since boot, or null where /proc cannot tell. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Reads a lock file: the current JSON form, or the bare PID older versions wrote. */
function readHolder(path: string): Holder | undefined {
  const text = readFileSync(path, 'utf8').trim();
  if (/^\d+$/.test(text)) return { pid: Number(text), startedAt: null };
  try {
    const parsed = lockFile.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** True when the process the lock names is still the one running under that PID. */
function holds(holder: Holder): boolean {
  if (holder.pid === process.pid || !isAlive(holder.pid)) return false;
  const now = processStartTime(holder.pid);
  return holder.startedAt === null || now === null || now === holder.startedAt;
}

/** The lock's file name inside the directory it guards. */
export const LOCK_FILE = '.lock';

/**
 * Takes `<dir>/.lock`, replacing a stale lock left by a process that is gone (or whose PID now belongs to
 * another process). Returns the function that releases it.
 */
export function acquireDirectoryLock(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      const me: Holder = { pid: process.pid, startedAt: processStartTime(process.pid) };
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(path);
      if (holder && holds(holder)) {
        throw new DirectoryLockedError(
          `the embedded database in ${dir} is in use by process ${holder.pid}; stop it first, or set DATABASE_URL`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new DirectoryLockedError(`could not lock ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
