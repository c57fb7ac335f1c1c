/**
 * Notices (activation, summary, reminders) carry a hidden key so a replayed event or a crash
 * between posting and saving state never posts the same notice twice.
 */
const PREFIX = '<!-- embark:notice ';

/** The hidden line that starts every Embark notice. */
export function noticeMarker(key: string): string {
  return `${PREFIX}${key.replace(/--/g, '-')} -->`;
}

/** The notice key a comment body carries, or null. */
export function readNoticeKey(body: string): string | null {
  if (!body.startsWith(PREFIX)) return null;
  const end = body.indexOf(' -->', PREFIX.length);
  return end < 0 ? null : body.slice(PREFIX.length, end);
}
