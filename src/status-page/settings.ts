/**
 * The status page's two settings, read once from the environment: the signing secret and the
 * public address links are built from. Without the secret the page is off (and says so once
 * in the log); without the address `/share` cannot build a link.
 */
export interface StatusPageSettings {
  /** Signs links and sign-off forms. */
  secret: string;
  /** Where customers reach Embark, without a trailing slash (`https://embark.example.com`). */
  publicUrl: string | null;
}

/** Shortest secret accepted: a short one could be guessed offline from one link. */
export const MIN_SECRET_LENGTH = 32;

export type SettingsResult = { ok: true; settings: StatusPageSettings } | { ok: false; reason: string };

export function statusPageSettings(env: NodeJS.ProcessEnv): SettingsResult {
  const secret = env.EMBARK_STATUS_SECRET ?? '';
  if (secret === '') return { ok: false, reason: 'status page off: set EMBARK_STATUS_SECRET (and EMBARK_PUBLIC_URL) to serve /embark/status links' };
  if (secret.length < MIN_SECRET_LENGTH) {
    return { ok: false, reason: `status page off: EMBARK_STATUS_SECRET must be at least ${MIN_SECRET_LENGTH} characters (e.g. openssl rand -base64 32)` };
  }
  const raw = (env.EMBARK_PUBLIC_URL ?? '').trim();
  if (raw === '') return { ok: true, settings: { secret, publicUrl: null } };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: `status page off: EMBARK_PUBLIC_URL \`${raw}\` is not a URL; write it like https://embark.example.com` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `status page off: EMBARK_PUBLIC_URL must start with https:// (got ${url.protocol})` };
  }
  return { ok: true, settings: { secret, publicUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}` } };
}

/** The path of a link's page. */
export function statusPath(token: string): string {
  return `/embark/status/${token}`;
}
