import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv, readDataset } from './datasets.ts';
import {
  accuracy,
  expectedCalibrationError,
  macroF1,
  percentile,
  precisionRecall,
  topConfusions,
} from './metrics.ts';

describe('dataset readers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eval-'));

  it('parses quoted CSV fields', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi"""\r\n1,\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['1', ''],
    ]);
  });

  it('reads the Bitext shape with its entity columns', () => {
    const file = join(dir, 'b.csv');
    writeFileSync(
      file,
      'text,intent,category,entity_type,entity_value,start_offset,end_offset,tags\n"cancel order 12345",cancel_order,ORDER,order_id,12345,13,18,B\nhi,unknown_intent,X,,,,,B\n',
    );
    const items = readDataset(file);
    expect(items[0]).toMatchObject({
      text: 'cancel order 12345',
      intent: 'cancel_order',
      entities: [{ type: 'order_id', value: '12345' }],
    });
    expect(items[1]?.intent).toBeUndefined();
  });

  it('maps CLINC intents to ours', () => {
    const file = join(dir, 'c.jsonl');
    writeFileSync(
      file,
      ['greeting', 'weather', 'order_status', 'thank_you']
        .map((i) => JSON.stringify({ text: 't', clinc_intent: i }))
        .join('\n'),
    );
    expect(readDataset(file).map((i) => i.intent)).toEqual(['greeting', 'out_of_scope', undefined, 'thanks']);
    expect(() => readDataset(join(dir, 'x.txt'))).toThrow(/expected a .csv/);
  });
});

describe('metrics', () => {
  const items = [
    { gold: 'a', predicted: 'a', confidence: 0.9 },
    { gold: 'a', predicted: 'b', confidence: 0.6 },
    { gold: 'b', predicted: 'b', confidence: 0.8 },
    { gold: 'b', predicted: 'b', confidence: 0.7 },
  ];

  it('computes accuracy, macro-F1 and confusions', () => {
    expect(accuracy(items)).toBe(0.75);
    // F1(a) = 2/3, F1(b) = 0.8
    expect(macroF1(items)).toBeCloseTo((2 / 3 + 0.8) / 2, 6);
    expect(topConfusions(items)).toEqual([['a → b', 1]]);
  });

  it('computes calibration error, percentiles and entity precision/recall', () => {
    expect(expectedCalibrationError([{ gold: 'a', predicted: 'a', confidence: 1 }])).toBe(0);
    expect(expectedCalibrationError([{ gold: 'a', predicted: 'b', confidence: 0.95 }])).toBeCloseTo(0.95, 6);
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(
      precisionRecall([
        { gold: ['1'], found: ['1', '2'] },
        { gold: ['3'], found: [] },
      ]),
    ).toEqual({ precision: 0.5, recall: 0.5, support: 2 });
  });
});
