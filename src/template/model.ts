/**
 * The typed model of an onboarding template, and of an issue body opened from one.
 * Pure data: produced by `parseTemplate` / `parseIssueBody`, read by every other layer.
 */
import type { TemplateSettings } from './settings.js';

/** Where a diagnostic points: 1-based line and column in the file as the user sees it. */
export interface SourcePoint {
  line: number;
  column: number;
}

/** A problem found in a template. Errors make the template unusable; warnings do not. */
export interface Diagnostic extends SourcePoint {
  /** What is wrong and how to fix it, in words a template author can act on. */
  message: string;
}

/** One GitHub task-list item (`- [ ] CSM >> Do x`). */
export interface TemplateItem {
  /**
   * Stable id: derived from the stage key and the item's normalised text (plus an occurrence
   * counter for duplicates), so it survives edits to unrelated lines.
   */
  id: string;
  /** The item's text without its role marker (`CSM >> `), trimmed, markdown kept as written. */
  text: string;
  /** The owning role as the template spells it in `onboarding.roles` (canonical name), or null. */
  role: string | null;
  checked: boolean;
  /** Optional items never block a stage from completing. */
  optional: boolean;
  /** 1-based line and column of the list item's marker (`-`, `*`, `1.`). */
  line: number;
  column: number;
  /** UTF-16 offset in `Template.body` of the checkbox's state character (the ` ` or `x` inside `[ ]`). */
  checkboxOffset: number;
  /** 0 for a top-level item, 1 for an item nested under another item, ... */
  depth: number;
  /** Footnote links the item references, resolved (`[^5]` -> url). */
  links: string[];
  /** Intake field -> accepted values (`onboarding.items.<item>.when`); absent when it always applies. */
  when?: Record<string, string[]>;
}

/** A `Key: \`value\`` list item holding customer intake data. */
export interface IntakeField {
  name: string;
  value: string;
  /** True while the value is still the template's placeholder (`xxx`, empty, `<...>`). */
  placeholder: boolean;
  line: number;
  /** Set when the field is written as a task item (seed 000 style). */
  itemId: string | null;
  /** The form field's `id`, for a field of an issue form that has one. */
  id?: string;
}

/** A field of an issue form whose answer GitHub writes into the issue body under `### <label>`. */
export interface FormField {
  type: 'input' | 'textarea' | 'dropdown' | 'checkboxes';
  /** The element's `id`, or null. */
  id: string | null;
  label: string;
  /** Dropdown choices, or checkbox labels. */
  options: string[];
  /** 1-based line of the element in the form file. */
  line: number;
}

/** One stage of work (`### Stage 1`). */
export interface TemplateStage {
  /** Stable key within the template: `stage-0`, `stage-1`, ... by stage number when given, else by position. */
  key: string;
  /** The number in `Stage N` / `Phase N` headings, or null for stages found from plain headings. */
  number: number | null;
  /** Human title: `Stage 1: Gathering the requirements` style, or the heading text. */
  title: string;
  /** 1-based line of the stage heading (or of the first item for the implicit first stage). */
  line: number;
  /**
   * UTF-16 offsets of the stage's section in `Template.body`: from its heading's start to the
   * start of the next stage heading / thematic break before footnotes / end. Used to replace the
   * section in the EPIC body with links, leaving everything else as the person wrote it.
   */
  startOffset: number;
  endOffset: number;
  /**
   * The section's markdown as written, used for the stage issue body: the stage heading (and a
   * sub-heading that named the stage) excluded, leading blank lines and trailing space trimmed.
   */
  markdown: string;
  items: TemplateItem[];
  /** Business days this stage may take, from `onboarding.stages`/`onboarding.due`, else null. */
  dueDays: number | null;
  /**
   * Keys of the stages that must be done before this one starts (`onboarding.stages.<s>.after`),
   * or null for the default: the previous stage. Names that match no stage are left out.
   */
  after?: string[] | null;
  /** Business days after the onboarding's start by which the stage is due (`deadline:`), or null. */
  deadlineDays?: number | null;
  /** An optional stage never holds up completion. */
  optional?: boolean;
  /** Intake field -> accepted values (`when:`); null when the stage always applies. */
  when?: Record<string, string[]> | null;
}

/** A parsed onboarding template. */
export interface Template {
  /** Front matter `name` (required by GitHub). */
  name: string;
  /** Front matter `about` (required by GitHub). */
  about: string;
  /** `v2023.04` style version from `version:` or found in `about`, else null. */
  version: string | null;
  /** Front matter `title`, as written (`[Managed Services Onboarding] %customer%`). */
  title: string;
  /** The fixed part of the title that identifies an onboarding issue (`[Managed Services Onboarding]`), or null. */
  titlePrefix: string | null;
  labels: string[];
  assignees: string[];
  type: string | null;
  /** The `onboarding:` block, validated, with defaults applied. */
  settings: TemplateSettings;
  /** Canonical role names the template uses or declares, in first-seen order. */
  roles: string[];
  fields: IntakeField[];
  stages: TemplateStage[];
  /**
   * Footnote definitions by label (`5` for `[^5]`): the definition's markdown as written after
   * `[^5]: ` (`[Portal](https://portal.example)`). Items carry the resolved URLs in `links`.
   */
  footnotes: Record<string, string>;
  /**
   * Set for an issue form (`.github/ISSUE_TEMPLATE/*.yml`): its fields, so the answers in an
   * issue opened from it can be read. Absent for markdown templates.
   */
  form?: { fields: FormField[] };
  /**
   * The markdown the stage offsets and checkbox offsets count in: for a template file, the text
   * after the front matter (what an issue opened from it holds); for an issue, its body.
   */
  body?: string;
}

/** Result of parsing: never throws; `ok` is false when `errors` is not empty. */
export interface ParseResult {
  ok: boolean;
  /** Present whenever parsing got far enough to build a model (also when there are errors). */
  template: Template | null;
  errors: Diagnostic[];
  warnings: Diagnostic[];
}
