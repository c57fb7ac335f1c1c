/**
 * The dashboard issue's hidden markers around the part Embark owns, and the one edit it makes to
 * that body: everything outside the markers is people's.
 */
export const DASHBOARD_START = '<!-- embark:dashboard:start -->';
export const DASHBOARD_END = '<!-- embark:dashboard:end -->';

/**
 * The issue body with Embark's section replaced (or appended when people removed it), leaving
 * every character outside the markers as it was. The section is the one ending at the first end
 * marker, from the last start marker before it, so a stray start marker left by an edit never
 * makes Embark swallow text.
 */
export function spliceDashboardSection(body: string, section: string): string {
  const end = body.indexOf(DASHBOARD_END);
  const start = end < 0 ? -1 : body.lastIndexOf(DASHBOARD_START, end);
  if (start < 0 || end < 0) return body.trim() === '' ? section : `${body.replace(/\s+$/, '')}\n\n${section}`;
  return body.slice(0, start) + section + body.slice(end + DASHBOARD_END.length);
}
