/**
 * Lists the Dagger module's functions offline with the SDK's own scanner, the code the engine runs to
 * register a TypeScript module. No engine is needed, and a real registration error (an unexported type, a
 * missing decorator, an unsupported argument type) fails here the same way.
 *
 * Two workarounds, both tied to the pinned SDK version (@dagger.io/dagger 0.21.9):
 * - the scanner is internal (not in the package's `exports`), so it is loaded by file path;
 * - it recognises the API types only in a file named `client.gen.ts` (what the engine generates into
 *   pipeline/sdk/), so the shipped declaration file is copied under that name for the scan.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ScannedArgument {
  name: string;
  type: string;
  optional: boolean;
  defaultValue?: unknown;
  description: string;
}

export interface ScannedFunction {
  name: string;
  description: string;
  cache: string | undefined;
  returns: string;
  arguments: ScannedArgument[];
}

export interface ScannedModule {
  name: string;
  description: string;
  constructorArguments: ScannedArgument[];
  functions: ScannedFunction[];
}

interface TypeDef {
  kind: string;
  name?: string;
  typeDef?: TypeDef;
}
interface RawArgument {
  name: string;
  description: string;
  type: TypeDef;
  isOptional: boolean;
  defaultValue?: unknown;
}
interface RawFunction {
  name: string;
  description: string;
  cache?: string;
  arguments: Record<string, RawArgument>;
  returnType: TypeDef;
}
interface RawObject {
  _constructor?: { arguments: Record<string, RawArgument> };
  methods: Record<string, RawFunction>;
}
interface RawModule {
  name: string;
  description: string;
  objects: Record<string, RawObject>;
}

const SCALARS: Record<string, string> = {
  STRING_KIND: 'string',
  INTEGER_KIND: 'number',
  FLOAT_KIND: 'number',
  BOOLEAN_KIND: 'boolean',
  VOID_KIND: 'void',
};

function typeName(type: TypeDef): string {
  if (type.kind === 'LIST_KIND' && type.typeDef) return `${typeName(type.typeDef)}[]`;
  return type.name ?? SCALARS[type.kind] ?? type.kind;
}

function toArgument(raw: RawArgument): ScannedArgument {
  const argument: ScannedArgument = {
    name: raw.name,
    type: typeName(raw.type),
    optional: raw.isOptional,
    description: raw.description,
  };
  if (raw.defaultValue !== undefined) argument.defaultValue = raw.defaultValue;
  return argument;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return ['.ts', '.mts'].includes(extname(path)) ? [path] : [];
  });
}

export async function scanModule(moduleDir: string, moduleName: string): Promise<ScannedModule> {
  const require = createRequire(import.meta.url);
  const sdkRoot = dirname(require.resolve('@dagger.io/dagger'));
  const introspector = pathToFileURL(join(sdkRoot, 'module/introspector/index.js')).href;
  const { scan } = (await import(introspector)) as {
    scan: (files: string[], name: string, load: boolean) => Promise<RawModule>;
  };
  const work = mkdtempSync(join(tmpdir(), 'dagger-scan-'));
  try {
    const client = join(work, 'client.gen.ts');
    copyFileSync(join(sdkRoot, 'api/client.gen.d.ts'), client);
    const module = await scan([...sourceFiles(resolve(moduleDir)), client], moduleName, false);
    const objects = Object.values(module.objects);
    const main = module.objects[module.name] ?? objects[0];
    if (!main) throw new Error(`module ${moduleName} exposes no object`);
    return {
      name: module.name,
      description: module.description,
      constructorArguments: Object.values(main._constructor?.arguments ?? {}).map(toArgument),
      functions: Object.values(main.methods).map((fn) => ({
        name: fn.name,
        description: fn.description,
        cache: fn.cache,
        returns: typeName(fn.returnType),
        arguments: Object.values(fn.arguments).map(toArgument),
      })),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** `minCoverage` → `--min-coverage`, as the Dagger CLI spells flags. */
export function flagName(name: string): string {
  return `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** The listing `dagger call --help` would print, one function a line with its flags. */
export function formatListing(module: ScannedModule): string {
  const kebab = (name: string) => flagName(name).slice(2);
  const lines = [`${module.name} — ${module.description.split('\n')[0]}`, '', 'FUNCTIONS'];
  for (const fn of module.functions) {
    const flags = fn.arguments.map((arg) => {
      const value =
        arg.defaultValue === undefined ? arg.type : `${arg.type}=${JSON.stringify(arg.defaultValue)}`;
      return arg.optional || arg.defaultValue !== undefined
        ? `[${flagName(arg.name)} ${value}]`
        : `${flagName(arg.name)} ${value}`;
    });
    const cache = fn.cache ? ` (cache: ${fn.cache})` : '';
    lines.push(`  ${kebab(fn.name).padEnd(10)} → ${fn.returns}${cache}  ${flags.join(' ')}`);
    lines.push(`  ${''.padEnd(10)}   ${fn.description.split('\n')[0]}`);
  }
  return lines.join('\n');
}
