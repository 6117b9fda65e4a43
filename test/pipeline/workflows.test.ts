/** The GitHub workflows are thin: the triggers of the guide, minimal permissions, and every job calls Dagger. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
  if?: string;
}
interface Workflow {
  on: Record<string, { branches?: string[]; tags?: string[] }>;
  permissions: Record<string, string>;
  env: Record<string, string>;
  jobs: Record<
    string,
    { permissions?: Record<string, string>; steps: Step[]; environment?: string; if?: string }
  >;
}

const load = (name: string) => parse(readFileSync(`.github/workflows/${name}`, 'utf8')) as Workflow;
const ci = load('ci.yml');
const cd = load('cd.yml');
const engine = JSON.parse(readFileSync('dagger.json', 'utf8')).engineVersion as string;
const DAGGER_ACTION = /^dagger\/dagger-for-github@[0-9a-f]{40}$/;
const daggerSteps = (w: Workflow) =>
  Object.values(w.jobs).flatMap((j) => j.steps.filter((s) => s.uses?.startsWith('dagger/')));

describe('workflows', () => {
  it('run CI on pushes to main, feat/** and develop, and on pull requests to main and develop', () => {
    expect(ci.on.push?.branches).toEqual(['main', 'feat/**', 'develop']);
    expect(ci.on.pull_request?.branches).toEqual(['main', 'develop']);
  });

  it('run CD on main and on v* tags, dev and staging from main, prod from tags only', () => {
    expect(cd.on.push).toEqual({ branches: ['main'], tags: ['v*'] });
    expect(cd.jobs.dev?.if).toBe("github.ref == 'refs/heads/main'");
    expect(cd.jobs.staging?.if ?? cd.jobs.dev?.if).toContain('refs/heads/main');
    expect(cd.jobs.prod?.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    expect(cd.jobs.prod?.environment).toBe('prod');
  });

  it('call Dagger in every job, through the action pinned by commit at the engine version of dagger.json', () => {
    for (const workflow of [ci, cd]) {
      expect(`v${workflow.env.DAGGER_VERSION}`).toBe(engine);
      for (const [name, job] of Object.entries(workflow.jobs)) {
        const dagger = job.steps.filter((s) => s.uses?.startsWith('dagger/'));
        expect(dagger.length, name).toBeGreaterThan(0);
        expect(
          job.steps.some((s) => s.run),
          `${name} runs shell steps`,
        ).toBe(false);
      }
      for (const step of daggerSteps(workflow)) {
        expect(step.uses).toMatch(DAGGER_ACTION);
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS template
        expect(step.with?.version).toBe('${{ env.DAGGER_VERSION }}');
        expect(step.with?.verb).toBe('call');
      }
    }
    expect(daggerSteps(ci)[0]?.with?.args).toBe('ci export --path=reports');
  });

  it('pass secrets to Dagger only as env:// secrets, never as plain arguments', () => {
    for (const step of [...daggerSteps(ci), ...daggerSteps(cd)]) {
      expect(step.with?.args ?? '').not.toMatch(/secrets\./);
      for (const value of Object.values(step.env ?? {}))
        expect(value).toMatch(/^\$\{\{ secrets\.[A-Z0-9_]+ \}\}$/);
    }
  });

  it('keep permissions minimal: read-only by default, write only where a job needs it', () => {
    for (const workflow of [ci, cd]) expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(ci.jobs.ci?.permissions).toEqual({ contents: 'read', 'security-events': 'write' });
    expect(cd.jobs.publish?.permissions).toEqual({ contents: 'read', packages: 'write' });
    for (const job of ['dev', 'staging', 'prod']) expect(cd.jobs[job]?.permissions).toBeUndefined();
  });

  it('upload SARIF and coverage, and notify through a Dagger function with the webhook as a secret', () => {
    const steps = ci.jobs.ci?.steps ?? [];
    expect(steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))?.with?.sarif_file).toBe(
      'reports/scan',
    );
    expect(steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))?.with?.path).toContain(
      'reports/coverage',
    );
    const notify = [...daggerSteps(ci), ...daggerSteps(cd)].filter((s) => s.with?.args?.startsWith('notify'));
    expect(notify.length).toBeGreaterThanOrEqual(4);
    for (const step of notify) expect(step.with?.args).toContain('--webhook=env://WEBHOOK');
  });
});
