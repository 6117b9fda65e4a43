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

  it('averages models of one shape into one whose scores lie between theirs, and refuses other shapes', () => {
    const a = LinearClassifier.train(data, { dimensions: 1 << 12, epochs: 20, seed: 1 });
    const b = LinearClassifier.train(
      data.filter((_, i) => i % 2 === 0),
      { dimensions: 1 << 12, epochs: 3, seed: 2 },
    );
    const mean = LinearClassifier.average([a, b]);
    const apple = (m: LinearClassifier) =>
      m.predict('apple').ranking.find((r) => r.label === 'apple')?.confidence ?? Number.NaN;
    expect(apple(mean)).toBeGreaterThanOrEqual(Math.min(apple(a), apple(b)) - 1e-6);
    expect(apple(mean)).toBeLessThanOrEqual(Math.max(apple(a), apple(b)) + 1e-6);
    expect(LinearClassifier.average([a]).toBytes()).toEqual(a.toBytes());
    const other = LinearClassifier.train(data, { dimensions: 1 << 11, epochs: 1 });
    expect(() => LinearClassifier.average([a, other])).toThrow(/same labels and size/);
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

describe('LinearClassifier bytes', () => {
  const model = LinearClassifier.train(
    [
      { text: 'where is my parcel', label: 'track' },
      { text: 'track my order please', label: 'track' },
      { text: 'i want my money back', label: 'refund' },
      { text: 'refund this order', label: 'refund' },
    ],
    { dimensions: 1 << 10, epochs: 5 },
  );
  const bytes = model.toBytes();
  const same = (loaded: LinearClassifier) => {
    for (const text of ['where is my order', 'money back please'])
      expect(loaded.predict(text)).toEqual(model.predict(text));
  };

  it('reads back the same model, as a view of aligned bytes or a copy of unaligned ones', () => {
    same(LinearClassifier.fromBytes(bytes));
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    same(LinearClassifier.fromBytes(shifted.subarray(1)));
  });

  it('refuses bytes that do not fit the header', () => {
    expect(() => LinearClassifier.fromBytes(bytes.subarray(0, bytes.length - 4))).toThrow(/expected/);
  });
});
