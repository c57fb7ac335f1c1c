/**
 * Repository configuration: `.github/onboarding.yml`, validated once at the edge with zod.
 *
 * Probot's `context.config` deep-merges defaults and concatenates arrays, so Embark reads the
 * raw file (with `_extends` resolved) and applies defaults here, after validation.
 */
import { z } from 'zod';
import { parseAddress } from './customer/contact.js';
import { hasControl } from './customer/one-line.js';
import { type CalendarConfig, createCalendar } from './schedule/calendar.js';
import { durationSchema } from './template/settings.js';

const login = z
  .string()
  .min(1)
  .transform((s) => s.replace(/^@/, ''));

export const calendarSchema = z
  .object({
    /** IANA time zone business days are counted in. */
    timezone: z.string().default('UTC'),
    /** Working weekdays, 1 = Monday ... 7 = Sunday. */
    workdays: z.array(z.number().int().min(1).max(7)).default([1, 2, 3, 4, 5]),
    /** Public holidays from date-holidays: a country (`NL`), or country-state (`US-CA`). */
    holidays: z.string().optional(),
    /** Extra closed dates, `YYYY-MM-DD`. */
    closed: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')).default([]),
    /** Business hours, used when reminders count in business hours. */
    hours: z
      .object({ start: z.number().int().min(0).max(23).default(9), end: z.number().int().min(1).max(24).default(17) })
      .default({ start: 9, end: 17 }),
  })
  .default({ timezone: 'UTC', workdays: [1, 2, 3, 4, 5], closed: [], hours: { start: 9, end: 17 } });

export const escalationStepSchema = z.object({
  /** Business days after the due date (0 = on the due date). */
  after: z.number().int().min(0),
  /** Who is mentioned: role names (`owners` = the stage's owners), `@user` or `@org/team`. */
  notify: z.array(z.string().min(1)).min(1),
});

/** Defaults of the `customer` block, following the seeds: reminders at 24 h, 48 h and 7 days, a weekly update. */
export const customerDefaults = {
  enabled: true,
  welcome: true,
  yourPart: true,
  reminders: ['24h', '48h', '7d'],
  digest: '1w',
  signOff: true,
  checkins: true,
  survey: 'last',
} as const;

/**
 * Mail to the customer's contacts (`src/customer/`). Nothing is sent unless the app has
 * `EMBARK_SMTP_URL` and `EMBARK_MAIL_FROM` and the onboarding has contacts.
 */
export const customerSchema = z
  .object({
    /** Master switch: `false` sends no customer mail at all from this repository. */
    enabled: z.boolean().default(customerDefaults.enabled),
    /** A welcome to each contact when the onboarding starts (or when they are added). */
    welcome: z.boolean().default(customerDefaults.welcome),
    /** A mail naming the customer's own open items when a stage that has some becomes active. */
    yourPart: z.boolean().default(customerDefaults.yourPart),
    /** Offsets from a stage's start at which a contact is reminded of their open items; `[]` or `false` for none. */
    reminders: z
      .union([z.array(durationSchema), z.literal(false)])
      .transform((value) => (value === false ? [] : value))
      .default([...customerDefaults.reminders]),
    /** A progress update every this long from the start while the onboarding runs (`1w`), or `off`. */
    digest: z
      .union([z.literal('off'), z.literal(false), durationSchema])
      .transform((value) => (value === false ? 'off' : value))
      .default(customerDefaults.digest),
    /** A go-live mail when the onboarding completes. */
    signOff: z.boolean().default(customerDefaults.signOff),
    /** A mail at each follow-up check-in day after completion. */
    checkins: z.boolean().default(customerDefaults.checkins),
    /** The check-in day whose mail carries the satisfaction survey, or `last` (the last check-in). */
    survey: z.union([z.literal('last'), z.number().int().positive()]).default(customerDefaults.survey),
    /** Display name the mails come from (`Intercept Onboarding`); default: the name in `EMBARK_MAIL_FROM`. */
    fromName: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .refine((name) => !hasControl(name), 'write the name on one line')
      .optional(),
    /** Address replies go to (`onboarding@contoso.com`), e.g. the CSM team's shared mailbox. */
    replyTo: z
      .string()
      .transform((raw, ctx) => {
        const address = parseAddress(raw);
        if (address.ok) return address.email;
        ctx.addIssue({ code: 'custom', message: address.error });
        return z.NEVER;
      })
      .optional(),
  })
  .strict()
  .default({ ...customerDefaults, reminders: [...customerDefaults.reminders] });

/**
 * The start API's mapping (`POST /embark/api/onboardings`): which named incoming properties (a CRM
 * record's, a form's) become the customer, the record's id, intake fields, owners and contacts.
 * Properties named like an intake field (`tenant_id` for `Tenant ID`) fill it without a mapping.
 */
export const apiMappingSchema = z
  .object({
    /** The incoming property that names the customer (`dealname`). */
    customer: z.string().min(1).optional(),
    /** The incoming property that identifies the record (`hs_object_id`): a repeat returns the same onboarding. */
    externalId: z.string().min(1).optional(),
    /** Intake field, as the template writes it -> the incoming property that fills it. */
    fields: z.record(z.string().min(1), z.string().min(1)).default({}),
    /** Role -> the incoming property holding that onboarding's owners (GitHub logins). */
    owners: z.record(z.string().min(1), z.string().min(1)).default({}),
    /** Incoming properties holding the customer's contact addresses. */
    contacts: z.array(z.string().min(1)).default([]),
  })
  .strict()
  .default({ fields: {}, owners: {}, contacts: [] });

/** A bot's login as GitHub sends it in events (`crm-sync[bot]`); `crm-sync` is read the same. */
const botLogin = z
  .string()
  .trim()
  .regex(/^@?[A-Za-z0-9][A-Za-z0-9-]*(\[bot\])?$/, 'write the bot account\'s login, e.g. crm-sync[bot]')
  .transform((s) => {
    const bare = s.replace(/^@/, '');
    return bare.endsWith('[bot]') ? bare : `${bare}[bot]`;
  });

export const configSchema = z
  .object({
    /** People behind each role, e.g. `CSM: [alice]`. `@` is optional. */
    roles: z.record(z.string().min(1), z.array(login)).default({}),
    /**
     * Which templates are onboardings: file names or template names. Empty = every template
     * whose title has a fixed prefix and whose body has stages.
     */
    templates: z.array(z.string().min(1)).default([]),
    /** Whether Embark's bundled templates may be used (`/onboard` and title matching). */
    bundledTemplates: z.boolean().default(true),
    /**
     * Settings of issue forms (`.github/ISSUE_TEMPLATE/*.yml`), which cannot hold an `onboarding:`
     * block: keyed by the form's file name (`onboarding.yml`, or without `.yml`), each the same
     * keys as a template's `onboarding:` block (validated when the form is read).
     */
    forms: z.record(z.string().min(1), z.unknown()).default({}),
    labels: z
      .object({
        epic: z.string().default('onboarding'),
        stage: z.string().default('onboarding-stage'),
        active: z.string().default('stage: active'),
        pending: z.string().default('stage: pending'),
        done: z.string().default('stage: done'),
        blocked: z.string().default('blocked'),
        attention: z.string().default('needs-attention'),
      })
      .default({
        epic: 'onboarding',
        stage: 'onboarding-stage',
        active: 'stage: active',
        pending: 'stage: pending',
        done: 'stage: done',
        blocked: 'blocked',
        attention: 'needs-attention',
      }),
    calendar: calendarSchema,
    /** Business days per stage when the template says nothing. */
    defaultStageDays: z.number().int().positive().default(5),
    /** Overall onboarding target in business days, when the template says nothing. */
    target: z.number().int().positive().default(15),
    reminders: z
      .object({
        /** Offsets from a stage's start. */
        after: z.array(durationSchema).default(['24h', '48h', '7d']),
        /** Count offsets in business hours rather than wall-clock hours. */
        businessHours: z.boolean().default(false),
      })
      .default({ after: ['24h', '48h', '7d'], businessHours: false }),
    escalation: z
      .array(escalationStepSchema)
      .default([{ after: 0, notify: ['owners'] }]),
    /** Follow-up check-ins after completion, days after the EPIC closes. */
    checkins: z.array(z.number().int().positive()).default([]),
    /**
     * Keep an "Onboarding dashboard" issue (label `onboarding-dashboard`) with every onboarding of
     * the repository by status and the KPIs, refreshed by the sweep (`false` turns it off).
     */
    dashboard: z.boolean().default(true),
    /**
     * Keep one item per EPIC in this GitHub Project (v2) with the fields Status, Stage, Due, Owner
     * and Customer, refreshed by the sweep. Needs the app's "Organization projects: write"
     * permission; without it the sweep warns and does everything else. Off unless set.
     */
    project: z
      .object({
        /** The organization (or user) that owns the project. */
        owner: login,
        /** The project's number, from its URL (`/orgs/acme/projects/7` -> 7). */
        number: z.number().int().positive(),
      })
      .strict()
      .optional(),
    /**
     * GitHub issue types (organisation repositories) given to the EPIC and to each stage issue at
     * start, when the organisation has a type of that name (case aside); `null` sets none. Labels
     * are written as always, with or without types.
     */
    issueTypes: z
      .object({
        epic: z.string().min(1).nullable().default('Epic'),
        stage: z.string().min(1).nullable().default('Task'),
      })
      .strict()
      .default({ epic: 'Epic', stage: 'Task' }),
    /** Check-ins as a `comment` on the EPIC or a new `issue`. */
    checkinMode: z.enum(['comment', 'issue']).default('comment'),
    /** The customer status page (`/share`): what the customer may see. */
    statusPage: z
      .object({
        /** Show every item's text, not only the customer's own items. */
        showAllItems: z.boolean().default(false),
        /** Show the GitHub logins behind each role. */
        showOwners: z.boolean().default(false),
      })
      .strict()
      .default({ showAllItems: false, showOwners: false }),
    /** Mail to the customer's contacts: welcome, their part, reminders, updates, go-live, check-ins. */
    customer: customerSchema,
    /** The start API's mapping from incoming properties to the onboarding (see `apiMappingSchema`). */
    api: apiMappingSchema,
    /** Slash commands: which bot accounts may run them (people always may, by their permission). */
    commands: z
      .object({
        /**
         * Bots whose comments run commands, with write access (another app or a workflow's
         * `github-actions[bot]`). Embark never runs its own comments.
         */
        bots: z.array(botLogin).default([]),
      })
      .strict()
      .default({ bots: [] }),
  })
  .strict();

export type EmbarkConfig = z.infer<typeof configSchema>;
/** The validated `api` block. */
export type ApiMapping = EmbarkConfig['api'];
/** The validated `customer` block. */
export type CustomerConfig = EmbarkConfig['customer'];
export type { EscalationStep } from './schedule/escalation.js';
export type { CalendarConfig };

/** The config of a repository with no `.github/onboarding.yml`. */
export const defaultConfig: EmbarkConfig = configSchema.parse({});

/** Result of validating a config file: a usable config, or messages by property path. */
export type ConfigResult = { ok: true; config: EmbarkConfig } | { ok: false; errors: string[] };

/** Validate raw YAML-parsed config; errors name the property path and what to write instead. */
export function parseConfig(raw: unknown): ConfigResult {
  const result = configSchema.safeParse(raw ?? {});
  if (result.success) {
    // The calendar knows which countries, zones and dates are real; ask it once, here at the edge.
    try {
      createCalendar(result.data.calendar);
    } catch (error) {
      return { ok: false, errors: [(error as Error).message] };
    }
    return { ok: true, config: result.data };
  }
  return {
    ok: false,
    errors: result.error.issues.map((issue) => {
      const path = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
      return `\`${path}\`: ${issue.message}`;
    }),
  };
}
