/**
 * `/upgrade` and `/upgrade confirm` on an onboarding (pure): the checks that keep an upgrade from
 * doing what nobody saw, then the preview or the plan applied to the command's working copy.
 */
import type { Command } from '../commands/index.js';
import type { EmbarkConfig } from '../config.js';
import { escapeUserText } from '../render/escape.js';
import type { ParseResult } from '../template/model.js';
import type { Work } from './transitions.js';
import { planUpgrade } from './upgrade-plan.js';
import { appliedReply, previewReply, versionWords } from './upgrade-reply.js';
import type { ItemReader } from './view.js';

/** The template the onboarding was started from, as the repository holds it now. */
export interface UpgradeSource {
  file: string;
  result: Pick<ParseResult, 'ok' | 'errors' | 'template'>;
}

/** What the command needs from its context (the command context has all of it). */
export interface UpgradeContext {
  actor: string;
  onIssue: number;
  now: string;
  config: EmbarkConfig;
  readItems: ItemReader;
  /** Null when the template is no longer in the repository. */
  upgradeSource?: UpgradeSource | null;
}

type Reply = { ok: boolean; text: string };

/** Run `/upgrade` (preview) or `/upgrade confirm` against the working copy. */
export function upgradeCommand(work: Work, cmd: Extract<Command, { name: 'upgrade' }>, ctx: UpgradeContext): Reply {
  const deny = (reason: string): Reply => ({ ok: false, text: `\`${cmd.raw.trim()}\`: ${reason}` });
  const { state, snapshot } = work;
  if (ctx.onIssue !== snapshot.epic.number) return deny(`run it on the EPIC, #${snapshot.epic.number}.`);
  if (state.cancelled || state.completedAt) return deny('this onboarding is closed; an upgrade changes running onboardings only.');
  const source = ctx.upgradeSource ?? null;
  const name = escapeUserText(state.template.name);
  if (!source) return deny(`the template “${name}”${state.template.file ? ` (\`${escapeUserText(state.template.file)}\`)` : ''} is no longer in this repository, so there is nothing to upgrade to.`);
  const template = source.result.template;
  if (!source.result.ok || !template) {
    const first = source.result.errors[0];
    const where = first ? ` (\`${escapeUserText(source.file)}\` line ${first.line}: ${escapeUserText(first.message, { maxLength: 300 })})` : '';
    return deny(`the template has errors${where}; fix it first, nothing was changed.`);
  }
  const plan = planUpgrade({ state, snapshot, readItems: ctx.readItems, template, file: source.file, config: ctx.config, now: ctx.now });
  const from = { version: state.template.version, fingerprint: state.template.fingerprint ?? null };
  if (plan.empty && from.fingerprint === plan.fingerprint) {
    state.upgradePreview = null;
    return { ok: true, text: `Already up to date with ${versionWords(plan.version, plan.fingerprint)}: nothing to change.` };
  }
  if (!cmd.confirm) {
    state.upgradePreview = { fingerprint: plan.fingerprint, version: plan.version, by: ctx.actor, at: ctx.now };
    return { ok: true, text: previewReply(plan, from) };
  }
  const wanted = cmd.fingerprint ?? state.upgradePreview?.fingerprint ?? null;
  if (!wanted) return deny('nothing to confirm: comment `/upgrade` first to see what the template’s current version would change, then `/upgrade confirm`.');
  if (!plan.fingerprint.startsWith(wanted)) {
    return deny(`the template changed since that preview (\`${escapeUserText(wanted)}\`, now \`${plan.fingerprint}\`); comment \`/upgrade\` to see the changes again. Nothing was changed.`);
  }
  work.state = plan.state;
  work.snapshot = plan.snapshot;
  work.actions.push(...plan.actions);
  const counts = plan.notes.filter((n) => n.effect === 'apply').length;
  work.log.push({ at: ctx.now, actor: ctx.actor, text: `upgraded to ${template.version ?? 'the current template'} (${plan.fingerprint}): ${counts} change${counts === 1 ? '' : 's'}`, key: `upgrade:${plan.fingerprint}` });
  return { ok: true, text: appliedReply(plan) };
}

/**
 * The template an onboarding runs, among the repository's templates now: the file it was started
 * from, else a template of the same name (the file was renamed); null when neither is there.
 */
export function upgradeSourceFor<T extends UpgradeSource>(templates: readonly T[], recorded: { name: string; file: string | null }): T | null {
  const byFile = recorded.file ? templates.find((t) => t.file === recorded.file) : undefined;
  const name = recorded.name.toLowerCase();
  return byFile ?? templates.find((t) => t.result.template?.name.toLowerCase() === name) ?? null;
}
