// Bundles the service (src/main.ts and what it imports, dependencies included) into dist/ with esbuild.
// Why: on Node 24 a start spent about a second resolving, reading and type-stripping some 700 module
// files; one pre-compiled file loads in a tenth of that. `npm start` and the image run the bundle; tests
// and scripts keep running the TypeScript sources directly.
//
//   node scripts/build.mjs                 build into dist/
//   node scripts/build.mjs --if-stale      only when a source, the lockfile or this script is newer
//   node scripts/build.mjs --outdir DIR    somewhere else (the bundle still reads its data from src/)
//
// Plain JavaScript (no type stripping), so it runs before anything else on any supported Node.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: { 'if-stale': { type: 'boolean', default: false }, outdir: { type: 'string' } },
});
const root = resolve(import.meta.dirname, '..');
const outdir = resolve(args.outdir ?? join(root, 'dist'));
const entry = join(outdir, 'main.mjs');

// Packages left out of the bundle: PGlite finds its WebAssembly and data files beside its own module, and
// pino its transports; Qdrant's and Hugging Face's SDKs are loaded only when configured.
const EXTERNAL = ['@electric-sql/pglite', 'pino', '@qdrant/js-client-rest', '@huggingface/inference'];

/** Newest modification time among the inputs a bundle depends on. */
function newestInput() {
  let newest = Math.max(
    statSync(join(root, 'package-lock.json')).mtimeMs,
    statSync(import.meta.filename).mtimeMs,
  );
  for (const entry of readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function isFresh() {
  try {
    return statSync(entry).mtimeMs >= newestInput();
  } catch {
    return false;
  }
}

/**
 * Source files that find their data beside themselves (content/, drizzle/, src/nlu/data, src/web) keep
 * doing so: their `import.meta.dirname` and `import.meta.url` become their original location, worked out
 * from wherever the bundle sits, so the bundle and the sources read the same files.
 */
const keepOwnLocation = {
  name: 'keep-own-location',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
      let contents = readFileSync(args.path, 'utf8');
      if (contents.includes('import.meta.')) {
        const dir = JSON.stringify(relative(outdir, dirname(args.path)));
        const file = JSON.stringify(relative(outdir, args.path));
        contents = contents
          .replaceAll('import.meta.dirname', `__sourceDir(${dir})`)
          .replaceAll('import.meta.url', `__sourceUrl(${file})`);
      }
      return { contents, loader: 'ts' };
    });
  },
};

// Helpers every chunk can use: a `require` for the CommonJS dependencies bundled into an ES module, and
// the two location functions above.
const BANNER = [
  "import { createRequire as __createRequire } from 'node:module';",
  "import { resolve as __resolvePath } from 'node:path';",
  "import { pathToFileURL as __pathToFileURL } from 'node:url';",
  'const require = __createRequire(import.meta.url);',
  'const __sourceDir = (dir) => __resolvePath(import.meta.dirname, dir);',
  'const __sourceUrl = (file) => __pathToFileURL(__resolvePath(import.meta.dirname, file)).href;',
].join('\n');

if (args['if-stale'] && isFresh()) process.exit(0);

const esbuild = await import('esbuild').catch(() => undefined);
if (!esbuild) {
  console.error(
    'esbuild is not installed (a dev dependency): run `npm ci`, or `npm run start:source` to run the sources.',
  );
  process.exit(1);
}
const { build } = esbuild;
const started = performance.now();
await build({
  entryPoints: { main: join(root, 'src/main.ts') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22.12',
  outExtension: { '.js': '.mjs' },
  // Chunks sit beside main.mjs: the location helpers resolve from the directory of the file they are in.
  chunkNames: '[name]-[hash]',
  external: EXTERNAL,
  plugins: [keepOwnLocation],
  banner: { js: BANNER },
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
});
console.error(
  `bundled src/main.ts into ${relative(root, outdir) || '.'} in ${Math.round(performance.now() - started)} ms`,
);
