/**
 * A unit of durable work: one webhook delivery, kept until it succeeded or gave up. The job id
 * comes from the delivery id, so a delivery GitHub (or a second replica) repeats while the first
 * is still queued or running is a no-op.
 */
export interface WebhookJob {
  /** `d-<delivery id>`: BullMQ ids may not contain `:`. */
  id: string;
  delivery: string;
  /** Event name, e.g. `issues`; the action is in the payload. */
  name: string;
  installationId: number;
  // biome-ignore lint/suspicious/noExplicitAny: GitHub's webhook payload, narrowed by the handlers
  payload: any;
}

/** Which attempt this is; `final` when a failure now is the last one. */
export interface Attempt {
  number: number;
  final: boolean;
}

/** Runs one job; throws to have it retried. */
export type Processor = (job: WebhookJob, attempt: Attempt) => Promise<void>;

/** A job that gave up, for the admin route. */
export interface FailedJob {
  id: string;
  name: string;
  action: string | null;
  repo: string | null;
  attempts: number;
  error: string;
}

export type AddResult = 'queued' | 'duplicate' | 'requeued';

/** What the app needs of a queue; in-process and BullMQ implement it alike. */
export interface JobQueue {
  readonly kind: 'memory' | 'redis';
  add(job: WebhookJob): Promise<AddResult>;
  /** Jobs waiting, running or waiting to retry. */
  pending(): Promise<number>;
  failed(): Promise<FailedJob[]>;
  /** Queue failed jobs again (one by id, or all); returns how many. */
  retryFailed(id?: string): Promise<number>;
  /** True when the queue can take work (Redis reachable). */
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

export function webhookJob(args: { delivery: string; name: string; payload: WebhookJob['payload'] }): WebhookJob {
  return {
    id: `d-${args.delivery}`,
    delivery: args.delivery,
    name: args.name,
    installationId: args.payload?.installation?.id ?? 0,
    payload: args.payload,
  };
}

export function describeJob(job: WebhookJob, attempts: number, error: string): FailedJob {
  return {
    id: job.id,
    name: job.name,
    action: job.payload?.action ?? null,
    repo: job.payload?.repository?.full_name ?? null,
    attempts,
    error,
  };
}
