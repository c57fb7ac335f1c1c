/**
 * The onboarding state Embark keeps as hidden JSON in its status comment on the EPIC.
 *
 * Only what cannot be read back from GitHub cheaply lives here (role overrides, skips, blocks,
 * reminders sent, the activity log). Everything derivable (stage start = previous stage's close)
 * is re-derived when the JSON is missing, invalid or edited by someone other than Embark.
 */
import { z } from 'zod';
import { contactSchema } from '../customer/contact.js';
import { mailLogSchema } from '../customer/mail-log.js';
import { surveyAnswerSchema } from '../customer/survey.js';

const actorStamp = z.object({ reason: z.string(), by: z.string(), at: z.string() });

/** What `/upgrade` showed: the template version it compared with, who asked and when. */
export const upgradePreviewSchema = z.object({ fingerprint: z.string(), version: z.string().nullable(), by: z.string(), at: z.string() });

export const stageStateSchema = z.object({
  key: z.string(),
  title: z.string(),
  number: z.number().int().nullable(),
  issue: z.number().int().nullable(),
  dueDays: z.number().int().positive().nullable(),
  /** When the stage became active (ISO); null while pending. */
  startedAt: z.string().nullable(),
  /** When the stage was completed (ISO); null while open. */
  completedAt: z.string().nullable(),
  /** A due date set by `/due`, overriding `dueDays` (ISO). */
  dueAt: z.string().nullable().default(null),
  /** Required items still open when the stage was closed by hand or advanced. */
  leftOpen: z.array(z.string()).default([]),
  snoozedUntil: z.string().nullable().default(null),
  /** Reopened by a person: stays open even when complete, until someone ticks a box in it again. */
  reopened: z.boolean().default(false),
  /** Who ticked items in this stage (kept apart from the trimmed log, for the summary). */
  contributors: z.array(z.string()).default([]),
  /** Set when the stage issue was deleted or moved away: reported, never crashed on. */
  missing: z.string().nullable().default(null),
  // The stage graph (`src/template/stage-graph.ts`). Each is written only when it differs from a
  // linear template's, so the state of today's templates reads and encodes as it always did.
  /** Stage keys this stage waits for; absent: the previous stage. */
  after: z.array(z.string()).optional(),
  /** Due this many business days after the onboarding started (`deadline:`). */
  deadlineDays: z.number().int().positive().optional(),
  /** Never holds up completion. */
  optional: z.literal(true).optional(),
  /** False when the stage's `when:` did not hold for this customer: no issue, "not applicable". */
  applicable: z.literal(false).optional(),
  /**
   * When a template upgrade added this stage to the running onboarding (it starts no earlier).
   * Written only on such a stage, so other states encode as they did (no status comment rewrite).
   */
  addedAt: z.string().nullable().optional(),
});

export const logEntrySchema = z.object({
  at: z.string(),
  actor: z.string(),
  text: z.string(),
  /** Identifies the fact logged, so a replayed delivery does not log twice. */
  key: z.string().optional(),
});

export const storedStateSchema = z.object({
  v: z.literal(1),
  epic: z.number().int(),
  template: z.object({
    name: z.string(),
    version: z.string().nullable(),
    file: z.string().nullable(),
    // Optional in the type only (decoding fills the default), so every state literal need not name them.
    /** `templateFingerprint` of the checklist this onboarding runs; null when unknown (started before versions were recorded, or rebuilt). */
    fingerprint: z.string().nullable().default(null).optional(),
    /** Text hashes of the template's items at start or last upgrade: what is the template's, not added by hand; null when unknown. */
    items: z.array(z.string()).nullable().default(null).optional(),
  }),
  customer: z.string(),
  startedAt: z.string(),
  /** People behind each role for this onboarding (config at start, then `/assign`). */
  roles: z.record(z.string(), z.array(z.string())),
  /** Role spellings from the template, so stage bodies can be read without fetching the template. */
  roleAliases: z.record(z.string(), z.array(z.string())).default({}),
  /** Optional-item fragments from the template. */
  optional: z.array(z.string()).default([]),
  /** The template's `customerItems` (fragments or ids): which items customer mail and the page treat as the customer's. */
  customerItems: z.array(z.string()).default([]),
  targetDays: z.number().int().positive().nullable().default(null),
  /** Follow-up check-ins (days after completion) and their list, from the template or config. */
  checkins: z.array(z.number().int().positive()).default([]),
  checkinItems: z.array(z.string()).default([]),
  stages: z.array(stageStateSchema),
  skipped: z.record(z.string(), actorStamp).default({}),
  blocked: actorStamp.nullable().default(null),
  /** Blocks that ended (`/block` to `/unblock`), kept here because the activity log is trimmed. */
  blockedSpans: z.array(z.object({ from: z.string(), to: z.string() })).default([]),
  cancelled: actorStamp.nullable().default(null),
  /** Follow-up check-ins are counted from here; null until the onboarding completes. */
  completedAt: z.string().nullable().default(null),
  /** `/snooze` on the whole onboarding: no reminders until then (ISO). */
  snoozedUntil: z.string().nullable().default(null),
  /** Keys of reminders, escalations, check-ins and notices already posted. */
  sent: z.array(z.string()).default([]),
  log: z.array(logEntrySchema).default([]),
  /**
   * The template version `/upgrade` last previewed, so `/upgrade confirm` applies exactly that
   * version; null or absent when nothing waits for confirmation. No default: a state that never
   * saw `/upgrade` encodes as it did, so a command that changes nothing rewrites no status comment.
   */
  upgradePreview: upgradePreviewSchema.nullable().optional(),
  /**
   * The customer status page: the nonce its links are bound to (`/share revoke` rotates it).
   * Absent in older states; a malformed value is dropped rather than failing the whole state.
   */
  statusPage: z
    .object({ nonce: z.string().min(16).max(64) })
    .optional()
    .catch(undefined),
  // The customer fields below: decoding fills the default, so states saved before them decode.
  /** Customer contacts Embark mails about this onboarding (`src/customer/`). */
  contacts: z.array(contactSchema).default([]),
  /** Customer mail by key: sent or skipped, and permanent failures; a listed key is never sent again. */
  mail: mailLogSchema.default({ sent: [], failed: [] }),
  /** Answers to the check-in survey, one per contact and check-in. */
  surveys: z.array(surveyAnswerSchema).default([]),
});

export type StoredState = z.infer<typeof storedStateSchema>;
export type StageState = z.infer<typeof stageStateSchema>;
export type LogEntry = z.infer<typeof logEntrySchema>;

const STATE_OPEN = '<!-- embark:state ';
const STATE_CLOSE = ' -->';

/**
 * Serialise state into a hidden HTML comment. `--`, `<`, `>`, `&` and `@` never appear raw (they
 * could end the comment early, fake a marker or mention someone): inside JSON strings they are
 * written as `\u` escapes, which JSON.parse reads back unchanged.
 */
export function encodeState(state: StoredState): string {
  const json = JSON.stringify(state)
    .replace(/[<>&@]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/--/g, '-\\u002d');
  return `${STATE_OPEN}${json}${STATE_CLOSE}`;
}

/** Read state back from a status comment body; null when absent or invalid (then it is rebuilt). */
export function decodeState(body: string): StoredState | null {
  const start = body.indexOf(STATE_OPEN);
  if (start < 0) return null;
  const end = body.indexOf(STATE_CLOSE, start + STATE_OPEN.length);
  if (end < 0) return null;
  try {
    const parsed = storedStateSchema.safeParse(JSON.parse(body.slice(start + STATE_OPEN.length, end)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Keep the log bounded, newest first; older entries are summarised by count. */
export function appendLog(log: LogEntry[], entries: LogEntry[], max = 60): LogEntry[] {
  const seen = new Set(log.map((e) => e.key).filter(Boolean));
  const fresh = entries.filter((e) => !e.key || !seen.has(e.key));
  return [...fresh, ...log].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, max);
}

/** A stage's state with every optional field at its default; pass what is known. */
export function newStageState(known: Pick<StageState, 'key' | 'title' | 'number' | 'issue' | 'dueDays'> & Partial<StageState>): StageState {
  return stageStateSchema.parse({ startedAt: null, completedAt: null, ...known });
}
