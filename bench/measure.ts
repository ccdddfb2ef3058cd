// Timing for the benchmark: run an operation under an op and time budget, then summarize and print as a table.

import { performance } from 'node:perf_hooks';

/** The budget of one measurement: whichever limit is reached first ends it. */
export interface Budget {
  readonly maxOps: number;
  readonly maxMs: number;
  /** Operations run first and not counted (connections warm, statements prepared, code compiled). */
  readonly warmup: number;
}

/** One row of the result table. */
export interface Measurement {
  readonly target: string;
  readonly benchmark: string;
  readonly ops: number;
  readonly opsPerSecond: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
}

/** Runs `operation(i)` one call after another and times each call. */
export async function measure(
  target: string,
  benchmark: string,
  budget: Budget,
  operation: (i: number) => Promise<void>,
): Promise<Measurement> {
  for (let i = 0; i < budget.warmup; i += 1) await operation(i);
  const latencies: number[] = [];
  const start = performance.now();
  for (let i = budget.warmup; latencies.length < budget.maxOps; i += 1) {
    const before = performance.now();
    await operation(i);
    const after = performance.now();
    latencies.push(after - before);
    if (after - start > budget.maxMs) break;
  }
  const elapsed = performance.now() - start;
  latencies.sort((a, b) => a - b);
  return {
    target,
    benchmark,
    ops: latencies.length,
    opsPerSecond: (latencies.length / elapsed) * 1000,
    p50Ms: percentile(latencies, 0.5),
    p95Ms: percentile(latencies, 0.95),
  };
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

/** The measurements as an aligned text table, one row each. */
export function formatTable(rows: readonly Measurement[]): string {
  const header = ['backend', 'benchmark', 'ops', 'ops/s', 'p50 ms', 'p95 ms'];
  const cells = rows.map((r) => [
    r.target,
    r.benchmark,
    String(r.ops),
    r.opsPerSecond.toFixed(0),
    r.p50Ms.toFixed(3),
    r.p95Ms.toFixed(3),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c]!.length)));
  const line = (row: readonly string[]): string =>
    row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}
