/**
 * Embark's hidden markers: HTML comments that tie GitHub objects back to an onboarding.
 *
 * - `<!-- embark:stage {...} -->` opens every stage issue body (which EPIC, which stage, which template);
 * - `<!-- embark:epic {...} -->` notes in an EPIC body that Embark manages it;
 * - `<!-- embark:status -->` opens Embark's status comment on the EPIC.
 *
 * The JSON inside a marker is written with `<`, `>` and `&` as `\u` escapes, so no value (a
 * customer called `x --> y`) can end the comment early; JSON.parse reads them back unchanged.
 * Readers never throw: a body people edited may hold anything.
 */

/** What a stage issue's marker names. */
export interface StageMarker {
  /** Number of the EPIC issue the stage belongs to. */
  epic: number;
  /** The stage's key in the template (`stage-1`). */
  stage: string;
  /** Name of the template the onboarding runs. */
  template: string;
}

/** What an EPIC's marker names. */
export interface EpicMarker {
  /** Name of the template the onboarding runs. */
  template: string;
  /** Where the template came from (`.github/ISSUE_TEMPLATE/x.md`, `bundled:x.md`), when known. */
  file?: string | null;
  /** The customer as given when the onboarding started. */
  customer?: string;
  /** The template's version (`v2026.11`), when it has one. */
  version?: string | null;
}

/** The first line of Embark's status comment on an EPIC. */
export const statusMarker = '<!-- embark:status -->';

const DIGEST = /<!-- embark:digest ([a-z0-9]+) -->/;

/** The hidden line holding the progress digest the status comment was written for. */
export function digestMarker(digest: string): string {
  return `<!-- embark:digest ${digest} -->`;
}

/** The digest a status comment was written for, or null (older comments have none). */
export function readDigest(body: string): string | null {
  return DIGEST.exec(body)?.[1] ?? null;
}

/** True when a comment body is Embark's status comment (starts with {@link statusMarker}). */
export function isStatusComment(body: string): boolean {
  return body.replace(/^\uFEFF/, '').trimStart().startsWith(statusMarker);
}

/** JSON that cannot close an HTML comment or open another one. */
function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The JSON text of the first `<!-- embark:<kind> ... -->` in body, or null. */
function markerJson(body: string, kind: string): string | null {
  const start = new RegExp(`<!--\\s*embark:${kind}(?![\\w-])`).exec(body);
  if (!start) return null;
  const from = start.index + start[0].length;
  const end = body.indexOf('-->', from);
  return end < 0 ? null : body.slice(from, end).trim();
}

/** Parses JSON that must be a plain object; null for anything else. */
function parseObject(json: string | null): Record<string, unknown> | null {
  if (json === null || json === '') return null;
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** The hidden line that opens a stage issue body. */
export function stageMarker(marker: StageMarker): string {
  return `<!-- embark:stage ${safeJson({ epic: marker.epic, stage: marker.stage, template: marker.template })} -->`;
}

/**
 * The stage marker a body carries (its first one), or null when there is none or it does not
 * hold a positive integer `epic` and non-empty `stage` and `template`.
 */
export function parseStageMarker(body: string): StageMarker | null {
  const raw = parseObject(markerJson(body, 'stage'));
  if (!raw) return null;
  const { epic, stage, template } = raw;
  if (typeof epic !== 'number' || !Number.isSafeInteger(epic) || epic <= 0) return null;
  if (!isText(stage) || !isText(template)) return null;
  return { epic, stage, template };
}

/** The hidden line that notes, in an EPIC body, that Embark manages the issue. */
export function epicMarker(marker: EpicMarker): string {
  const value: EpicMarker = { template: marker.template };
  if (marker.file !== undefined) value.file = marker.file;
  if (marker.customer !== undefined) value.customer = marker.customer;
  if (marker.version !== undefined) value.version = marker.version;
  return `<!-- embark:epic ${safeJson(value)} -->`;
}

/**
 * The EPIC marker a body carries (its first one), or null. Optional fields of the wrong type
 * are dropped rather than failing the whole marker: the template name is what matters.
 */
export function parseEpicMarker(body: string): EpicMarker | null {
  const raw = parseObject(markerJson(body, 'epic'));
  if (!raw || !isText(raw.template)) return null;
  const marker: EpicMarker = { template: raw.template };
  if (typeof raw.file === 'string' || raw.file === null) marker.file = raw.file;
  if (typeof raw.customer === 'string') marker.customer = raw.customer;
  if (typeof raw.version === 'string' || raw.version === null) marker.version = raw.version;
  return marker;
}
