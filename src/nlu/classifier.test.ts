import { describe, expect, it } from 'vitest';
import { LinearClassifier } from './classifier.ts';
import { featurize, normalize } from './features.ts';

describe('features', () => {
  it('normalises case, accents, amounts and long numbers', () => {
    expect(normalize('Café – order #00123842 for $1,200!')).toBe('cafe order znumber for zmoney');
    expect(normalize("Don't")).toBe('dont');
  });

  it('gives unit-length vectors within the hashed space', () => {
    const v = featurize('cancel my order', 1 << 10);
    const norm = Math.sqrt(v.values.reduce((s, x) => s + x * x, 0));
    expect(norm).toBeCloseTo(1, 5);
    expect(Math.max(...v.indices)).toBeLessThan(1 << 10);
  });
});

describe('LinearClassifier', () => {
  const data = [
    ...['red apple', 'green apple', 'apple pie', 'fresh apples'].map((text) => ({ text, label: 'apple' })),
    ...['ripe banana', 'banana split', 'yellow bananas', 'banana bread'].map((text) => ({
      text,
      label: 'banana',
    })),
  ];

  it('learns a separable problem, tolerates a typo, and ranks by confidence', () => {
    const model = LinearClassifier.train(data, { dimensions: 1 << 12, epochs: 20 });
    expect(model.predict('an apple please').label).toBe('apple');
    expect(model.predict('bananna').label).toBe('banana');
    const { ranking } = model.predict('apple');
    expect(ranking.map((r) => r.label)).toEqual(['apple', 'banana']);
    expect(ranking[0]?.confidence).toBeGreaterThan(ranking[1]?.confidence ?? 1);
  });

  it('fits a positive temperature that changes confidence but not the ranking', () => {
    const model = LinearClassifier.train(data, { dimensions: 1 << 12, epochs: 20 });
    const before = model.predict('apple pie');
    const t = model.calibrate([
      { text: 'green banana', label: 'banana' },
      { text: 'apple tart', label: 'apple' },
    ]);
    expect(t).toBeGreaterThan(0);
    const after = model.predict('apple pie');
    expect(after.label).toBe(before.label);
    expect(model.temperature).toBe(t);
  });
});
