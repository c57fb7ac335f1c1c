/**
 * `<!-- embark:owners {"CSM":["alice"]} -->`: owners for one onboarding, written into the EPIC
 * body by `embark enroll` (a CSV column named after a role) and read by the app when it starts
 * the onboarding, where they take the place of the repository's configured owners for those roles.
 *
 * JSON is written with `<`, `>` and `&` escaped (like the other markers) so no value can close the
 * comment. The reader never throws and keeps only plausible GitHub logins: the body is text a
 * person may have edited.
 */

/** Owners per role, role names as the template spells them. */
export type OwnersByRole = Record<string, string[]>;

const PREFIX = /<!--\s*embark:owners(?![\w-])/;
/** GitHub logins: letters, digits and single hyphens, at most 39 characters. */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/** True for a string GitHub would accept as a user login. */
export function isLogin(value: string): boolean {
  return LOGIN.test(value);
}

/** The hidden line naming this onboarding's owners; `''` when there are none. */
export function ownersMarker(owners: OwnersByRole): string {
  const entries = Object.entries(owners).filter(([, who]) => who.length > 0);
  if (entries.length === 0) return '';
  const json = JSON.stringify(Object.fromEntries(entries)).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `<!-- embark:owners ${json} -->`;
}

/**
 * The owners a body names (its first owners marker), or null when there is none or it does not
 * hold a JSON object. Roles whose value is not a list of logins are dropped, and so are entries
 * that are not logins.
 */
export function parseOwnersMarker(body: string): OwnersByRole | null {
  const start = PREFIX.exec(body);
  if (!start) return null;
  const from = start.index + start[0].length;
  const end = body.indexOf('-->', from);
  if (end < 0) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(body.slice(from, end).trim());
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const owners: OwnersByRole = {};
  for (const [role, who] of Object.entries(raw)) {
    if (role.trim() === '' || !Array.isArray(who)) continue;
    const logins = who.filter((w): w is string => typeof w === 'string' && isLogin(w));
    if (logins.length > 0) owners[role] = [...new Set(logins)];
  }
  return Object.keys(owners).length > 0 ? owners : null;
}
