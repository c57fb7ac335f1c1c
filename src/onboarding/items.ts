/**
 * Read the checklist items of a stage issue body as the core needs them: text, role, checked,
 * optional. Roles and optional markers use the spellings the template declared (kept in state),
 * so no template fetch is needed on every checkbox edit.
 */
export interface StageItem {
  /** Stable id within the stage (from the template engine). */
  id: string;
  /** 1-based position among the stage issue's items (what `/check 3` means). */
  position: number;
  text: string;
  role: string | null;
  checked: boolean;
  optional: boolean;
}

import { parseIssueBody } from '../template/index.js';
import type { Template } from '../template/model.js';
import { defaultTemplateSettings } from '../template/settings.js';
import type { StoredState } from './state.js';

/** A minimal template carrying just what item reading needs: role spellings and optional markers. */
function templateForItems(state: Pick<StoredState, 'roleAliases' | 'optional' | 'template'>): Template {
  return {
    name: state.template.name,
    about: '',
    version: state.template.version,
    title: '',
    titlePrefix: null,
    labels: [],
    assignees: [],
    type: null,
    settings: {
      ...defaultTemplateSettings,
      roles: Object.fromEntries(Object.entries(state.roleAliases).map(([r, aliases]) => [r, { aliases }])),
      optional: state.optional,
    },
    roles: Object.keys(state.roleAliases),
    fields: [],
    stages: [],
    footnotes: {},
  };
}

/** Build the item reader for one onboarding: body -> items, in document order, numbered from 1. */
export function itemReaderFor(state: Pick<StoredState, 'roleAliases' | 'optional' | 'template'>): (body: string) => StageItem[] {
  const template = templateForItems(state);
  // One event reads the same bodies many times (views are re-derived as stages advance);
  // markdown parsing dominates the cost, so each distinct body is parsed once per reader.
  const memo = new Map<string, StageItem[]>();
  return (body) => {
    const hit = memo.get(body);
    if (hit) return hit;
    const items = readItems(body, template);
    if (memo.size > 64) memo.clear();
    memo.set(body, items);
    return items;
  };
}

function readItems(body: string, template: Template): StageItem[] {
  const parsed = parseIssueBody(body, template);
  const items = (parsed.template?.stages ?? []).flatMap((s) => s.items);
  return items.map((item, i) => ({
    id: item.id,
    position: i + 1,
    text: item.text,
    role: item.role,
    checked: item.checked,
    optional: item.optional,
  }));
}
