/**
 * @module cli/run
 * Runs a command-line entry point: prints known errors as one line (no stack trace) and sets the exit code.
 */
import { ConfigError } from '../config/env.ts';

/** Error classes whose message is meant for the operator as it is. */
const operatorErrors = new Set(['ConfigError', 'MigrationError', 'DirectoryLockedError', 'ImportError']);

export async function runCli(main: (out: (line: string) => void) => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main((line) => process.stdout.write(`${line}\n`));
  } catch (error) {
    process.stderr.write(`error: ${describeError(error)}\n`);
    process.exitCode = 1;
  }
}

/** One line for an operator: the message of a known error, the class and message of anything else. */
export function describeError(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return operatorErrors.has(error.name)
      ? error.message
      : `${error.name}: ${error.message}${cause}`.replace(/\s+/g, ' ');
  }
  return String(error);
}
