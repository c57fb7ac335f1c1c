/**
 * Plan the start of an onboarding (pure): which stage issues to create, and the initial state.
 * Re-running it on a half-started onboarding plans only what is missing.
 */
import type { EmbarkConfig } from '../config.js';
import { renderStageIssue } from '../render/stage-issue.js';
import { stageWithoutItems } from '../template/item-filter.js';
import type { Template, TemplateStage } from '../template/model.js';
import { prerequisites, readyStages } from '../template/stage-graph.js';
import { graphFields, stageGraphOf } from './graph.js';
import type { StageIssueSpec } from './plan.js';
import type { IssueSnapshot, StageIssueSnapshot } from './snapshot.js';
import { newStageState, type StoredState } from './state.js';

export interface StartInput {
  template: Template;
  /** Which file the template came from (for the state and messages). */
  templateFile: string | null;
  /** Stages parsed from the EPIC body as the person left it (that text wins over the template). */
  stages: TemplateStage[];
  customer: string;
  epic: IssueSnapshot;
  existing: StageIssueSnapshot[];
  config: EmbarkConfig;
  now: string;
  /**
   * Owners named for this onboarding alone (the EPIC body's `embark:owners` marker, written by
   * `embark enroll`): they replace the configured owners of the roles they name.
   */
  owners?: Record<string, string[]> | null;
  /**
   * Which stages apply to this customer (their `when:` evaluated on the EPIC's intake fields);
   * a stage mapped to false gets no issue and shows as not applicable. Absent: every stage.
   */
  applies?: Record<string, boolean>;
}

export interface StartPlan {
  specs: StageIssueSpec[];
  state: StoredState;
}

/** Owners of each role for this onboarding: config roles, matched case-insensitively to template roles. */
export function ownersByRole(template: Template, config: EmbarkConfig): Record<string, string[]> {
  const configured = Object.entries(config.roles);
  const result: Record<string, string[]> = {};
  for (const role of template.roles) {
    const hit = configured.find(([name]) => name.toLowerCase() === role.toLowerCase());
    result[role] = hit ? [...hit[1]] : [];
  }
  // Configured roles the template does not name are kept too (commands may use them), once: a
  // `csm:` in the config is the template's `CSM`, not a second role.
  const known = new Set(Object.keys(result).map((r) => r.toLowerCase()));
  for (const [name, who] of configured) if (!known.has(name.toLowerCase())) result[name] = [...who];
  return result;
}

/** The owners with per-onboarding overrides applied; a role is matched case-insensitively. */
export function withOwnerOverrides(owners: Record<string, string[]>, overrides: Record<string, string[]> | null | undefined): Record<string, string[]> {
  const result = { ...owners };
  for (const [role, who] of Object.entries(overrides ?? {})) {
    const name = Object.keys(result).find((r) => r.toLowerCase() === role.toLowerCase()) ?? role;
    result[name] = [...who];
  }
  return result;
}

/** Aliases per canonical role, from the template's `onboarding.roles` block. */
export function roleAliases(template: Template): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const role of template.roles) out[role] = [];
  for (const [name, def] of Object.entries(template.settings.roles)) {
    out[name] = Array.isArray(def) ? def : def.aliases;
  }
  return out;
}

export function planStart(input: StartInput): StartPlan {
  const { template, stages, config, epic, now } = input;
  const roles = withOwnerOverrides(ownersByRole(template, config), input.owners);
  const have = new Set(input.existing.map((s) => s.stageKey));
  const applies = (key: string) => input.applies?.[key] !== false;
  // Items whose `when:` does not hold are left out of their stage issue.
  const dropItems = new Set(Object.entries(input.applies ?? {}).filter(([k, v]) => k.includes('.') && !v).map(([k]) => k));
  const graph = stageGraphOf(stages, applies);
  const roots = new Set(readyStages(graph, new Set()));
  const titleOf = (key: string) => stages.find((s) => s.key === key)?.title ?? key;
  const pre = prerequisites(graph);
  const usesGraph = stages.some((s) => s.after != null);
  const specs: StageIssueSpec[] = [];
  for (const written of stages) {
    if (have.has(written.key) || !applies(written.key)) continue;
    const stage = stageWithoutItems(written, epic.body, dropItems);
    // The text of a graph (who a stage waits for) is written only where a template has one, so a
    // linear template's stage issues read as they always did.
    const waitsFor = usesGraph ? (pre.get(stage.key) ?? []).map(titleOf) : undefined;
    const rendered = renderStageIssue({ template, stage, customer: input.customer, epic: { number: epic.number, title: epic.title }, owners: roles, waitsFor });
    specs.push({
      stageKey: stage.key,
      title: rendered.title,
      body: rendered.body,
      assignees: rendered.assignees,
      labels: [config.labels.stage, roots.has(stage.key) ? config.labels.active : config.labels.pending],
      blockedBy: waitsFor ? (pre.get(stage.key) ?? []) : [],
    });
  }
  const state: StoredState = {
    v: 1,
    epic: epic.number,
    template: { name: template.name, version: template.version, file: input.templateFile },
    customer: input.customer,
    startedAt: now,
    roles,
    roleAliases: roleAliases(template),
    optional: template.settings.optional,
    customerItems: template.settings.customerItems ?? [],
    targetDays: template.settings.target ?? config.target,
    checkins: template.settings.checkins.length > 0 ? template.settings.checkins : config.checkins,
    checkinItems: template.settings.checkinItems,
    stages: stages.map((s) =>
      newStageState({
        key: s.key,
        title: s.title,
        number: s.number,
        issue: input.existing.find((e) => e.stageKey === s.key)?.number ?? null,
        // A stage with a deadline from the start and no `due:` of its own is due by the deadline alone.
        dueDays: s.dueDays ?? (s.deadlineDays ? null : config.defaultStageDays),
        ...graphFields(s, applies(s.key)),
      }),
    ),
    skipped: {},
    blocked: null,
    blockedSpans: [],
    cancelled: null,
    completedAt: null,
    snoozedUntil: null,
    // The first stages' owners learn of them from the assignment GitHub notifies them about.
    sent: [...roots].map((key) => `activate:${key}`),
    log: [{ at: now, actor: 'embark', text: `onboarding started from “${template.name}”`, key: 'started' }],
  };
  return { specs, state };
}
