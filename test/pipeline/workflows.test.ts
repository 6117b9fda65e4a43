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
  on: Record<string, { branches?: string[]; tags?: string[]; workflows?: string[]; types?: string[] }>;
  permissions: Record<string, string>;
  env: Record<string, string>;
  jobs: Record<
    string,
    {
      permissions?: Record<string, string>;
      steps: Step[];
      environment?: string;
      if?: string;
      needs?: string | string[];
      concurrency?: { group: string; 'cancel-in-progress': boolean };
    }
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
  it('run CI on pushes to main, feat/** and develop and on v* tags, and on pull requests to main and develop', () => {
    expect(ci.on.push?.branches).toEqual(['main', 'feat/**', 'develop']);
    expect(ci.on.push?.tags).toEqual(['v*']);
    expect(ci.on.pull_request?.branches).toEqual(['main', 'develop']);
  });

  it('run CD only after a green CI run of a push, on the commit that CI tested', () => {
    expect(Object.keys(cd.on)).toEqual(['workflow_run']);
    expect(cd.on.workflow_run).toEqual({ workflows: ['ci'], types: ['completed'] });
    expect(cd.jobs.plan?.if).toBe(
      "github.event.workflow_run.conclusion == 'success' && github.event.workflow_run.event == 'push'",
    );
    for (const [name, job] of Object.entries(cd.jobs)) {
      if (name !== 'plan') expect([job.needs].flat(), name).toContain('plan');
      const checkout = job.steps.find((s) => s.uses?.startsWith('actions/checkout'));
      // Without a ref, a workflow_run job checks out the default branch, not the commit CI tested.
      expect(checkout?.with?.ref, name).toMatch(/workflow_run\.head_sha|needs\.plan\.outputs\.sha/);
    }
  });

  it('take the environments and the revision version from the release rules, so a pre-release never reaches prod', () => {
    expect(daggerSteps(cd).find((s) => s.with?.args?.startsWith('release-rules'))?.with?.args).toContain(
      '--head-branch="$HEAD_BRANCH"',
    );
    for (const env of ['dev', 'staging', 'prod']) {
      expect(cd.jobs[env]?.if).toBe(`contains(fromJSON(needs.plan.outputs.rules).environments, '${env}')`);
      const deploy = cd.jobs[env]?.steps.find((s) => s.with?.args?.startsWith('deploy'));
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS template
      expect(deploy?.with?.args).toContain('--version=${{ fromJSON(needs.plan.outputs.rules).version }}');
    }
    expect(cd.jobs.prod?.environment).toBe('prod');
    // main and v* tags publish (a pre-release too, for staging by hand); a feature branch does not.
    expect(cd.jobs.publish?.if).toBe(
      "fromJSON(needs.plan.outputs.rules).ref == 'refs/heads/main' || startsWith(fromJSON(needs.plan.outputs.rules).ref, 'refs/tags/v')",
    );
  });

  it('serialise rollouts per Service and environment, queueing instead of cancelling', () => {
    for (const env of ['dev', 'staging', 'prod']) {
      expect(cd.jobs[env]?.concurrency).toEqual({
        group: `chatbot-service-${env}`,
        'cancel-in-progress': false,
      });
    }
  });

  it('pin every action by a 40-hex commit', () => {
    for (const workflow of [ci, cd]) {
      for (const job of Object.values(workflow.jobs)) {
        for (const step of job.steps) if (step.uses) expect(step.uses).toMatch(/@[0-9a-f]{40}$/);
      }
    }
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
      for (const [name, value] of Object.entries(step.env ?? {})) {
        // The one non-secret: the CI run's branch or tag name, passed through the environment (quoted in
        // the shell) rather than spliced into the command line, where a crafted name could inject.
        if (name === 'HEAD_BRANCH') {
          // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS template
          expect(value).toBe('${{ github.event.workflow_run.head_branch }}');
          continue;
        }
        expect(value).toMatch(/^\$\{\{ secrets\.[A-Z0-9_]+ \}\}$/);
      }
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
    const sarif = steps.filter((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
    // One file, one run, one category per upload.
    expect(sarif.map((s) => [s.with?.sarif_file, s.with?.category])).toEqual([
      ['reports/scan/fs.sarif', 'trivy-repository'],
      ['reports/scan/image.sarif', 'trivy-image'],
    ]);
    expect(steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))?.with?.path).toContain(
      'reports/coverage',
    );
    const notify = [...daggerSteps(ci), ...daggerSteps(cd)].filter((s) => s.with?.args?.startsWith('notify'));
    expect(notify.length).toBeGreaterThanOrEqual(4);
    for (const step of notify) expect(step.with?.args).toContain('--webhook=env://WEBHOOK');
  });
});
