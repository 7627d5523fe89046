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
  goal: string;
  met: boolean;
}

export function report(results: readonly BenchResult[]): void {
  for (const r of results) {
    const ratio = r.baseline > 0 ? (r.value / r.baseline).toFixed(2) : 'n/a';
    console.log(
      `${r.met ? 'MET ' : 'MISS'}  ${r.name}: ${r.value.toFixed(2)} ${r.unit}  (baseline ${r.baselineName}: ${r.baseline.toFixed(2)} ${r.unit}, ratio ${ratio}; goal ${r.goal})`,
    );
  }
}
