export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baselineName: string;
  baseline: number;
  /** null: a figure reported for comparison, with no goal of its own. */
  goal: string | null;
  met: boolean;
}

export function report(results: readonly BenchResult[]): void {
  for (const r of results) {
    const ratio = r.baseline > 0 ? (r.value / r.baseline).toFixed(2) : 'n/a';
    const verdict = r.goal === null ? 'INFO' : r.met ? 'MET ' : 'MISS';
    const goal = r.goal === null ? 'no goal: reported for comparison' : `goal ${r.goal}`;
    console.log(`${verdict}  ${r.name}: ${r.value.toFixed(2)} ${r.unit}  (baseline ${r.baselineName}: ${r.baseline.toFixed(2)} ${r.unit}, ratio ${ratio}; ${goal})`);
  }
}
