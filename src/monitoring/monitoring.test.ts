import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parser } from '@grafana/lezer-logql';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { findPrometheusTool, prometheusSkipReason } from '../../test/prometheus-bin.ts';
import { PANELS } from './dashboard.ts';
import { MONITORING_DIR, renderAll } from './render.ts';

const promtoolSkip = prometheusSkipReason('promtool');
const promtool = (...args: string[]) =>
  spawnSync(findPrometheusTool('promtool') as string, args, { cwd: MONITORING_DIR, encoding: 'utf8' });

describe('monitoring manifests', () => {
  it('are committed exactly as rendered from their sources (npm run monitoring:render)', () => {
    for (const [file, text] of Object.entries(renderAll())) {
      expect(readFileSync(resolve(MONITORING_DIR, file), 'utf8'), file).toBe(text);
    }
  });

  it('cover every SLO in the operations guide', () => {
    const rules = parse(readFileSync(resolve(MONITORING_DIR, 'rules/chatbot-slo.rules.yaml'), 'utf8'));
    const alerts = rules.groups.flatMap((g: { rules: { alert?: string; expr: string }[] }) =>
      g.rules.filter((r) => r.alert),
    );
    const byName = Object.fromEntries(alerts.map((a: { alert: string; expr: string }) => [a.alert, a.expr]));
    expect(Object.keys(byName).sort()).toEqual(
      [
        'ChatbotAvailabilityBelowTarget',
        'ChatbotDependencyCircuitOpen',
        'ChatbotErrorBudgetFastBurn',
        'ChatbotErrorBudgetSlowBurn',
        'ChatbotErrorBudgetTicket',
        'ChatbotHigh4xxRate',
        'ChatbotHigh5xxRate',
        'ChatbotHighCpu',
        'ChatbotHighMemory',
        'ChatbotP95LatencyHigh',
        'ChatbotP99LatencyHigh',
      ].sort(),
    );
    expect(byName.ChatbotP95LatencyHigh).toMatch(/> 2$/);
    expect(byName.ChatbotP99LatencyHigh).toMatch(/> 5$/);
    expect(byName.ChatbotHigh5xxRate).toMatch(/> 0\.05$/);
    expect(byName.ChatbotHigh4xxRate).toMatch(/> 0\.20$/);
    expect(byName.ChatbotAvailabilityBelowTarget).toMatch(/< 0\.995$/);
    expect(byName.ChatbotHighCpu).toMatch(/> 0\.80/);
    expect(byName.ChatbotHighMemory).toMatch(/> 0\.85/);
  });

  it('has a dashboard with a stable uid, a datasource variable and one query per guide panel', () => {
    const dashboard = JSON.parse(renderAll()['grafana-dashboard.json'] as string);
    expect(dashboard.uid).toBe('shopyverse-chatbot');
    expect(dashboard.templating.list.map((v: { name: string }) => v.name)).toEqual([
      'datasource',
      'namespace',
    ]);
    const exprs = PANELS.flatMap((p) => p.targets.map((t) => t.expr)).join('\n');
    for (const name of [
      'http_request_duration_seconds_bucket',
      'http_requests_total',
      'chat_intent_distribution',
      'rag_retrieval_latency_ms_bucket',
      'chatbot_db_pool_available_connections',
      'huggingface_api_errors_total',
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
    ]) {
      expect(exprs).toContain(name);
    }
    expect(exprs).toContain('sum by (revision');
  });

  it('has LogQL queries that parse', () => {
    const { queries } = parse(readFileSync(resolve(MONITORING_DIR, 'logql-queries.yaml'), 'utf8')) as {
      queries: { name: string; query: string }[];
    };
    expect(queries.length).toBeGreaterThanOrEqual(8);
    for (const { name, query } of queries) {
      let error = false;
      parser.parse(query).iterate({
        enter: (node) => {
          if (node.type.isError) error = true;
        },
      });
      expect(error, name).toBe(false);
    }
    let broken = false;
    parser.parse('{app="chatbot-service" | json').iterate({
      enter: (node) => {
        if (node.type.isError) broken = true;
      },
    });
    expect(broken).toBe(true);
  });

  it.skipIf(promtoolSkip !== '')(
    `pass promtool check rules and promtool test rules${promtoolSkip ? ` (skipped: ${promtoolSkip})` : ''}`,
    () => {
      const check = promtool('check', 'rules', 'rules/chatbot-slo.rules.yaml');
      expect(check.stdout).toContain('SUCCESS: 21 rules found');
      expect(check.status).toBe(0);
      const test = promtool('test', 'rules', 'tests/chatbot-slo.test.yaml');
      expect(test.stdout + test.stderr).toContain('SUCCESS');
      expect(test.status).toBe(0);
    },
  );

  it.skipIf(promtoolSkip !== '')(
    'fail promtool test rules when a threshold is loosened (the tests can fail)',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'rules-'));
      const rules = readFileSync(resolve(MONITORING_DIR, 'rules/chatbot-slo.rules.yaml'), 'utf8').replace(
        '> 0.05',
        '> 0.5',
      );
      writeFileSync(join(dir, 'rules.yaml'), rules);
      const tests = parse(readFileSync(resolve(MONITORING_DIR, 'tests/chatbot-slo.test.yaml'), 'utf8'));
      tests.rule_files = [join(dir, 'rules.yaml')];
      writeFileSync(join(dir, 'test.yaml'), stringify(tests));
      const result = promtool('test', 'rules', join(dir, 'test.yaml'));
      expect(result.status).not.toBe(0);
      expect(result.stdout + result.stderr).toContain('ChatbotHigh5xxRate');
    },
  );

  it.skipIf(promtoolSkip !== '')('has dashboard queries that are valid PromQL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dash-'));
    const groups = [
      {
        name: 'dashboard',
        rules: PANELS.flatMap((p, i) =>
          p.targets.map((t, j) => ({
            record: `dashboard:panel${i}_${j}`,
            expr: t.expr.replaceAll('$namespace', '.*'),
          })),
        ),
      },
    ];
    writeFileSync(join(dir, 'dashboard.rules.yaml'), stringify({ groups }));
    const result = promtool('check', 'rules', join(dir, 'dashboard.rules.yaml'));
    expect(result.stdout + result.stderr).toContain('SUCCESS');
  });
});
