/** `npm run sbom` really runs here (CycloneDX's npm tool reads the installed tree; no network). */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('npm run sbom', () => {
  it('writes a CycloneDX 1.6 JSON SBOM of the production dependencies only', () => {
    const out = execFileSync('npm', ['run', '--silent', 'sbom'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const sbom = JSON.parse(out) as {
      bomFormat: string;
      specVersion: string;
      components: Array<{ name: string; group?: string; version: string }>;
    };
    expect(sbom.bomFormat).toBe('CycloneDX');
    expect(sbom.specVersion).toBe('1.6');
    const names = new Set(sbom.components.map((c) => (c.group ? `${c.group}/${c.name}` : c.name)));
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    for (const name of Object.keys(pkg.dependencies)) expect(names.has(name), name).toBe(true);
    for (const name of ['vitest', '@biomejs/biome', '@dagger.io/dagger', 'node-nlp'])
      expect(names.has(name), name).toBe(false);
    const hono = sbom.components.find((c) => c.name === 'hono');
    expect(hono?.version).toBe(pkg.dependencies.hono);
  }, 120_000);
});
