/**
 * Progress text: a bar on a terminal (done, rate, time left), rewritten in place; plain lines
 * elsewhere (logs, CI), one per row. Pure: the caller writes the text.
 */

const BAR_WIDTH = 24;

/** `1h 05m`, `4m 10s`, `12s`. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** What the bar shows. */
export interface ProgressState {
  /** Rows handled so far (created, already there or skipped). */
  done: number;
  /** Rows in the file, when known (`null` while the file is still being read). */
  total: number | null;
  /** Issues created so far, and since when (ms). */
  created: number;
  startedAt: number;
  now: number;
  /** Rows a minute the pace allows, for the estimate before any row went. */
  paceRate: number;
  /** Set while waiting for GitHub's `retry-after`. */
  pausedUntil?: number | null;
}

/** `[#######.........]  14/30 rows · 9.6/min · 1m 40s left`. */
export function progressBar(p: ProgressState): string {
  const minutes = (p.now - p.startedAt) / 60_000;
  const rate = minutes > 0 && p.created > 0 ? p.created / minutes : p.paceRate;
  const shown = p.total !== null ? `${p.done}/${p.total} rows` : `${p.done} rows`;
  const filled = p.total ? Math.round((BAR_WIDTH * p.done) / p.total) : 0;
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
  const left = p.total !== null && rate > 0 ? ` · ${duration(((p.total - p.done) / rate) * 60_000)} left` : '';
  const paused = p.pausedUntil && p.pausedUntil > p.now ? ` · paused by GitHub for ${duration(p.pausedUntil - p.now)}` : '';
  return `${bar} ${shown} · ${rate.toFixed(1)}/min${left}${paused}`;
}
