/**
 * What a sign-off on the status page changes (pure): one customer item ticked in its stage issue,
 * one comment saying who signed, one line in the activity log. The caller hands the result to the
 * normal writer (`step` with a recompute), so stages advance exactly as after a tick in GitHub.
 */
import { readTasks, setCheckbox } from '../checklist/index.js';
import { isCustomerItem } from '../onboarding/customer-items.js';
import type { Action } from '../onboarding/plan.js';
import type { OnboardingSnapshot } from '../onboarding/snapshot.js';
import type { StoredState } from '../onboarding/state.js';
import type { StageView } from '../onboarding/view.js';
import { escapeUserText } from '../render/escape.js';

export interface Signer {
  name: string;
  email: string | null;
}

export interface SignOffInput {
  state: StoredState;
  snapshot: OnboardingSnapshot;
  stages: StageView[];
  /** `<stageKey>/<itemId>` from the form. */
  itemKey: string;
  signer: Signer;
  customerItems: string[];
  now: string;
}

export type SignOffPlan =
  | { kind: 'signed'; state: StoredState; snapshot: OnboardingSnapshot; actions: Action[]; itemText: string }
  /** The box is already ticked (a repeated post, or someone ticked it in GitHub): nothing to write. */
  | { kind: 'already'; itemText: string }
  | { kind: 'refused'; message: string };

/** The comment key of one item's sign-off: a replayed write finds it and posts nothing. */
export function signOffKey(itemKey: string): string {
  return `sign-off:${itemKey}`;
}

/** The comment posted on the stage issue; the signer's words are escaped (no markdown, no mentions). */
export function signOffComment(signer: Signer, itemText: string): string {
  const who = escapeUserText(signer.name, { maxLength: 100 });
  const email = signer.email ? ` (${escapeUserText(signer.email, { maxLength: 254 })})` : '';
  return `Signed off by ${who}${email} via the status page: “${escapeUserText(itemText)}”.`;
}

export function planSignOff(input: SignOffInput): SignOffPlan {
  const { stages, itemKey, signer } = input;
  const slash = itemKey.indexOf('/');
  const stage = slash > 0 ? stages.find((s) => s.key === itemKey.slice(0, slash)) : undefined;
  const item = stage?.items.find((i) => i.id === itemKey.slice(slash + 1));
  // One answer for "no such item" and "not yours to sign": the page never offered either.
  if (!stage || !item || !isCustomerItem(item, input.customerItems)) return { kind: 'refused', message: 'That item cannot be signed off here.' };
  if (item.checked) return { kind: 'already', itemText: item.text };
  if (input.state.cancelled || input.state.completedAt) return { kind: 'refused', message: 'This onboarding is closed; nothing can be signed off any more.' };
  const snapshot = structuredClone(input.snapshot);
  const issue = snapshot.stageIssues.find((i) => i.stageKey === stage.key);
  if (issue?.state !== 'open') return { kind: 'refused', message: 'This stage is closed; ask your onboarding contact.' };
  const tasks = readTasks(issue.body);
  const task = tasks[item.position - 1];
  if (!task) return { kind: 'refused', message: 'The checklist changed while you were reading it; reload the page and try again.' };
  const occurrence = tasks.slice(0, item.position - 1).filter((t) => t.text === task.text).length;
  const flipped = setCheckbox(issue.body, { text: task.text, occurrence }, true);
  if (!flipped) return { kind: 'refused', message: 'The checklist changed while you were reading it; reload the page and try again.' };
  issue.body = flipped.body;
  const state = structuredClone(input.state);
  state.log.unshift({ at: input.now, actor: 'status page', text: `“${item.text}” in ${stage.title} signed off by ${signer.name} via the status page`, key: signOffKey(itemKey) });
  const actions: Action[] = [
    { kind: 'setCheckbox', issue: issue.number, target: { text: task.text, occurrence }, checked: true },
    { kind: 'comment', issue: issue.number, body: signOffComment(signer, item.text), key: signOffKey(itemKey) },
  ];
  return { kind: 'signed', state, snapshot, actions, itemText: item.text };
}
