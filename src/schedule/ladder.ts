/**
 * The rule shared by reminders, escalations and check-ins: of the rungs whose time has come, send
 * only the newest one not yet sent. After downtime (or a snooze) the sweep therefore sends ONE
 * message, not a burst, and a rung older than one already sent is superseded and never sent.
 */

/** One scheduled message. */
export interface Rung {
  /** Stable key recorded in `sent` once the message went out. */
  key: string;
  /** Position in the configured list, which breaks ties between rungs due at the same time. */
  index: number;
  /** When it becomes due. */
  at: Date;
}

/** The rung to send now and the keys of older unsent rungs it makes pointless. */
export interface RungPick {
  rung: Rung;
  /** Rungs whose time passed after the last sent one, left out in favour of `rung` (oldest first). */
  skipped: string[];
}

/**
 * The newest rung with `at <= now` that comes after every sent rung (by time, then index), or
 * null. Idempotent: once the picked key is in `sent`, the same call returns null.
 */
export function pickDueRung(rungs: readonly Rung[], now: Date, sent: readonly string[]): RungPick | null {
  const sentKeys = new Set(sent);
  const ordered = [...rungs].sort((a, b) => a.at.getTime() - b.at.getTime() || a.index - b.index);
  let lastSent = -1;
  let newestPassed = -1;
  ordered.forEach((rung, position) => {
    if (sentKeys.has(rung.key)) lastSent = position;
    if (rung.at.getTime() <= now.getTime()) newestPassed = position;
  });
  if (newestPassed <= lastSent) return null;
  return {
    rung: ordered[newestPassed]!,
    skipped: ordered.slice(lastSent + 1, newestPassed).map((rung) => rung.key),
  };
}
