/** Human spans and dates for comments. */

/** `3d 4h`, `5h`, `12m` between two ISO instants. */
export function formatSpan(fromIso: string, toIso: string): string {
  const ms = Math.max(0, Date.parse(toIso) - Date.parse(fromIso));
  const minutes = Math.round(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return `${hours}h`;
  return `${minutes}m`;
}

/** `2026-11-23` from an ISO instant (UTC date). */
export function formatDay(iso: string | null): string {
  return iso ? iso.slice(0, 10) : '–';
}
