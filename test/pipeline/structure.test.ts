/**
 * Structure of the pipelines as a real engine would receive them: the lazily built query of each
 * container, read without an engine (see query-tree.ts). What only a real engine can confirm (image tags
 * exist, Trivy's verdict, a push) is listed in docs/pipeline.md.
 */
import { readFileSync } from 'node:fs';
import { dag, ReturnType } from '@dagger.io/dagger';
import { describe, expect, it } from 'vitest';
import {
  APP_PORT,
  IMAGES,
  operatorCli,
  orasAttach,
  RUNTIME_NODE,
  runtimeImage,
  SERVICE_NODE_FLAGS,
  testRun,
  trivyDatabase,
  trivyScan,
  webhookPost,
  withRegistry,
} from '../../pipeline/src/containers.ts';
import { ShopyverseChatbot } from '../../pipeline/src/index.ts';
import { ENVIRONMENT_SPECS } from '../../src/delivery/environments.ts';
import { RUNTIME_NODE as MANIFEST_NODE, schemaJob } from '../../src/delivery/manifests.ts';
import { type Call, calls, envOf, execs, lastCall, queryOf } from './query-tree.ts';

const source = dag.directory();
const module = new ShopyverseChatbot(source);
const PLAINTEXT = 'hunter2-not-a-real-secret';
const secret = (name: string) => dag.setSecret(name, PLAINTEXT);

/** Every string in the query except inside `setSecret` (where the engine keeps it). */
function visibleStrings(query: Call[]): string[] {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object' && (value as Call).operation !== 'setSecret') {
      Object.values(value).forEach(walk);
    }
  };
  walk(query);
  return out;
}

describe('test pipeline', () => {
  const query = queryOf(testRun(source, 70));

  it('binds PostgreSQL and Qdrant service containers started from their entrypoints', () => {
    const bindings = calls(query, 'withServiceBinding');
    expect(bindings.map((b) => b.args.alias)).toEqual(['postgres', 'qdrant']);
    const [postgres, qdrant] = bindings.map((b) => b.args.service as Call[]);
    expect(lastCall(postgres ?? [], 'from')?.args.address).toBe(IMAGES.postgres);
    expect(lastCall(postgres ?? [], 'asService')?.args).toEqual({ useEntrypoint: true });
    expect(lastCall(postgres ?? [], 'withExposedPort')?.args.port).toBe(5432);
    expect(lastCall(qdrant ?? [], 'from')?.args.address).toBe(IMAGES.qdrant);
    expect(lastCall(qdrant ?? [], 'withExposedPort')?.args.port).toBe(6333);
  });

  it('points the tests at the services, so the Qdrant contract tests run for real', () => {
    const env = envOf(query);
    expect(new URL(env.TEST_DATABASE_URL ?? '').host).toBe('postgres:5432');
    expect(env.QDRANT_URL).toBe('http://qdrant:6333');
    expect(env.CI).toBe('true');
  });

  it("runs the README's test command with coverage enforced at the minimum on every axis", () => {
    expect(execs(query).at(-1)).toEqual([
      'npm',
      'test',
      '--',
      '--coverage.thresholds.lines=70',
      '--coverage.thresholds.statements=70',
      '--coverage.thresholds.functions=70',
      '--coverage.thresholds.branches=70',
    ]);
    expect(execs(queryOf(testRun(source, 85))).at(-1)).toContain('--coverage.thresholds.branches=85');
    expect(
      execs(query).some((e) => e.join(' ').includes('apt-get install -y -qq chromium postgresql prometheus')),
    ).toBe(true);
  });

  it('returns the coverage report file', () => {
    const file = queryOf(module.test(70));
    expect(file.at(-1)).toEqual({ operation: 'file', args: { path: '/app/coverage/lcov.info' } });
  });
});

describe('runtime image', () => {
  const image = queryOf(
    runtimeImage(source, { version: '1.2.3', revision: 'abc1234', sourceUrl: 'https://github.com/o/r' }),
  );

  it('runs on distroless Node 24 (no shell, no npm) as a numeric non-root user, honouring PORT', () => {
    expect(calls(image, 'from').map((c) => c.args.address)).toEqual([IMAGES.runtime]);
    expect(IMAGES.runtime).toMatch(/^gcr\.io\/distroless\/nodejs24-debian12:nonroot$/);
    expect(lastCall(image, 'withUser')?.args.name).toBe('65532:65532');
    expect(envOf(image).PORT).toBe(String(APP_PORT));
    expect(lastCall(image, 'withExposedPort')?.args.port).toBe(APP_PORT);
    const entrypoint = lastCall(image, 'withEntrypoint')?.args.args as string[];
    expect(entrypoint[0]).toBe('/nodejs/bin/node');
    expect(entrypoint).toEqual(['/nodejs/bin/node', ...SERVICE_NODE_FLAGS, 'dist/main.mjs']);
    // The image's node runs with the heap flags `npm start` gives it, so the measured service is the shipped one.
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(manifest.scripts.start).toBe(`node ${SERVICE_NODE_FLAGS.join(' ')} dist/main.mjs`);
    // Distroless has no shell: the runtime stage's one exec is node itself, filling the NLU model and store
    // template caches in the image (as root, before the switch to the service's user).
    expect(execs(image)).toEqual([
      [
        RUNTIME_NODE,
        '--experimental-strip-types',
        '--disable-warning=ExperimentalWarning',
        'scripts/warm-caches.ts',
      ],
    ]);
    // The bundle is built by the toolchain stage (esbuild is a dev dependency) and copied in.
    const bundle = calls(image, 'withDirectory').find((c) => c.args.path === '/app/dist');
    expect(execs(bundle?.args.source as Call[])).toContainEqual(['node', 'scripts/build.mjs']);
    const data = calls(image, 'withDirectory').find((c) => c.args.path === envOf(image).CHATBOT_DATA_DIR);
    expect(data?.args.owner).toBe('65532:65532');
  });

  it('copies only production dependencies, installed from the lockfile in a separate stage', () => {
    const modules = calls(image, 'withDirectory').find((c) => c.args.path === '/app/node_modules');
    const stage = modules?.args.source as Call[];
    expect(execs(stage)).toEqual([['npm', 'ci', '--no-audit', '--no-fund', '--omit=dev']]);
    // The dependency stage sees only what npm ci reads (manifest, lockfile, the postinstall patch), so a
    // source change keeps its cache.
    expect(calls(stage, 'withFile').map((c) => c.args.path)).toEqual([
      '/app/package.json',
      '/app/package-lock.json',
      '/app/scripts/patch-dependencies.mjs',
    ]);
    expect(execs(image).some((e) => e.includes('npm'))).toBe(false);
  });

  it('leaves tests and delivery tooling out', () => {
    const src = calls(image, 'withDirectory').find((c) => c.args.path === '/app/src');
    expect(src?.args.exclude).toEqual(['**/*.test.ts', 'delivery/**', 'monitoring/**']);
  });

  it('can run the migration Job the traffic engine starts: its node and src/db/cli.ts are in the image', () => {
    const job = schemaJob(ENVIRONMENT_SPECS.prod, { image: 'x', version: '1.2.3' }, { kind: 'migrate' });
    const command = (job.spec.template.spec.containers as Array<{ command: string[] }>)[0]?.command ?? [];
    expect(command[0]).toBe(RUNTIME_NODE);
    expect(MANIFEST_NODE).toBe(RUNTIME_NODE);
    expect(command).toContain('src/db/cli.ts');
    const src = calls(image, 'withDirectory').find((c) => c.args.path === '/app/src');
    const excluded = (src?.args.exclude ?? []) as string[];
    expect(excluded.some((glob) => glob.startsWith('db'))).toBe(false);
  });

  it('carries the OCI labels', () => {
    const labels = Object.fromEntries(calls(image, 'withLabel').map((c) => [c.args.name, c.args.value]));
    expect(labels).toMatchObject({
      'org.opencontainers.image.source': 'https://github.com/o/r',
      'org.opencontainers.image.revision': 'abc1234',
      'org.opencontainers.image.version': '1.2.3',
    });
  });

  it('is what the build function returns', () => {
    expect(queryOf(module.build('1.2.3', 'abc1234', 'https://github.com/o/r'))).toEqual(image);
  });
});

describe('credentials and side effects', () => {
  it('publishes with registry auth whose password is a Secret', () => {
    const query = queryOf(
      withRegistry(module.build(), { host: 'ghcr.io', username: 'bot', password: secret('token') }),
    );
    const auth = lastCall(query, 'withRegistryAuth');
    expect(auth?.args).toMatchObject({ address: 'ghcr.io', username: 'bot' });
    expect(calls(auth?.args.secret as Call[], 'setSecret')).toHaveLength(1);
    expect(visibleStrings(query)).not.toContain(PLAINTEXT);
  });

  it('mounts the kubeconfig as a secret file and busts the exec cache for every deploy', () => {
    const query = queryOf(
      operatorCli(source, secret('kube'), '2026-11-26T10:00:00Z', {
        prometheusUrl: 'http://prom:9090',
        apiKey: secret('key'),
      }),
    );
    expect(lastCall(query, 'withMountedSecret')?.args.path).toBe('/run/secrets/kubeconfig');
    expect(envOf(query)).toMatchObject({
      KUBECONFIG: '/run/secrets/kubeconfig',
      PIPELINE_RUN_AT: '2026-11-26T10:00:00Z',
      PROMETHEUS_URL: 'http://prom:9090',
    });
    expect(lastCall(query, 'withSecretVariable')?.args.name).toBe('CHATBOT_API_KEY');
    expect(visibleStrings(query)).not.toContain(PLAINTEXT);
  });

  it('never puts a secret in an argument list: oras reads the password on stdin, curl the URL from the env', () => {
    const attach = queryOf(
      orasAttach({
        registry: 'ghcr.io',
        username: 'bot',
        password: secret('p'),
        subject: 'ghcr.io/o/r@sha256:00',
        sbom: dag.directory().file('x'),
      }),
    );
    expect(lastCall(attach, 'withSecretVariable')?.args.name).toBe('REGISTRY_PASSWORD');
    expect(execs(attach).at(-1)?.join(' ')).toContain('--password-stdin');
    const post = queryOf(webhookPost(secret('hook'), '{"text":"hi"}', 'now'));
    expect(lastCall(post, 'withSecretVariable')?.args.name).toBe('WEBHOOK_URL');
    for (const q of [attach, post]) expect(visibleStrings(q)).not.toContain(PLAINTEXT);
  });
});

describe('scans and SBOM', () => {
  it('gates on HIGH/CRITICAL with the ignore file and unfixed findings left out, reading the exit code', () => {
    const database = trivyDatabase('2026-11-29T20:00:00.000Z');
    const gate = queryOf(
      trivyScan({ kind: 'fs', source }, ['--severity', 'HIGH,CRITICAL', '--exit-code', '1'], {
        database,
        expect: ReturnType.Any,
      }),
    );
    const exec = lastCall(gate, 'withExec');
    expect(exec?.args.expect).toBe(ReturnType.Any);
    expect(exec?.args.args).toEqual(
      expect.arrayContaining([
        'trivy',
        'fs',
        '--ignorefile',
        '/src/.trivyignore',
        '--ignore-unfixed',
        '--skip-db-update',
        '--exit-code',
        '1',
      ]),
    );
    const image = queryOf(
      trivyScan({ kind: 'image', tarball: module.build().asTarball(), source }, ['--format', 'sarif'], {
        database,
      }),
    );
    expect(lastCall(image, 'withMountedFile')?.args.path).toBe('/image.tar');
    expect(lastCall(image, 'withExec')?.args.args).toEqual(
      expect.arrayContaining(['trivy', 'image', '--input', '/image.tar']),
    );
  });

  it('gives every scan its own copy of one fresh database: no shared cache volume, no stale verdict', () => {
    const database = trivyDatabase('2026-11-29T20:00:00.000Z');
    const download = queryOf(database);
    expect(execs(download)).toEqual([
      ['trivy', 'image', '--download-db-only', '--cache-dir', '/trivy-cache'],
    ]);
    // The run's time is part of the query: a warm engine downloads again instead of replaying a cached DB.
    expect(envOf(download).PIPELINE_RUN_AT).toBe('2026-11-29T20:00:00.000Z');
    const scan = queryOf(trivyScan({ kind: 'fs', source }, ['--format', 'sarif'], { database }));
    expect(calls(scan, 'withMountedCache')).toEqual([]);
    expect(calls(scan, 'withDirectory').map((c) => c.args.path)).toContain('/trivy-cache');
    expect(envOf(scan).TRIVY_CACHE_DIR).toBe('/trivy-cache');
  });

  it('builds one CycloneDX file for the npm production tree and one for the image', () => {
    const sbom = queryOf(module.sbom());
    const files = calls(sbom, 'withFile');
    expect(files.map((f) => f.args.path)).toEqual(['dependencies.cdx.json', 'image.cdx.json']);
    const deps = files[0]?.args.source as Call[];
    expect(execs(deps).at(-1)).toEqual([
      'npm',
      'run',
      'sbom',
      '--',
      '--output-file',
      '/tmp/dependencies.cdx.json',
    ]);
    const image = files[1]?.args.source as Call[];
    expect(execs(image).at(-1)).toEqual(expect.arrayContaining(['trivy', 'image', '--format', 'cyclonedx']));
  });
});
