/**
 * The Dagger module as the engine would register it, read offline by the SDK's own scanner: the exact
 * function set, argument types and defaults, caching of side-effect functions, and the type check against
 * the pinned SDK.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatListing, type ScannedModule, scanModule } from '../../scripts/lib/dagger-scan.ts';

let module: ScannedModule;
beforeAll(async () => {
  module = await scanModule('pipeline/src', 'shopyverse-chatbot');
}, 60_000);

const fn = (name: string) => {
  const found = module.functions.find((f) => f.name === name);
  if (!found) throw new Error(`no function ${name}`);
  return found;
};
const signature = (name: string) =>
  Object.fromEntries(
    fn(name).arguments.map((a) => [
      a.name,
      `${a.type}${a.optional ? '?' : ''}${a.defaultValue === undefined ? '' : `=${JSON.stringify(a.defaultValue)}`}`,
    ]),
  );

describe('Dagger module (offline scan with the SDK introspector)', () => {
  it('is the module named in dagger.json, pinned to the engine version of the installed SDK', () => {
    const config = JSON.parse(readFileSync('dagger.json', 'utf8'));
    const sdk = JSON.parse(readFileSync('node_modules/@dagger.io/dagger/package.json', 'utf8'));
    expect(config).toMatchObject({
      name: 'shopyverse-chatbot',
      source: 'pipeline',
      sdk: { source: 'typescript' },
    });
    expect(config.engineVersion).toBe(`v${sdk.version}`);
    expect(module.name).toBe('ShopyverseChatbot');
  });

  it('exposes exactly the pipeline functions', () => {
    expect(module.functions.map((f) => f.name).sort()).toEqual(
      [
        'abort',
        'audit',
        'build',
        'cd',
        'ci',
        'deploy',
        'lint',
        'notify',
        'pause',
        'promote',
        'publish',
        'releaseRules',
        'resume',
        'rollback',
        'sbom',
        'scan',
        'smoke',
        'test',
        'typecheck',
      ].sort(),
    );
  });

  it('types every argument and keeps the documented defaults', () => {
    expect(signature('test')).toEqual({ minCoverage: 'number=70' });
    expect(signature('ci')).toEqual({ minCoverage: 'number=70' });
    expect(signature('scan')).toEqual({ failOnFindings: 'boolean=true' });
    expect(signature('audit')).toEqual({ allowList: 'File?' });
    expect(signature('build')).toEqual({
      version: 'string="0.0.0-dev"',
      revision: 'string="unknown"',
      sourceUrl: 'string="https://github.com/shopyverse/chatbot"',
    });
    expect(signature('publish')).toEqual({
      ref: 'string',
      sha: 'string',
      password: 'Secret',
      username: 'string',
      repository: 'string',
      registry: 'string="ghcr.io"',
    });
    expect(signature('deploy')).toEqual({
      environment: 'string',
      image: 'string',
      kubeconfig: 'Secret',
      prometheusUrl: 'string=""',
      apiKey: 'Secret?',
      version: 'string=""',
    });
    expect(signature('releaseRules')).toEqual({ headBranch: 'string', sha: 'string' });
    expect(signature('promote')).toEqual({
      environment: 'string',
      kubeconfig: 'Secret',
      prometheusUrl: 'string=""',
      force: 'boolean=false',
    });
    expect(signature('abort')).toEqual({ environment: 'string', kubeconfig: 'Secret' });
    expect(signature('rollback')).toEqual({
      environment: 'string',
      kubeconfig: 'Secret',
      revision: 'string=""',
    });
    expect(signature('notify')).toMatchObject({ webhook: 'Secret' });
  });

  it('returns files and directories for reports, a container for the image', () => {
    expect(fn('test').returns).toBe('File');
    expect(fn('sbom').returns).toBe('Directory');
    expect(fn('scan').returns).toBe('Directory');
    expect(fn('ci').returns).toBe('Directory');
    expect(fn('build').returns).toBe('Container');
    expect(fn('publish').returns).toBe('string');
  });

  it('never caches a function with side effects, and caches the rest', () => {
    const sideEffects = [
      'publish',
      'deploy',
      'promote',
      'resume',
      'pause',
      'abort',
      'rollback',
      'smoke',
      'notify',
      'cd',
    ];
    for (const f of module.functions) {
      expect(f.cache, f.name).toBe(sideEffects.includes(f.name) ? 'never' : undefined);
    }
  });

  it('takes every credential as a Secret, never as a string', () => {
    for (const f of module.functions) {
      for (const a of f.arguments) {
        if (/password|token|kubeconfig|webhook|apiKey/i.test(a.name))
          expect(a.type, `${f.name}.${a.name}`).toBe('Secret');
      }
    }
  });

  it('documents every function and argument, and defaults the source to the repository', () => {
    for (const f of module.functions) {
      expect(f.description, f.name).not.toBe('');
      for (const a of f.arguments) expect(a.description, `${f.name}.${a.name}`).not.toBe('');
    }
    expect(module.constructorArguments).toEqual([
      expect.objectContaining({ name: 'source', type: 'Directory' }),
    ]);
    expect(formatListing(module)).toMatch(/test\s+→ File {2}\[--min-coverage number=70\]/);
  });

  it('type-checks against the pinned SDK', () => {
    // Throws with the compiler's output if the module does not compile.
    execFileSync(
      process.execPath,
      ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'pipeline/tsconfig.json'],
      {
        encoding: 'utf8',
      },
    );
  }, 120_000);
});
