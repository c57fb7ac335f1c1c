/**
 * Benchmark: how long parsing a template takes. Builds a 100-item template in memory, reads
 * every bundled `templates/*.md`, parses each ~200 times, and reports median and p95 in ms,
 * plus the RSS and heap growth over the whole run.
 *
 * `benchParse()` is what the bench runner calls; run this file directly for a quick look:
 * `npx tsc -p tsconfig.build.json && node --expose-gc dist/bench/parse.js`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTemplate } from '../src/template/index.js';

const RUNS = 200;
const WARMUP = 20;

/** A synthetic template: 10 stages of 10 items, roles, footnotes and intake fields. */
export function buildLargeTemplate(items = 100, stages = 10): string {
  const perStage = Math.ceil(items / stages);
  const parts = [
    '---',
    'name: Bench | Synthetic onboarding',
    'about: v2024.01 synthetic template for benchmarks',
    'title: "[Bench Onboarding] %customer%"',
    'labels: EPIC, onboarding',
    'onboarding:',
    `  due: [${Array.from({ length: stages }, (_, i) => i + 1).join(', ')}]`,
    '---',
    '### Description',
    '- Tenant ID: `xxx`',
    '- Contract: `xxx`',
    '',
  ];
  let n = 0;
  for (let s = 0; s < stages; s++) {
    parts.push(`### Stage ${s}`);
    for (let i = 0; i < perStage && n < items; i++, n++) {
      const role = n % 3 === 0 ? 'CSM >> ' : n % 3 === 1 ? 'Engineer >> ' : 'CSM ';
      parts.push(`- [ ] ${role}Task number ${n} in the \`Portal\`[^1] with **bold** text`);
    }
    parts.push('');
  }
  parts.push('---', '[^1]: [Portal](https://portal.example.com)', '');
  return parts.join('\n');
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}

const round = (ms: number): number => Math.round(ms * 1000) / 1000;

function measure(source: string): { medianMs: number; p95Ms: number; items: number; ok: boolean } {
  for (let i = 0; i < WARMUP; i++) parseTemplate(source);
  const times: number[] = [];
  let result = parseTemplate(source);
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    result = parseTemplate(source);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {
    medianMs: round(percentile(times, 50)),
    p95Ms: round(percentile(times, 95)),
    items: result.template?.stages.reduce((sum, stage) => sum + stage.items.length, 0) ?? 0,
    ok: result.ok,
  };
}

/** Finds `templates/` from the working directory (the repository root when run via npm). */
function bundledTemplates(dir = resolve(process.cwd(), 'templates')): Array<{ name: string; source: string }> {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => ({ name: f, source: readFileSync(join(dir, f), 'utf8') }));
  } catch {
    return [];
  }
}

/** Parses each template RUNS times; returns per-template timings and memory growth. */
export async function benchParse(): Promise<Record<string, unknown>> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  let peakRss = rssBefore;
  const templates: Record<string, unknown> = {};
  const inputs = [{ name: 'synthetic-100-items', source: buildLargeTemplate() }, ...bundledTemplates()];
  for (const { name, source } of inputs) {
    templates[name] = { bytes: Buffer.byteLength(source), ...measure(source) };
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    await new Promise((r) => setImmediate(r));
  }
  gc?.();
  const mib = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
  return {
    runs: RUNS,
    templates,
    peakRssDeltaMiB: mib(peakRss - rssBefore),
    heapDeltaMiB: mib(process.memoryUsage().heapUsed - heapBefore),
    gcExposed: gc !== undefined,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchParse().then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
