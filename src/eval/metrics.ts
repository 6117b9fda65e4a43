/**
 * @module eval/metrics
 * Classification and calibration metrics for the evaluation script.
 */

export interface Scored {
  gold: string;
  predicted: string;
  confidence: number;
}

export function accuracy(items: Scored[]): number {
  return items.length ? items.filter((i) => i.gold === i.predicted).length / items.length : Number.NaN;
}

/** Macro-averaged F1 over the gold classes present. */
export function macroF1(items: Scored[]): number {
  const classes = [...new Set(items.map((i) => i.gold))];
  if (!classes.length) return Number.NaN;
  const f1s = classes.map((c) => {
    const tp = items.filter((i) => i.gold === c && i.predicted === c).length;
    const fp = items.filter((i) => i.gold !== c && i.predicted === c).length;
    const fn = items.filter((i) => i.gold === c && i.predicted !== c).length;
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  });
  return f1s.reduce((a, b) => a + b, 0) / f1s.length;
}

/** Expected calibration error over `bins` equal-width confidence bins. */
export function expectedCalibrationError(items: Scored[], bins = 10): number {
  let total = 0;
  for (let b = 0; b < bins; b++) {
    const inBin = items.filter((i) => Math.min(bins - 1, Math.floor(i.confidence * bins)) === b);
    if (!inBin.length) continue;
    const conf = inBin.reduce((s, i) => s + i.confidence, 0) / inBin.length;
    total += (inBin.length / items.length) * Math.abs(accuracy(inBin) - conf);
  }
  return total;
}

/** The most frequent gold → predicted mistakes. */
export function topConfusions(items: Scored[], n = 12): [string, number][] {
  const counts = new Map<string, number>();
  for (const i of items) {
    if (i.gold === i.predicted) continue;
    const key = `${i.gold} → ${i.predicted}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, n);
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** The upper median (the element at index ⌊n/2⌋ once sorted), as the measuring scripts report it. */
export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Precision and recall of extracted values against gold values, per item. */
export function precisionRecall(pairs: { gold: string[]; found: string[] }[]): {
  precision: number;
  recall: number;
  support: number;
} {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const { gold, found } of pairs) {
    const remaining = [...gold];
    for (const f of found) {
      const at = remaining.indexOf(f);
      if (at >= 0) {
        tp++;
        remaining.splice(at, 1);
      } else fp++;
    }
    fn += remaining.length;
  }
  return {
    precision: tp + fp ? tp / (tp + fp) : Number.NaN,
    recall: tp + fn ? tp / (tp + fn) : Number.NaN,
    support: tp + fn,
  };
}
