/**
 * The issue Embark opens for one stage of an onboarding: its hidden marker, a link back to the
 * EPIC, the stage's checklist exactly as the person left it in the EPIC body, the footnotes that
 * checklist points to, and who owns it. Due dates and progress are not here: they change, and
 * live in the status comment on the EPIC.
 */
import { parseMarkdown } from '../checklist/mdast.js';
import { defaultConfig } from '../config.js';
import type { Template, TemplateStage } from '../template/model.js';
import { escapeUserText, inlineCode } from './escape.js';
import { stageMarker } from './markers.js';

/** GitHub accepts at most 10 assignees on an issue. */
export const MAX_ASSIGNEES = 10;

/** GitHub's limit for an issue title, in characters. */
export const MAX_TITLE_LENGTH = 256;

export interface StageIssueInput {
  template: Template;
  /** The stage as parsed from the EPIC body (its text wins over the template's). */
  stage: TemplateStage;
  customer: string;
  epic: { number: number; title: string };
  /** Logins behind each role (`{ CSM: ['alice'] }`); `@` is optional. */
  owners: Record<string, string[]>;
  /**
   * The markdown the stage was parsed from (the EPIC body), where the footnote definitions its
   * checklist references are copied from as written. Defaults to the template's body.
   */
  source?: string;
  /** Labels for the new issue. Defaults to the configured stage label's default. */
  labels?: string[];
  /**
   * Titles of the stages this one waits for, written as a line of text (also where GitHub has no
   * issue dependencies); absent for a linear template, whose stage issues carry no such line.
   */
  waitsFor?: string[];
}

export interface RenderedStageIssue {
  title: string;
  body: string;
  labels: string[];
  assignees: string[];
}

// A GitHub login: letters, digits and single inner hyphens, at most 39 characters.
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const TEAM = /^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** `EPIC title · Stage title`, shortening the EPIC title when the whole would be too long. */
export function stageIssueTitle(epicTitle: string, stage: string): string {
  const sep = ' · ';
  const full = `${epicTitle}${sep}${stage}`;
  if ([...full].length <= MAX_TITLE_LENGTH) return full;
  const room = MAX_TITLE_LENGTH - [...sep].length - [...stage].length - 1;
  if (room < 8) return [...full].slice(0, MAX_TITLE_LENGTH - 1).join('') + '…';
  return `${[...epicTitle].slice(0, room).join('').trimEnd()}…${sep}${stage}`;
}

/** The stage's setting for items with no role marker, looked up the ways a template may key it. */
function stageOwner(template: Template, stage: TemplateStage): string | null {
  const settings = template.settings.stages;
  const keys = [stage.number === null ? null : String(stage.number), stage.key, stage.title];
  for (const key of keys) {
    const owner = key === null ? undefined : settings[key]?.owner;
    if (owner) return owner;
  }
  return null;
}

/** Roles that own items in the stage, in first-seen order. */
export function stageRoles(template: Template, stage: TemplateStage): string[] {
  const fallback = stageOwner(template, stage);
  const roles: string[] = [];
  for (const item of stage.items) {
    const role = item.role ?? fallback;
    if (role !== null && !roles.includes(role)) roles.push(role);
  }
  return roles;
}

/** Owners of a role, matching the role name case-insensitively, without `@`. */
function ownersOf(owners: Record<string, string[]>, role: string): string[] {
  const exact = owners[role];
  const found = exact ?? Object.entries(owners).find(([name]) => name.toLowerCase() === role.toLowerCase())?.[1] ?? [];
  return found.map((login) => login.trim().replace(/^@/, '')).filter((login) => login !== '');
}

/** `@alice` for a real login or team, the text in code otherwise (so it can do nothing). */
function mention(login: string): string {
  return LOGIN.test(login) || TEAM.test(login) ? `@${login}` : inlineCode(login);
}

/** The `**Owners:** CSM: @alice · Engineer: _unassigned_` line of a stage issue. */
export function ownersLine(roles: string[], owners: Record<string, string[]>): string {
  if (roles.length === 0) return '**Owners:** none: no item here names a role.';
  const parts = roles.map((role) => {
    const who = ownersOf(owners, role);
    const named = who.length > 0 ? who.map(mention).join(', ') : '_unassigned_';
    return `${escapeUserText(role)}: ${named}`;
  });
  return `**Owners:** ${parts.join(' · ')}`;
}

// `[^id]` not followed by `:` (a definition); the id has no blanks or brackets.
const FOOTNOTE_REFERENCE = /\[\^([^\]\s^]+)\](?!:)/g;

/** Footnote definitions of a markdown source as written, by case-folded identifier. */
function definitionsIn(source: string): Map<string, string> {
  const found = new Map<string, string>();
  const { doc } = parseMarkdown(source);
  if (!doc) return found;
  for (const node of doc.root.children) {
    const { start, end } = node.position ?? {};
    if (node.type !== 'footnoteDefinition' || start?.offset === undefined || end?.offset === undefined) continue;
    const key = node.identifier.toLowerCase();
    if (!found.has(key)) found.set(key, source.slice(start.offset + doc.shift, end.offset + doc.shift).trimEnd());
  }
  return found;
}

/**
 * The definitions the checklist references, in order of first reference: as written in `source`
 * (the body the stage came from), else built from the template's resolved URL.
 */
function footnoteDefinitions(checklist: string, source: string, resolved: Record<string, string>): string[] {
  const references = [...checklist.matchAll(FOOTNOTE_REFERENCE)].map((m) => m[1]!);
  if (references.length === 0) return [];
  const written = definitionsIn(source);
  const urls = new Map(Object.entries(resolved).map(([label, url]) => [label.toLowerCase(), url]));
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const label of references) {
    const key = label.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const definition = written.get(key) ?? (urls.has(key) ? `[^${label}]: ${urls.get(key)}` : null);
    if (definition !== null) lines.push(definition);
  }
  return lines;
}

const OWNERS_LINE = /^\*\*Owners:\*\*.*$/gm;

/**
 * `body` with its owners line replaced by `line`: the last one, which is Embark's (a person may
 * have quoted one in the checklist above it). A body without one is returned unchanged.
 */
export function replaceOwnersLine(body: string, line: string): string {
  const found = [...body.matchAll(OWNERS_LINE)].pop();
  if (!found || found.index === undefined) return body;
  const end = found.index + found[0].replace(/\r$/, '').length;
  return `${body.slice(0, found.index)}${line}${body.slice(end)}`;
}

/** Union of the owners of the given roles, as GitHub user logins (teams cannot be assigned), at most 10. */
function assigneesFor(roles: string[], owners: Record<string, string[]>): string[] {
  const out: string[] = [];
  for (const role of roles) {
    for (const login of ownersOf(owners, role)) {
      if (!LOGIN.test(login) || out.some((o) => o.toLowerCase() === login.toLowerCase())) continue;
      out.push(login);
    }
  }
  return out.slice(0, MAX_ASSIGNEES);
}

/** Where the stage sits in the onboarding's graph: what it waits for, and whether it is optional. */
function orderLines(waitsFor: string[], optional: boolean): string[] {
  const after = waitsFor.length > 0 ? `**Starts after:** ${waitsFor.map((t) => escapeUserText(t)).join(', ')}.` : '**Starts:** with the onboarding.';
  return ['', optional ? `${after} Optional: the onboarding can finish without it.` : after];
}

/** Title, body, labels and assignees of one stage issue. Pure. */
export function renderStageIssue(input: StageIssueInput): RenderedStageIssue {
  const { template, stage, epic, owners } = input;
  const roles = stageRoles(template, stage);
  const checklist = stage.markdown.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd();
  const footnotes = footnoteDefinitions(checklist, input.source ?? template.body ?? '', template.footnotes);
  const lines = [
    stageMarker({ epic: epic.number, stage: stage.key, template: template.name }),
    `Part of #${epic.number}: onboarding of **${escapeUserText(input.customer)}**, ${escapeUserText(stage.title)}.`,
    '',
    checklist === '' ? '_This stage has no checklist._' : checklist,
    '',
    ownersLine(roles, owners),
  ];
  if (input.waitsFor) lines.push(...orderLines(input.waitsFor, stage.optional === true));
  // Footnote definitions go last: GitHub renders them at the end whatever their place.
  if (footnotes.length > 0) lines.push('', ...footnotes);
  return {
    title: stageIssueTitle(epic.title, stage.title),
    body: `${lines.join('\n')}\n`,
    labels: input.labels ?? [defaultConfig.labels.stage],
    assignees: assigneesFor(roles, owners),
  };
}
