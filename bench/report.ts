/**
 * Shared benchmark plumbing: run a tinybench suite, print a table, and write
 * `bench/results/<name>.json` (an array of `{name, backend, opsPerSec, medianMs}`)
 * plus a markdown copy. Ratios are computed from one run on one machine.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Bench, type Task } from 'tinybench';

/** One result row. */
export interface BenchRow {
  readonly name: string;
  readonly backend: string;
  readonly opsPerSec: number;
  readonly medianMs: number;
  readonly samples: number;
}

/** A case: a label, the backend it runs on, and the function to time. */
export interface BenchCase {
  readonly name: string;
  readonly backend: string;
  readonly fn: () => unknown | Promise<unknown>;
  /** Minimum time to spend on this case (ms); slow ops get fewer samples. */
  readonly timeMs?: number;
  readonly iterations?: number;
}

function rowOf(c: BenchCase, task: Task): BenchRow {
  const r = task.result;
  if (r.state !== 'completed') {
    const why = r.state === 'errored' ? r.error.message : r.state;
    throw new Error(`bench case ${c.name} (${c.backend}) did not complete: ${why}`);
  }
  const medianMs = r.latency.p50;
  return { name: c.name, backend: c.backend, opsPerSec: 1000 / medianMs, medianMs, samples: r.latency.samplesCount };
}

/** Run every case (each in its own Bench, so time budgets can differ). */
export async function runCases(cases: readonly BenchCase[]): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const c of cases) {
    const bench = new Bench({ time: c.timeMs ?? 1000, iterations: c.iterations ?? 10, warmupTime: 100, warmupIterations: 2 });
    bench.add(`${c.name} [${c.backend}]`, c.fn);
    await bench.run();
    const task = bench.tasks[0];
    if (!task) throw new Error('tinybench lost the task');
    const row = rowOf(c, task);
    rows.push(row);
    console.log(`${row.name.padEnd(44)} ${row.backend.padEnd(14)} ${row.opsPerSec.toFixed(1).padStart(12)} ops/s  median ${row.medianMs.toFixed(4)} ms  (n=${row.samples})`);
  }
  return rows;
}

/** A named ratio between two rows, for the summary. */
export interface Ratio {
  readonly label: string;
  readonly value: number;
  readonly target?: string;
}

/** Median-time ratio `slow / fast` between two rows found by name and backend. */
export function ratio(rows: readonly BenchRow[], label: string, slow: [string, string], fast: [string, string], target?: string): Ratio {
  const find = ([name, backend]: [string, string]): BenchRow => {
    const row = rows.find((r) => r.name === name && r.backend === backend);
    if (!row) throw new Error(`no bench row ${name} [${backend}]`);
    return row;
  };
  return { label, value: find(slow).medianMs / find(fast).medianMs, ...(target ? { target } : {}) };
}

/** Write JSON (rows) and markdown (rows + ratios + machine) under bench/results/. */
export function writeResults(file: string, rows: readonly BenchRow[], ratios: readonly Ratio[] = []): void {
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL(`${file}.json`, dir), JSON.stringify(rows, null, 2) + '\n');
  const cpu = cpus()[0]?.model ?? 'unknown cpu';
  const lines = [
    `# ${file} benchmark`,
    '',
    `Machine: ${cpus().length} × ${cpu}, Node ${process.version}, ${new Date().toISOString()}`,
    '',
    '| case | backend | ops/s | median ms |',
    '| --- | --- | ---: | ---: |',
    ...rows.map((r) => `| ${r.name} | ${r.backend} | ${r.opsPerSec.toFixed(1)} | ${r.medianMs.toFixed(4)} |`),
    '',
  ];
  if (ratios.length > 0) {
    lines.push('| ratio (median time) | value | target |', '| --- | ---: | --- |');
    for (const r of ratios) lines.push(`| ${r.label} | ${r.value.toFixed(2)} | ${r.target ?? ''} |`);
    lines.push('');
  }
  writeFileSync(new URL(`${file}.md`, dir), lines.join('\n'));
  for (const r of ratios) console.log(`${r.label}: ${r.value.toFixed(2)}${r.target ? `  (target ${r.target})` : ''}`);
}
