export interface BenchmarkEntry {
  script: string;
  quick: string[];
  full: string[];
  data: boolean;
}
export const BENCHMARKS: BenchmarkEntry[];
export function benchmarkFiles(): string[];
