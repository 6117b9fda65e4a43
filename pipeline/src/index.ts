/**
 * ShopyVerse Chatbot delivery pipeline: `dagger call ci` on a laptop runs exactly what GitHub Actions runs.
 *
 * The container builders live in containers.ts and the release rules in release.ts; this class only wires
 * them into Dagger functions. Functions with side effects (publish, deploy, promote, rollback, smoke,
 * notify, cd) are never cached.
 */
import {
  argument,
  type Container,
  type Directory,
  dag,
  type File,
  func,
  object,
  ReturnType,
  type Secret,
} from '@dagger.io/dagger';
import {
  imageSbom,
  operatorCli,
  orasAttach,
  runtimeImage,
  testRun,
  toolchain,
  trivyDatabase,
  trivyScan,
  webhookPost,
  withRegistry,
} from './containers.js';
import { imageRepository, releasePlan, workflowRunRef } from './release.js';

const SOURCE_IGNORE = ['node_modules', '.git', 'coverage', 'reports', '.data', 'pipeline/sdk', '**/*.log'];

@object()
export class ShopyverseChatbot {
  /** The repository checkout. */
  @func()
  source: Directory;

  constructor(
    /** The repository to build; defaults to the repository this module lives in. */
    @argument({ defaultPath: '/', ignore: SOURCE_IGNORE }) source: Directory,
  ) {
    this.source = source;
  }

  /** Biome lint and format check (`npm run lint`). */
  @func()
  async lint(): Promise<string> {
    return toolchain(this.source).withExec(['npm', 'run', 'lint']).stdout();
  }

  /** TypeScript check of the service, scripts, tests and this module (`npm run typecheck`). */
  @func()
  async typecheck(): Promise<string> {
    return toolchain(this.source).withExec(['npm', 'run', 'typecheck']).stdout();
  }

  /**
   * npm audit of the whole dependency tree; fails on moderate or worse unless the advisory is in the
   * allow-list file (each entry with a reason and an expiry date).
   */
  @func()
  async audit(
    /** Accepted advisories; defaults to audit-allowlist.json in the repository. */
    allowList?: File,
  ): Promise<string> {
    let container = toolchain(this.source);
    if (allowList) container = container.withFile('/app/audit-allowlist.json', allowList);
    return container
      .withEnvVariable('PIPELINE_RUN_AT', new Date().toISOString().slice(0, 10))
      .withExec(['sh', '-c', 'npm audit --json > /tmp/audit.json || true'])
      .withExec([
        'node',
        '--experimental-strip-types',
        '--disable-warning=ExperimentalWarning',
        'scripts/audit-gate.ts',
        '/tmp/audit.json',
        'audit-allowlist.json',
      ])
      .stdout();
  }

  /**
   * The project's test command against PostgreSQL and Qdrant service containers, with coverage enforced
   * on lines, statements, functions and branches. Returns the LCOV coverage report.
   */
  @func()
  test(
    /** Minimum coverage in percent on every axis. */
    minCoverage = 70,
  ): File {
    return testRun(this.source, minCoverage).file('/app/coverage/lcov.info');
  }

  /** The runtime image: multi-stage, Node 24, production dependencies only, non-root, OCI labels. */
  @func()
  build(
    /** Semantic version recorded in the image label. */
    version = '0.0.0-dev',
    /** Git commit the image is built from. */
    revision = 'unknown',
    /** Repository URL recorded in the image label. */
    sourceUrl = 'https://github.com/shopyverse/chatbot',
  ): Container {
    return runtimeImage(this.source, { version, revision, sourceUrl });
  }

  /**
   * CycloneDX JSON SBOMs: `dependencies.cdx.json` (the production npm tree) and `image.cdx.json` (every
   * package in the built image).
   */
  @func()
  sbom(): Directory {
    const dependencies = toolchain(this.source)
      .withExec(['npm', 'run', 'sbom', '--', '--output-file', '/tmp/dependencies.cdx.json'])
      .file('/tmp/dependencies.cdx.json');
    const image = imageSbom(this.build(), this.source, trivyDatabase(new Date().toISOString()));
    return dag.directory().withFile('dependencies.cdx.json', dependencies).withFile('image.cdx.json', image);
  }

  /**
   * Trivy scans of the repository and of the image; returns `fs.sarif` and `image.sarif` for code scanning
   * (one SARIF run each, uploaded under its own category). Fails on HIGH or CRITICAL findings that have a
   * fix and are not listed in .trivyignore, unless failOnFindings is false. The vulnerability database is
   * downloaded fresh for every call and copied into each scan, so parallel scans share no cache.
   */
  @func()
  async scan(
    /** Fail when HIGH or CRITICAL findings remain; false only produces the reports. */
    failOnFindings = true,
  ): Promise<Directory> {
    return this.scanWith(trivyDatabase(new Date().toISOString()), failOnFindings);
  }

  private async scanWith(database: Directory, failOnFindings: boolean): Promise<Directory> {
    const fs = { kind: 'fs', source: this.source } as const;
    const image = { kind: 'image', tarball: this.build().asTarball(), source: this.source } as const;
    const sarif = ['--format', 'sarif', '--output'];
    const reports = dag
      .directory()
      .withFile('fs.sarif', trivyScan(fs, [...sarif, '/out/fs.sarif'], { database }).file('/out/fs.sarif'))
      .withFile(
        'image.sarif',
        trivyScan(image, [...sarif, '/out/image.sarif'], { database }).file('/out/image.sarif'),
      );
    if (!failOnFindings) return reports;
    const gate = ['--severity', 'HIGH,CRITICAL', '--exit-code', '1', '--format', 'table'];
    const failures: string[] = [];
    for (const [name, target] of [
      ['repository', fs],
      ['image', image],
    ] as const) {
      const run = trivyScan(target, gate, { database, expect: ReturnType.Any });
      if ((await run.exitCode()) !== 0) failures.push(`${name}:\n${await run.stdout()}`);
    }
    if (failures.length > 0) throw new Error(`HIGH/CRITICAL findings in the ${failures.join('\n')}`);
    return reports;
  }

  /**
   * The release rules for the commit a green CI run tested, as JSON
   * (`{"ref": "...", "tags": [...], "version": "...", "environments": [...]}`): what cd.yml reads to decide
   * which environments the commit reaches, so a pre-release tag never reaches prod, and which version
   * names its revision.
   */
  @func()
  async releaseRules(
    /** The CI run's `head_branch` (a branch name, or the tag name for a tag push). */
    headBranch: string,
    /** The CI run's `head_sha`. */
    sha: string,
  ): Promise<string> {
    const ref = workflowRunRef(headBranch);
    return JSON.stringify({ ref, ...(await this.releasePlan(ref, sha)) });
  }

  /**
   * Builds and pushes the image to the registry with one tag per release rule (semantic version, branch,
   * short sha, `latest` on main), attaches the image SBOM, and returns the digest reference.
   */
  @func({ cache: 'never' })
  async publish(
    /** Git ref being released: refs/heads/<branch> or refs/tags/v<semver>. */
    ref: string,
    /** Full or short commit sha. */
    sha: string,
    /** Registry password or token (for GHCR, a token with packages:write). */
    password: Secret,
    /** Registry user name. */
    username: string,
    /** Repository path under the registry, e.g. owner/shopyverse-chatbot. */
    repository: string,
    /** Registry host. */
    registry = 'ghcr.io',
  ): Promise<string> {
    const plan = await this.releasePlan(ref, sha);
    const repo = imageRepository(registry, repository);
    const built = this.build(plan.version, sha, `https://github.com/${repository}`);
    const image = withRegistry(built, { host: registry, username, password });
    const pushed = await Promise.all(plan.tags.map((tag) => image.publish(`${repo}:${tag}`)));
    const digest = pushed[0]?.split('@')[1];
    if (!digest) throw new Error(`registry returned no digest for ${repo}`);
    const subject = `${repo}@${digest}`;
    // The SBOM of the very image pushed (its labels carry this release's version and revision).
    const sbom = imageSbom(built, this.source, trivyDatabase(new Date().toISOString()));
    await orasAttach({ registry, username, password, subject, sbom }).sync();
    return subject;
  }

  /**
   * Releases an image to one environment with that environment's strategy (dev rolling, staging canary
   * with metric gates, prod blue-green), through the project's traffic engine.
   */
  @func({ cache: 'never' })
  async deploy(
    /** dev, staging or prod. */
    environment: string,
    /** Image reference, ideally by digest (the output of publish). */
    image: string,
    /** Kubeconfig for the target cluster. */
    kubeconfig: Secret,
    /** Prometheus base URL for the canary gates; without it a gated step fails (no-data policy). */
    prometheusUrl = '',
    /** API key the blue-green smoke test presents to the candidate. */
    apiKey?: Secret,
    /**
     * The release version the revision is named after (`chatbot-service-1-3-0`); without it the CLI takes
     * the image tag, and an image by digest gives `…-sha256-<hex>`.
     */
    version = '',
  ): Promise<string> {
    const args = [
      'release',
      '--env',
      environment,
      '--image',
      image,
      ...(version ? ['--version', version] : []),
    ];
    return this.rollout(kubeconfig, args, { prometheusUrl, apiKey });
  }

  /**
   * Finishes the release waiting in the traffic block: a paused canary goes to 100 % at once; a blue-green
   * switches, bakes, runs its gate and rolls back on a breach. Refuses a candidate that failed unless force.
   */
  @func({ cache: 'never' })
  async promote(
    /** dev, staging or prod. */
    environment: string,
    /** Kubeconfig for the target cluster. */
    kubeconfig: Secret,
    /** Prometheus base URL for the post-switch gate of a blue-green. */
    prometheusUrl = '',
    /** Send traffic to a candidate recorded as failed. */
    force = false,
  ): Promise<string> {
    const args = ['promote', '--env', environment, ...(force ? ['--force'] : [])];
    return this.rollout(kubeconfig, args, { prometheusUrl });
  }

  /** Continues a paused canary through its remaining steps and gates. */
  @func({ cache: 'never' })
  async resume(
    /** dev, staging or prod. */
    environment: string,
    /** Kubeconfig for the target cluster. */
    kubeconfig: Secret,
    /** Prometheus base URL for the gates. */
    prometheusUrl = '',
    /** Continue a candidate recorded as failed. */
    force = false,
  ): Promise<string> {
    const args = ['resume', '--env', environment, ...(force ? ['--force'] : [])];
    return this.rollout(kubeconfig, args, { prometheusUrl });
  }

  /** Asks the running rollout to stop before its next step (traffic stays where it is). */
  @func({ cache: 'never' })
  async pause(
    /** dev, staging or prod. */
    environment: string,
    /** Kubeconfig for the target cluster. */
    kubeconfig: Secret,
  ): Promise<string> {
    return this.rollout(kubeconfig, ['pause', '--env', environment]);
  }

  /** Asks the running rollout to roll back now, or ends a paused one; the candidate is marked failed. */
  @func({ cache: 'never' })
  async abort(
    /** dev, staging or prod. */
    environment: string,
    /** Kubeconfig for the target cluster. */
    kubeconfig: Secret,
  ): Promise<string> {
    return this.rollout(kubeconfig, ['abort', '--env', environment]);
  }

  /** Sends all traffic back to the previous ready revision, or to the named one, at once. */
  @func({ cache: 'never' })
  async rollback(
    /** dev, staging or prod. */
    environment: string,
    /** Kubeconfig for the target cluster. */
    kubeconfig: Secret,
    /** Revision to return to; defaults to the one that served before the current. */
    revision = '',
  ): Promise<string> {
    const to = revision ? ['--to', revision] : [];
    return this.rollout(kubeconfig, ['rollback', '--env', environment, ...to]);
  }

  /** Checks a running deployment: health, readiness, and one chat turn answered with the contract's shape. */
  @func({ cache: 'never' })
  async smoke(
    /** Base URL of the service or of a revision's tag URL. */
    url: string,
    /** API key when the service requires one. */
    apiKey?: Secret,
  ): Promise<string> {
    let container = toolchain(this.source).withEnvVariable('PIPELINE_RUN_AT', new Date().toISOString());
    if (apiKey) container = container.withSecretVariable('CHATBOT_API_KEY', apiKey);
    return container.withExec(['npm', 'run', '--silent', 'smoke', '--', url]).stdout();
  }

  /**
   * Everything a change must pass: lint, typecheck, audit, test, build, sbom and scan, independent steps
   * in parallel. Returns the reports (coverage/lcov.info, sbom/*.cdx.json, scan/*.sarif); fails naming
   * every failed step.
   */
  @func()
  async ci(
    /** Minimum coverage in percent on every axis. */
    minCoverage = 70,
  ): Promise<Directory> {
    const coverage = this.test(minCoverage);
    const sbom = this.sbom();
    // One database for every scan of this run: fresh, downloaded once, copied into each scan.
    const database = trivyDatabase(new Date().toISOString());
    const steps: Array<[string, () => Promise<unknown>]> = [
      ['lint', () => this.lint()],
      ['typecheck', () => this.typecheck()],
      ['audit', () => this.audit()],
      ['test', () => coverage.sync()],
      ['build', () => this.build().sync()],
      ['sbom', () => sbom.sync()],
      ['scan', () => this.scanWith(database, true)],
    ];
    const outcomes = await Promise.allSettled(steps.map(([, run]) => run()));
    const failed = outcomes.flatMap((outcome, i) =>
      outcome.status === 'rejected' ? [`${steps[i]?.[0]}: ${String(outcome.reason).split('\n')[0]}`] : [],
    );
    if (failed.length > 0) throw new Error(`ci failed in ${failed.length} step(s):\n${failed.join('\n')}`);
    return dag
      .directory()
      .withFile('coverage/lcov.info', coverage)
      .withDirectory('sbom', sbom)
      .withDirectory('scan', await this.scanWith(database, false));
  }

  /**
   * Continuous delivery for one git ref: publishes the image, then deploys it to each environment the
   * release rules give (main → dev then staging; tag v<semver> → prod). Returns one line per step.
   */
  @func({ cache: 'never' })
  async cd(
    /** Git ref being released. */
    ref: string,
    /** Commit sha. */
    sha: string,
    /** Registry user name. */
    username: string,
    /** Registry password or token. */
    password: Secret,
    /** Repository path under the registry. */
    repository: string,
    /** Kubeconfig for the cluster that runs the environments. */
    kubeconfig: Secret,
    /** Prometheus base URL for the canary gates. */
    prometheusUrl = '',
    /** Registry host. */
    registry = 'ghcr.io',
  ): Promise<string> {
    const plan = await this.releasePlan(ref, sha);
    const image = await this.publish(ref, sha, password, username, repository, registry);
    const lines = [`published ${image} as ${plan.tags.join(', ')}`];
    for (const environment of plan.environments) {
      lines.push(await this.deploy(environment, image, kubeconfig, prometheusUrl, undefined, plan.version));
    }
    if (plan.environments.length === 0) lines.push(`no environment deploys from ${ref}`);
    return lines.join('\n');
  }

  /** Posts a pipeline result to a chat webhook (the URL is a secret and is never printed). */
  @func({ cache: 'never' })
  async notify(
    /** Incoming-webhook URL. */
    webhook: Secret,
    /** success, failure or cancelled. */
    status: string,
    /** One line on what ran. */
    summary: string,
    /** Link to the run. */
    runUrl = '',
  ): Promise<string> {
    const text = `ShopyVerse chatbot pipeline ${status}: ${summary}${runUrl ? ` (${runUrl})` : ''}`;
    await webhookPost(webhook, JSON.stringify({ text }), new Date().toISOString()).sync();
    return text;
  }

  /** Tags, version and target environments of a git ref, from the release rules and package.json. */
  private async releasePlan(ref: string, sha: string) {
    const packageJson = JSON.parse(await this.source.file('package.json').contents()) as { version: string };
    return releasePlan({ ref, sha, packageVersion: packageJson.version });
  }

  private async rollout(
    kubeconfig: Secret,
    args: string[],
    options: { prometheusUrl?: string; apiKey?: Secret } = {},
  ): Promise<string> {
    const container = operatorCli(this.source, kubeconfig, new Date().toISOString(), options);
    return container.withExec(['npm', 'run', '--silent', 'rollout', '--', ...args]).stdout();
  }
}
