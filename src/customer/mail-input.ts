/**
 * What the customer-mail core reads, as plain structural types: the onboarding's stored state
 * (a `StoredState` fits), the stages as the customer sees them, and the `customer` config block.
 * Declared here rather than imported so `customer/` depends on neither `onboarding/` nor
 * `config.ts` (both import `customer/`, and folders must not import each other in a cycle).
 */
import type { Contact } from './contact.js';
import type { MailLog } from './mail-log.js';

/** The `customer` block of `.github/onboarding.yml`, validated (`CustomerConfig` in config.ts fits). */
export interface CustomerMailConfig {
  enabled: boolean;
  welcome: boolean;
  yourPart: boolean;
  /** Offsets from a stage's start (`24h`, `7d`, `3bd`, or hours as a number); empty for none. */
  reminders: readonly (string | number)[];
  /** A duration (`1w`), or `off`. */
  digest: string | number;
  signOff: boolean;
  checkins: boolean;
  /** The check-in day the survey goes with, or `last`. */
  survey: 'last' | number;
}

/** The parts of the onboarding's state the plan reads. */
export interface MailPlanState {
  startedAt: string;
  /** Set when the onboarding went live (ISO); check-ins count from here. */
  completedAt: string | null;
  cancelled: object | null;
  blocked: object | null;
  snoozedUntil: string | null;
  /** Follow-up check-in days after completion. */
  checkins: readonly number[];
  stages: readonly { key: string; snoozedUntil: string | null }[];
  contacts?: readonly Contact[] | undefined;
  mail?: MailLog | undefined;
}

/** A stage as the customer's mail sees it; the caller decides which items are the customer's. */
export interface CustomerStage {
  stageKey: string;
  title: string;
  /** Being worked on now (started, not done). */
  active: boolean;
  startedAt: string | null;
  /** Text of the customer's items in this stage that are still open (required ones). */
  openCustomerItems: readonly string[];
  /** When the stage is due (ISO), shown in the mail; null or absent when it has no due date. */
  dueAt?: string | null;
}
