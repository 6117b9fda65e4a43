/**
 * Lazy container builders behind the module's functions. Nothing here talks to an engine: each function
 * only extends a query, so the structure tests in test/pipeline/ can inspect what a real engine would run.
 */
import {
  type Container,
  type Directory,
  dag,
  type File,
  type ReturnType,
  type Secret,
  type Service,
} from '@dagger.io/dagger';

// Image references in one place; a real engine is the only thing that can confirm each tag still exists.
export const IMAGES = {
  /** Build stages (npm ci, the toolchain, the operator CLI). */
  node: 'node:24.21.0-bookworm-slim',
  /**
   * The runtime: Google's distroless Node 24 on Debian 12, user nonroot (65532). No shell, no apt, no npm
   * or corepack (npm's bundled packages were most of the slim image's npm findings) and a handful of
   * Debian packages (glibc, libssl, ca-certificates, tzdata), so few findings Trivy cannot ignore as unfixed.
   */
  runtime: 'gcr.io/distroless/nodejs24-debian12:nonroot',
  /** Full Debian image for the test run: apt brings Chromium, PostgreSQL binaries and promtool. */
  nodeFull: 'node:24.21.0-bookworm',
  postgres: 'postgres:16.10-bookworm',
  qdrant: 'qdrant/qdrant:v1.16.3',
  trivy: 'aquasec/trivy:0.67.2',
  alpine: 'alpine:3.22',
} as const;

export const APP_PORT = 8080;
/** distroless's `nonroot` user, numeric so Kubernetes can verify runAsNonRoot. */
export const RUNTIME_USER = '65532:65532';
/** Where distroless keeps node (its entrypoint; there is no PATH lookup without a shell). */
export const RUNTIME_NODE = '/nodejs/bin/node';
/** How the image's node runs the TypeScript sources. */
const NODE_FLAGS = ['--experimental-strip-types', '--disable-warning=ExperimentalWarning'];
/**
 * V8's flags for the service, as in package.json's start script: a 16 MB young generation (the default grows to
 * 64 MB under load) and an old generation that grows by half its live size after a collection (peak RSS under
 * saturation 386 → 214 MB on PostgreSQL for ~5 % of the throughput); and WebAssembly left to its baseline
 * compiler, which only the embedded store's PGlite uses: optimising PostgreSQL's parser alone takes ~600 MB for
 * most of a second (peak RSS 887 → 433 MB, ~19 % fewer embedded turns). docs/performance.md.
 */
export const SERVICE_NODE_FLAGS = ['--max-semi-space-size=16', '--heap-growing-percent=50', '--liftoff-only'];
const RUNTIME_DATA_DIR = '/home/nonroot/data';
const WORKDIR = '/app';
/** Throwaway credentials of the test database service; it lives only for one `test` call. */
const TEST_DB = { user: 'chatbot', password: 'chatbot-test', database: 'chatbot_test' } as const;

/** What `npm ci` reads: the manifest, the lockfile and the postinstall that patches a dependency. */
const INSTALL_FILES = ['package.json', 'package-lock.json', 'scripts/patch-dependencies.mjs'];

/** The repository checkout with npm's cache shared across runs; the lockfile layer is installed first. */
function withLockfileInstall(base: Container, source: Directory, npmArgs: string[]): Container {
  let container = base.withMountedCache('/root/.npm', dag.cacheVolume('shopyverse-npm')).withWorkdir(WORKDIR);
  for (const file of INSTALL_FILES) container = container.withFile(`${WORKDIR}/${file}`, source.file(file));
  return container.withExec(['npm', 'ci', '--no-audit', '--no-fund', ...npmArgs]);
}

/** Node 24 with every dependency (dev included) installed from the lockfile and the source on top. */
export function toolchain(source: Directory): Container {
  return withLockfileInstall(dag.container().from(IMAGES.node), source, []).withDirectory(WORKDIR, source);
}

/** `dist/`: the service bundled by esbuild (a dev dependency), so it is built in the toolchain stage. */
export function serviceBundle(source: Directory): Directory {
  return toolchain(source).withExec(['node', 'scripts/build.mjs']).directory(`${WORKDIR}/dist`);
}

export function postgresService(): Service {
  return dag
    .container()
    .from(IMAGES.postgres)
    .withEnvVariable('POSTGRES_USER', TEST_DB.user)
    .withEnvVariable('POSTGRES_PASSWORD', TEST_DB.password)
    .withEnvVariable('POSTGRES_DB', TEST_DB.database)
    .withExposedPort(5432)
    .asService({ useEntrypoint: true });
}

export function qdrantService(): Service {
  return dag.container().from(IMAGES.qdrant).withExposedPort(6333).asService({ useEntrypoint: true });
}

/**
 * The project's test command with the machine setup `.ci/run` does (Chromium, PostgreSQL binaries for the
 * outage tests that stop their own server, promtool), bound to PostgreSQL and Qdrant service containers, so
 * the Qdrant contract tests run for real here. Coverage thresholds are raised to `minCoverage` on every axis.
 */
export function testRun(source: Directory, minCoverage: number): Container {
  const machine = dag
    .container()
    .from(IMAGES.nodeFull)
    .withMountedCache('/var/cache/apt/archives', dag.cacheVolume('shopyverse-apt'))
    .withExec([
      'sh',
      '-c',
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium postgresql prometheus',
    ]);
  const thresholds = ['lines', 'statements', 'functions', 'branches'].map(
    (axis) => `--coverage.thresholds.${axis}=${minCoverage}`,
  );
  return withLockfileInstall(machine, source, [])
    .withDirectory(WORKDIR, source)
    .withServiceBinding('postgres', postgresService())
    .withServiceBinding('qdrant', qdrantService())
    .withEnvVariable('CI', 'true')
    .withEnvVariable('PROMETHEUS_BIN_DIR', '/usr/bin')
    .withEnvVariable(
      'TEST_DATABASE_URL',
      `postgres://${TEST_DB.user}:${TEST_DB.password}@postgres:5432/${TEST_DB.database}`,
    )
    .withEnvVariable('QDRANT_URL', 'http://qdrant:6333')
    .withExec(['npm', 'test', '--', ...thresholds]);
}

export interface ImageMetadata {
  version: string;
  revision: string;
  sourceUrl: string;
}

/**
 * The runtime image, two stages on Node 24: production dependencies installed from the lockfile in the
 * first (node:…-slim, where npm is), copied into a distroless second stage with only what the service
 * runs (no tests, no delivery or monitoring tooling, no npm, no shell). Files stay owned by root and the
 * process runs as the unprivileged `nonroot`. No package has a native addon, so the glibc of the
 * build stage and the runtime (both Debian 12) need not match beyond that.
 */
export function runtimeImage(source: Directory, meta: ImageMetadata): Container {
  // Scripts stay on: the project's postinstall patches postgres (dependencies' own install scripts are
  // gated by npm 11's allowScripts in package.json).
  const deps = withLockfileInstall(dag.container().from(IMAGES.node), source, ['--omit=dev']);
  const labels: Record<string, string> = {
    'org.opencontainers.image.title': 'shopyverse-chatbot',
    'org.opencontainers.image.description': 'ShopyVerse customer-support and shopping assistant',
    'org.opencontainers.image.source': meta.sourceUrl,
    'org.opencontainers.image.revision': meta.revision,
    'org.opencontainers.image.version': meta.version,
    'org.opencontainers.image.licenses': 'Apache-2.0',
  };
  let image = dag
    .container()
    .from(IMAGES.runtime)
    .withWorkdir(WORKDIR)
    .withDirectory(`${WORKDIR}/node_modules`, deps.directory(`${WORKDIR}/node_modules`))
    .withFile(`${WORKDIR}/package.json`, source.file('package.json'))
    .withDirectory(`${WORKDIR}/src`, source.directory('src'), {
      exclude: ['**/*.test.ts', 'delivery/**', 'monitoring/**'],
    })
    .withDirectory(`${WORKDIR}/content`, source.directory('content'))
    .withDirectory(`${WORKDIR}/drizzle`, source.directory('drizzle'))
    // The embedded store (no DATABASE_URL) needs one writable place; the app's files stay read-only.
    // No exec: distroless has no shell and no `install`, so the directory is written with its owner.
    .withDirectory(RUNTIME_DATA_DIR, dag.directory(), { owner: RUNTIME_USER })
    .withEnvVariable('NODE_ENV', 'production')
    .withEnvVariable('PORT', String(APP_PORT))
    .withEnvVariable('HOST', '0.0.0.0')
    .withEnvVariable('CHATBOT_DATA_DIR', RUNTIME_DATA_DIR);
  for (const [name, value] of Object.entries(labels)) image = image.withLabel(name, value);
  return (
    image
      // The bundle the service starts from (scripts/build.mjs, built with the dev toolchain): one file to
      // compile instead of some 700 modules to resolve and type-strip. Sources stay beside it for their data.
      .withDirectory(`${WORKDIR}/dist`, serviceBundle(source))
      // The trained NLU model and the pre-initialised embedded data directory go into the image
      // (node_modules/.cache, read-only at run time), so no pod trains or runs initdb. Node itself is the
      // command (distroless has no shell); root writes them, the service reads them.
      .withFile(`${WORKDIR}/scripts/warm-caches.ts`, source.file('scripts/warm-caches.ts'))
      .withUser('0:0')
      .withExec([RUNTIME_NODE, ...NODE_FLAGS, 'scripts/warm-caches.ts'])
      .withUser(RUNTIME_USER)
      .withExposedPort(APP_PORT)
      .withEntrypoint([RUNTIME_NODE, ...SERVICE_NODE_FLAGS, 'dist/main.mjs'])
  );
}

const TRIVY_CACHE = '/trivy-cache';

/**
 * Trivy's vulnerability database, downloaded once per pipeline run: `runAt` busts the exec cache, so a
 * warm engine never replays yesterday's database (and with it yesterday's verdict).
 */
export function trivyDatabase(runAt: string): Directory {
  return dag
    .container()
    .from(IMAGES.trivy)
    .withEnvVariable('TRIVY_NO_PROGRESS', 'true')
    .withEnvVariable('PIPELINE_RUN_AT', runAt)
    .withExec(['trivy', 'image', '--download-db-only', '--cache-dir', TRIVY_CACHE])
    .directory(TRIVY_CACHE);
}

/**
 * Trivy with that run's database copied into its own filesystem: no cache volume is shared between the
 * scans that run in parallel (Trivy ≥ 0.65 gives up after 5 s on a cache another process holds locked),
 * and no scan updates the database or the checks bundle itself.
 */
export function trivy(database: Directory): Container {
  return dag
    .container()
    .from(IMAGES.trivy)
    .withDirectory(TRIVY_CACHE, database)
    .withEnvVariable('TRIVY_NO_PROGRESS', 'true')
    .withEnvVariable('TRIVY_CACHE_DIR', TRIVY_CACHE);
}

export type ScanTarget =
  | { kind: 'fs'; source: Directory }
  | { kind: 'image'; tarball: File; source: Directory };

/** Flags every scan shares: the triaged ignore file, findings without a fix left out, nothing downloaded. */
export const TRIVY_COMMON_ARGS = [
  '--ignorefile',
  '/src/.trivyignore',
  '--ignore-unfixed',
  '--skip-db-update',
  '--skip-java-db-update',
  '--skip-check-update',
] as const;

/**
 * Trivy on one target; the arguments decide between a report (SARIF, CycloneDX) and the gate, and the gate
 * passes `expect: Any` so its exit code can be read instead of failing the query.
 */
export function trivyScan(
  target: ScanTarget,
  args: string[],
  options: { database: Directory; expect?: ReturnType },
): Container {
  const opts = options.expect ? { expect: options.expect } : {};
  const base = trivy(options.database).withMountedDirectory('/src', target.source).withWorkdir('/out');
  const common = [...TRIVY_COMMON_ARGS];
  if (target.kind === 'fs') {
    return base.withExec(
      ['trivy', 'fs', '--scanners', 'vuln,secret,misconfig', ...common, ...args, '/src'],
      opts,
    );
  }
  return base
    .withMountedFile('/image.tar', target.tarball)
    .withExec(
      ['trivy', 'image', '--scanners', 'vuln,secret', ...common, ...args, '--input', '/image.tar'],
      opts,
    );
}

/** CycloneDX JSON of every package in an image, from Trivy. */
export function imageSbom(image: Container, source: Directory, database: Directory): File {
  return trivyScan(
    { kind: 'image', tarball: image.asTarball(), source },
    ['--format', 'cyclonedx', '--output', '/out/image.cdx.json'],
    { database },
  ).file('/out/image.cdx.json');
}

/**
 * A container that runs the project's operator CLI against a cluster: the kubeconfig is a mounted secret,
 * never an env var or a layer, and `runAt` busts the exec cache so a repeated command runs again.
 */
export function operatorCli(
  source: Directory,
  kubeconfig: Secret,
  runAt: string,
  options: { prometheusUrl?: string; apiKey?: Secret } = {},
): Container {
  let container = toolchain(source)
    .withMountedSecret('/run/secrets/kubeconfig', kubeconfig)
    .withEnvVariable('KUBECONFIG', '/run/secrets/kubeconfig')
    .withEnvVariable('PIPELINE_RUN_AT', runAt);
  if (options.prometheusUrl) container = container.withEnvVariable('PROMETHEUS_URL', options.prometheusUrl);
  if (options.apiKey) container = container.withSecretVariable('CHATBOT_API_KEY', options.apiKey);
  return container;
}

/** The image with credentials for its registry; the password is a Secret and never leaves the engine. */
export function withRegistry(
  image: Container,
  registry: { host: string; username: string; password: Secret },
): Container {
  return image.withRegistryAuth(registry.host, registry.username, registry.password);
}

/** Alpine with `oras`, used to attach the SBOM to a pushed image as an OCI referrer. */
export function orasAttach(args: {
  registry: string;
  username: string;
  password: Secret;
  subject: string;
  sbom: File;
}): Container {
  return dag
    .container()
    .from(IMAGES.alpine)
    .withExec(['apk', 'add', '--no-cache', 'oras-cli'])
    .withMountedFile('/sbom/image.cdx.json', args.sbom)
    .withWorkdir('/sbom')
    .withEnvVariable('REGISTRY_USER', args.username)
    .withSecretVariable('REGISTRY_PASSWORD', args.password)
    .withEnvVariable('SUBJECT', args.subject)
    .withExec([
      'sh',
      '-c',
      // The password reaches oras on stdin; it never appears in an argument list or a log line.
      'printf %s "$REGISTRY_PASSWORD" | oras attach --username "$REGISTRY_USER" --password-stdin ' +
        '--artifact-type application/vnd.cyclonedx+json "$SUBJECT" image.cdx.json:application/vnd.cyclonedx+json',
    ]);
}

/** Posts a JSON message to a chat webhook (Slack/Teams/Discord-compatible `text`); the URL is a secret. */
export function webhookPost(webhook: Secret, payload: string, runAt: string): Container {
  return dag
    .container()
    .from(IMAGES.alpine)
    .withExec(['apk', 'add', '--no-cache', 'curl'])
    .withSecretVariable('WEBHOOK_URL', webhook)
    .withEnvVariable('PAYLOAD', payload)
    .withEnvVariable('PIPELINE_RUN_AT', runAt)
    .withExec([
      'sh',
      '-c',
      'curl -fsS --max-time 20 -X POST -H "Content-Type: application/json" --data "$PAYLOAD" "$WEBHOOK_URL" >/dev/null',
    ]);
}
