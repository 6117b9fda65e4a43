/**
 * The Node version check that runs before `npm start` and `npm test`: one clear line on an old Node.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const script = new URL('./check-node.mjs', import.meta.url).pathname;
// Debian's own Node (20 on these machines), when it is installed beside the project's Node 24.
const systemNode = '/usr/bin/node';
const systemMajor = existsSync(systemNode)
  ? Number(spawnSync(systemNode, ['-p', 'process.versions.node.split(".")[0]']).stdout.toString().trim())
  : Number.NaN;

describe('check-node', () => {
  it('passes on this Node', () => {
    const run = spawnSync(process.execPath, [script]);
    expect(run.status).toBe(0);
    expect(run.stderr.toString()).toBe('');
  });

  it.skipIf(!(systemMajor < 22))(
    `refuses an old Node with one line${systemMajor < 22 ? '' : ' (skipped: no Node older than 22 at /usr/bin/node)'}`,
    () => {
      const run = spawnSync(systemNode, [script]);
      expect(run.status).toBe(1);
      expect(run.stderr.toString()).toMatch(
        /^ShopyVerse needs Node\.js 22\.12 or newer .*this is Node 2\d\.\d+\.\d+\.\n$/,
      );
    },
  );
});
