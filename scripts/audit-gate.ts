/**
 * `node scripts/audit-gate.ts <npm-audit.json> <audit-allowlist.json>`: exits 1 when an advisory of moderate
 * severity or worse is not accepted (used by the Dagger `audit` function; npm audit itself cannot reach the
 * registry's audit endpoint on our development machines).
 */
import { readFileSync } from 'node:fs';
import { findingsOf, formatGate, gate, parseAllowList } from './lib/audit.ts';

const [reportPath, allowListPath] = process.argv.slice(2);
if (!reportPath || !allowListPath) {
  process.stderr.write('usage: audit-gate.ts <npm-audit.json> <audit-allowlist.json>\n');
  process.exit(2);
}
try {
  const findings = findingsOf(JSON.parse(readFileSync(reportPath, 'utf8')));
  const allowList = parseAllowList(JSON.parse(readFileSync(allowListPath, 'utf8')));
  const result = gate(findings, allowList, new Date().toISOString().slice(0, 10));
  process.stdout.write(`${formatGate(result)}\n`);
  process.exit(result.failing.length > 0 ? 1 : 0);
} catch (error) {
  process.stderr.write(`audit gate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
