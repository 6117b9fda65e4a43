/**
 * Vitest global setup: makes sure the full NLU model is cached, and provides `postgresUrl` to the tests that need a
 * real PostgreSQL server.
 * Uses DATABASE_URL when given, else starts a throwaway cluster when the binaries exist. Without either the
 * server tests are skipped with a visible reason, except under CI, where that is an error.
 */
import type { TestProject } from 'vitest/node';
import { NluEngine } from '../src/nlu/engine.ts';
import { findPostgresBin, type PostgresServer, startPostgres } from './postgres-server.ts';
import { TEST_NLU_CACHE } from './shared-nlu.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    postgresSkipReason: string;
  }
}

let server: PostgresServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  // The full model once, before the test files start: otherwise each worker's first file trains its own.
  NluEngine.cached({ dir: TEST_NLU_CACHE });
  const given = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  let url = given ?? '';
  let reason = '';
  if (!url) {
    const bin = findPostgresBin();
    if (bin) {
      server = await startPostgres(bin);
      url = server.url;
    } else {
      reason = 'no PostgreSQL server binaries (initdb) and no DATABASE_URL';
      if (process.env.CI) throw new Error(`CI needs PostgreSQL for the server tests: ${reason}`);
    }
  }
  project.provide('postgresUrl', url);
  project.provide('postgresSkipReason', reason);
}

export async function teardown(): Promise<void> {
  server?.stop();
}
