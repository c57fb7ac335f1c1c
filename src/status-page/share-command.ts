/**
 * `/share` and `/share revoke` on an EPIC (pure): state in, state change and reply out. The first
 * `/share` gives the onboarding a nonce; later ones reuse it, so earlier links keep working until
 * `/share revoke` rotates it. The caller passes a fresh random nonce and the settings.
 */
import type { StoredState } from '../onboarding/state.js';
import { escapeUserText } from '../render/escape.js';
import type { StatusPageSettings } from './settings.js';
import { statusPath } from './settings.js';
import { signStatusToken } from './token.js';

export interface ShareInput {
  state: StoredState;
  command: { revoke: boolean; validForHours: number | null };
  /** True when the command was written on the EPIC (a stage issue is refused). */
  onEpic: boolean;
  repo: { owner: string; repo: string };
  /** Null when the status page is off in this deployment (`EMBARK_STATUS_SECRET` unset). */
  settings: StatusPageSettings | null;
  now: Date;
  /** A fresh random nonce ({@link newNonce}), used when one is needed. */
  freshNonce: string;
  actor: string;
}

export interface ShareResult {
  ok: boolean;
  /** The new state when it changed (a nonce created or rotated), else null. */
  state: StoredState | null;
  reply: string;
}

const HOUR_MS = 3_600_000;

export function shareCommand(input: ShareInput): ShareResult {
  const { state, command, settings } = input;
  if (!input.onEpic) return { ok: false, state: null, reply: '`/share` works on the EPIC of an onboarding; write it there.' };
  if (!settings) {
    return { ok: false, state: null, reply: 'The status page is off in this Embark deployment; whoever runs Embark can turn it on by setting `EMBARK_STATUS_SECRET` and `EMBARK_PUBLIC_URL`.' };
  }
  const at = input.now.toISOString();
  if (command.revoke) {
    const next = structuredClone(state);
    next.statusPage = { nonce: input.freshNonce };
    next.log.unshift({ at, actor: input.actor, text: 'revoked the status page links' });
    return { ok: true, state: next, reply: 'Every earlier status page link now answers “not found”. Write `/share` for a new one.' };
  }
  if (!settings.publicUrl) {
    return { ok: false, state: null, reply: 'Embark does not know its public address, so it cannot build a link; whoever runs Embark must set `EMBARK_PUBLIC_URL`.' };
  }
  const existing = state.statusPage?.nonce;
  const next = existing ? null : structuredClone(state);
  const nonce = existing ?? input.freshNonce;
  if (next) {
    next.statusPage = { nonce };
    next.log.unshift({ at, actor: input.actor, text: 'shared the status page' });
  }
  const expiresAt = command.validForHours === null ? null : input.now.getTime() + command.validForHours * HOUR_MS;
  const token = signStatusToken(settings.secret, { owner: input.repo.owner, repo: input.repo.repo, epic: state.epic, nonce, expiresAt });
  const url = `${settings.publicUrl}${statusPath(token)}`;
  const until = expiresAt === null ? 'It does not expire' : `It works until ${new Date(expiresAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return {
    ok: true,
    state: next,
    reply: [
      `Status page for ${escapeUserText(state.customer)}: <${url}>`,
      `${until}. Anyone with the link sees the stages, due dates and the customer’s items, and can sign those items off; \`/share revoke\` turns every link off.`,
    ].join('\n\n'),
  };
}
