/**
 * Webhook deliveries: signed like GitHub's, sent after the write that caused them, concurrently, with
 * controls to hold, reorder, duplicate and redeliver them.
 */
import { randomUUID } from 'node:crypto';
import { sign } from '@octokit/webhooks-methods';

/** What the function form of a webhook target receives: exactly what `probot.webhooks.verifyAndReceive` takes. */
export interface WebhookCall {
  id: string;
  name: string;
  /** The exact JSON text that was signed. */
  payload: string;
  signature: string;
}

/** Where deliveries go: a URL (POSTed like GitHub does) or a function (in-process Probot). */
export type WebhookTarget = { url: string } | ((d: WebhookCall) => Promise<void>);

/** One delivery attempt, as logged in `double.deliveries`. */
export interface DeliveryLogEntry {
  id: string;
  name: string;
  action: string | undefined;
  /** Login of the sender. */
  sender: string;
  // biome-ignore lint/suspicious/noExplicitAny: webhook payloads are GitHub's JSON
  payload: any;
  /** HTTP status from a URL target; 200 when a function target resolved. */
  status?: number;
  /** Why it failed (network error, thrown error, non-2xx status). */
  error?: string;
  /** 1 for the first send of this id, 2 for a duplicate or redelivery, ... */
  attempt: number;
  /** `skipped`: the double has no webhook target. */
  state: 'sending' | 'delivered' | 'failed' | 'skipped';
}

/** Options of `releaseWebhooks`. */
export interface ReleaseOptions {
  /** Reorder the held deliveries: `true` = seed 1, a number = that seed (same seed, same order). */
  shuffle?: boolean | number;
  /** Send each delivery this many times (same delivery id, as a GitHub redelivery has). Default 1. */
  duplicate?: number;
  /** Wait for each delivery to finish before sending the next. Default false (concurrent, like GitHub). */
  sequential?: boolean;
}

interface Pending {
  id: string;
  name: string;
  body: string;
}

/** Deterministic PRNG (mulberry32) for reproducible shuffles. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sends, holds and logs deliveries. `onSettled` fires whenever one finishes (for `idle()`). */
export class WebhookSender {
  readonly log: DeliveryLogEntry[] = [];
  /** Sends so far per delivery id: the log can hold tens of thousands, too many to count by scanning. */
  private readonly attempts = new Map<string, number>();
  private held: Pending[] | null = null;
  private scheduled = 0;
  private sending = 0;
  private readonly timers = new Set<NodeJS.Immediate>();
  private readonly controllers = new Set<AbortController>();
  private closed = false;

  constructor(
    private readonly secret: string,
    private readonly target: WebhookTarget | undefined,
    private readonly onSettled: () => void,
  ) {}

  /** Deliveries scheduled or in flight (held ones do not count). */
  get outstanding(): number {
    return this.scheduled + this.sending;
  }

  /** Queue a delivery of `payload` as event `name` (sent on the next turn unless held). */
  enqueue(name: string, payload: Record<string, unknown>): string {
    const pending: Pending = { id: randomUUID(), name, body: JSON.stringify(payload) };
    if (this.held) {
      this.held.push(pending);
    } else {
      this.schedule(pending);
    }
    return pending.id;
  }

  /** Deliveries waiting for `release` (parsed payloads), in queue order. */
  heldDeliveries(): Array<{ id: string; name: string; action: string | undefined }> {
    return (this.held ?? []).map((p) => ({ id: p.id, name: p.name, action: JSON.parse(p.body).action }));
  }

  /** Forget the held deliveries (lost for good, as after a 202 whose work died) and stop holding. */
  drop(): number {
    const n = this.held?.length ?? 0;
    this.held = null;
    return n;
  }

  /** Start queueing deliveries instead of sending them. */
  hold(): void {
    this.held ??= [];
  }

  /** Send what was held (see {@link ReleaseOptions}) and stop holding. Resolves when those sends finished. */
  async release(options: ReleaseOptions = {}): Promise<void> {
    const queue = this.held ?? [];
    this.held = null;
    let batch = queue.flatMap((p) => Array.from({ length: Math.max(1, options.duplicate ?? 1) }, () => p));
    if (options.shuffle !== undefined && options.shuffle !== false) {
      const next = random(options.shuffle === true ? 1 : options.shuffle);
      batch = [...batch];
      for (let i = batch.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [batch[i], batch[j]] = [batch[j]!, batch[i]!];
      }
    }
    if (options.sequential) {
      for (const p of batch) await this.send(p);
    } else {
      await Promise.all(batch.map((p) => this.send(p)));
    }
  }

  /** Send a logged delivery again with the same id (what "Redeliver" in GitHub's UI does). */
  async redeliver(id: string): Promise<DeliveryLogEntry> {
    const first = this.log.find((e) => e.id === id);
    if (!first) throw new Error(`GitHub double: no delivery ${id} in double.deliveries`);
    return this.send({ id, name: first.name, body: JSON.stringify(first.payload) });
  }

  private schedule(p: Pending): void {
    this.scheduled += 1;
    const timer = setImmediate(() => {
      this.timers.delete(timer);
      this.scheduled -= 1;
      void this.send(p);
    });
    this.timers.add(timer);
  }

  private record(p: Pending, state: DeliveryLogEntry['state']): DeliveryLogEntry {
    const payload = JSON.parse(p.body);
    const attempt = (this.attempts.get(p.id) ?? 0) + 1;
    this.attempts.set(p.id, attempt);
    const entry: DeliveryLogEntry = {
      id: p.id,
      name: p.name,
      action: payload.action,
      sender: payload.sender?.login ?? '',
      payload,
      attempt,
      state,
    };
    this.log.push(entry);
    return entry;
  }

  private async send(p: Pending): Promise<DeliveryLogEntry> {
    const entry = this.record(p, 'sending');
    if (this.closed || !this.target) {
      entry.state = this.target ? 'failed' : 'skipped';
      if (this.closed) entry.error = 'double closed';
      return entry;
    }
    this.sending += 1;
    try {
      const signature = await sign(this.secret, p.body);
      if (typeof this.target === 'function') {
        await this.target({ id: p.id, name: p.name, payload: p.body, signature });
        entry.status = 200;
      } else {
        entry.status = await this.post(this.target.url, p, signature);
        if (entry.status >= 300) entry.error = `HTTP ${entry.status}`;
      }
      entry.state = entry.error ? 'failed' : 'delivered';
    } catch (error) {
      entry.state = 'failed';
      entry.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.sending -= 1;
      this.onSettled();
    }
    return entry;
  }

  private async post(url: string, p: Pending, signature: string): Promise<number> {
    const controller = new AbortController();
    this.controllers.add(controller);
    // GitHub gives up after 10 s.
    const timer = setTimeout(() => controller.abort(), 10_000);
    try {
      const response = await fetch(url, {
        method: 'POST',
        signal: controller.signal,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'GitHub-Hookshot/double',
          'x-github-event': p.name,
          'x-github-delivery': p.id,
          'x-hub-signature-256': signature,
        },
        body: p.body,
      });
      await response.arrayBuffer();
      return response.status;
    } finally {
      clearTimeout(timer);
      this.controllers.delete(controller);
    }
  }

  /** Drop scheduled sends and abort in-flight POSTs. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearImmediate(timer);
    this.scheduled = 0;
    this.timers.clear();
    for (const controller of this.controllers) controller.abort();
    this.held = null;
  }
}
