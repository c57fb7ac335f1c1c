/**
 * The `onboarding:` block of a template's front matter: what the markdown cannot say.
 * Validated once with zod; defaults applied here, so the rest of the code reads plain values.
 */
import { z } from 'zod';

/** A duration like `24h`, `2d`, `7d`, `90m`, or a number of hours. */
export const durationSchema = z.union([
  z.number().positive(),
  z.string().regex(/^\s*\d+(\.\d+)?\s*(m|h|d|w|bd)\s*$/i, 'use a duration like 24h, 2d, 1w or 3bd (business days)'),
]);

export const roleSchema = z.union([
  z.array(z.string().min(1)),
  z.object({
    /** Other spellings of the role in item text (`Customer Success Manager`, `Sales`). */
    aliases: z.array(z.string().min(1)).default([]),
    /** A short line shown to the people behind the role. */
    description: z.string().optional(),
  }),
]);

/** A `when:` condition: intake field name -> the value, or the values, that make it hold. */
export const conditionSchema = z.record(
  z.string().min(1),
  z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number(), z.boolean()]))]),
);

export const stageSettingsSchema = z.object({
  /** Business days the stage may take from its start. */
  due: z.number().int().positive().optional(),
  /** Role that owns items with no role marker in this stage. */
  owner: z.string().min(1).optional(),
  /**
   * Stages (by number, key or heading text) that must be done before this one starts. Absent:
   * the previous stage, as in a linear template. `[]`: starts with the onboarding.
   */
  after: z.union([z.string().min(1), z.number().int(), z.array(z.union([z.string().min(1), z.number().int()]))]).optional(),
  /** Business days after the onboarding started by which the stage is due (as an SOP counts from signing). */
  deadline: z.number().int().positive().optional(),
  /** An optional stage is created and followed but never holds up the onboarding's completion. */
  optional: z.boolean().optional(),
  /** Intake field -> accepted value(s): the stage exists only when the field holds one of them. */
  when: conditionSchema.optional(),
});

export const templateSettingsSchema = z
  .object({
    /** Role names (keys) with their aliases. Roles used as `ROLE >>` in items need not be declared. */
    roles: z.record(z.string().min(1), roleSchema).default({}),
    /** Per-stage settings keyed by stage number (`1`), stage key (`stage-1`) or heading text. */
    stages: z.record(z.string(), stageSettingsSchema).default({}),
    /** Due days per stage in stage order; shorter than the stage list means "no due date" for the rest. */
    due: z.array(z.number().int().positive()).default([]),
    /** Overall target for the whole onboarding, in business days. */
    target: z.number().int().positive().optional(),
    /** Item text fragments (case-insensitive) or item ids that never block a stage. */
    optional: z.array(z.string().min(1)).default([]),
    /** Per item (text fragment, case-insensitive, or item id): `when:` keeps it only for some customers. */
    items: z.record(z.string().min(1), z.object({ when: conditionSchema }).strict()).default({}),
    /** Reminder offsets from a stage's start. */
    reminders: z.array(durationSchema).optional(),
    /** Follow-up check-ins after completion, in days (`[30, 60, 90]`). */
    checkins: z.array(z.number().int().positive()).default([]),
    /** Check-in list shown to the CSM for each follow-up. */
    checkinItems: z.array(z.string().min(1)).default([]),
    /** Item text fragments (case-insensitive) or item ids the customer signs off on the status page. */
    customerItems: z.array(z.string().min(1)).optional(),
    /**
     * Intake fields the customer fills in on the status page, by name as the template writes them
     * (compared ignoring case and spaces). Each must name an intake field of the template.
     */
    customerFields: z.array(z.string().min(1)).default([]),
  })
  .strict();

export type TemplateSettings = z.infer<typeof templateSettingsSchema>;

/** Settings of a template with no `onboarding:` block. */
export const defaultTemplateSettings: TemplateSettings = templateSettingsSchema.parse({});
