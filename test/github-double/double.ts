/** `startGitHubDouble()`: a real HTTP server standing in for github.com, with state, faults and webhook controls. */
import { randomBytes } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Clock } from './clock.js';
import { type FaultHandle, type FaultSpec, Faults } from './faults.js';
import { createRequestListener, type Violation } from './http-pipeline.js';
import { type Counts, Metrics, type RequestLogEntry } from './metrics.js';
import { OpenApiValidator } from './openapi.js';
import { PersonHelpers } from './person-helpers.js';
import { allRoutes } from './rest/index.js';
import { RouteMatcher } from './route-matcher.js';
import { type AppInfo, Serializer } from './serialize.js';
import { Store } from './store.js';
import type { Actor } from './types.js';
import { webhookPayload } from './webhook-payloads.js';
import { type DeliveryLogEntry, type ReleaseOptions, WebhookSender, type WebhookTarget } from './webhooks.js';

/** Options of {@link startGitHubDouble}. */
export interface DoubleOptions {
  /** Added to every API response; change later with `setLatency()`. Default 0. */
  latencyMs?: number;
  /** Default `embark`; the bot is `${appSlug}[bot]`. */
  appSlug?: string;
  /** Default 1. */
  appId?: number;
  /** HMAC secret for `x-hub-signature-256`. Default `test-secret`. */
  webhookSecret?: string;
  /** Where webhooks go. Without it, deliveries are only logged (state `skipped`). */
  webhook?: WebhookTarget;
  /** Check every REST request against GitHub's OpenAPI description. Default true. */
  validate?: boolean;
  /** Default true; false = an old GHES without sub-issues (404 on REST routes, GraphQL field/argument errors). */
  subIssues?: boolean;
  /** Default true; false = a server without issue dependencies (GraphQL field errors). */
  dependencies?: boolean;
  /** Default 0 (random free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * Work outside the double that `idle()` should wait for too (e.g. the app's job queue: jobs
   * waiting to retry make no request for a while). Returns how many such jobs are pending.
   */
  busy?: () => number;
}

/** A running double. Person helpers (addRepo, openIssue, comment, ...) come from {@link PersonHelpers}. */
export class GitHubDouble extends PersonHelpers {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `http://127.0.0.1:PORT/api/v3`: Octokit's `baseUrl`. */
  readonly apiUrl: string;
  /** `http://127.0.0.1:PORT/api/graphql`. */
  readonly graphqlUrl: string;
  readonly port: number;
  readonly app: AppInfo;
  readonly clock: Clock;
  /** Requests that broke GitHub's OpenAPI description (each also answered 400). */
  readonly violations: Violation[] = [];
  /** Exceptions inside the double's handlers (answered 500): bugs of the double. */
  readonly internalErrors: Error[] = [];
  private latency: number;
  private readonly faults = new Faults();
  private readonly metrics = new Metrics();
  private readonly sender: WebhookSender;
  private readonly appTokens = new Set<string>();
  private readonly userTokens = new Map<string, string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly hung = new Set<ServerResponse>();
  private readonly waiters = new Set<() => void>();
  private active = 0;
  private readonly busy: () => number;

  /** Use {@link startGitHubDouble}. */
  constructor(
    private readonly server: Server,
    options: DoubleOptions,
    clock: Clock,
    store: Store,
  ) {
    const { port } = server.address() as AddressInfo;
    const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
    const app: AppInfo = {
      id: options.appId ?? 1,
      slug: store.appSlug,
      node_id: `A_kwDO${Buffer.from(`app:${options.appId ?? 1}`).toString('base64url')}`,
      name: store.appSlug.charAt(0).toUpperCase() + store.appSlug.slice(1),
      created_at: clock.iso(),
    };
    super(store, new Serializer(store, `${url}/api/v3`, url, app));
    this.url = url;
    this.apiUrl = `${url}/api/v3`;
    this.graphqlUrl = `${url}/api/graphql`;
    this.port = port;
    this.app = app;
    this.clock = clock;
    this.latency = options.latencyMs ?? 0;
    this.busy = options.busy ?? (() => 0);
    this.sender = new WebhookSender(options.webhookSecret ?? 'test-secret', options.webhook, () => this.notify());
    store.onEvent((event) => this.sender.enqueue(event.name, webhookPayload(this.serializer, event)));
    server.on(
      'request',
      createRequestListener({
        store,
        serializer: this.serializer,
        validator: new OpenApiValidator(),
        faults: this.faults,
        metrics: this.metrics,
        routes: new Map(allRoutes),
        matcher: new RouteMatcher([...allRoutes.keys()].map((k) => k.slice(k.indexOf(' ') + 1))),
        validate: options.validate ?? true,
        subIssues: options.subIssues ?? true,
        dependencies: options.dependencies ?? true,
        latencyMs: () => this.latency,
        actorFor: (authorization) => this.actorFor(authorization),
        issueAppToken: () => {
          const token = `ghs_${randomBytes(18).toString('hex')}`;
          this.appTokens.add(token);
          return token;
        },
        violations: this.violations,
        internalErrors: this.internalErrors,
        sleep: (ms) => this.sleep(ms),
        activity: (delta) => {
          this.active += delta;
          if (delta < 0) this.notify();
        },
        hung: this.hung,
      }),
    );
  }

  /** The bot's login, `${appSlug}[bot]`. */
  get botLogin(): string {
    return this.store.bot.login;
  }

  /** Every delivery attempt, oldest first. */
  get deliveries(): DeliveryLogEntry[] {
    return this.sender.log;
  }

  /** Every API request since the last `resetCounts()`, oldest first. */
  get requests(): RequestLogEntry[] {
    return this.metrics.requests;
  }

  /** A token that makes API requests act as `login` (a person) instead of the app. */
  tokenFor(login: string): string {
    const user = this.store.user(login);
    const token = `ghu_double_${user.login}_${this.userTokens.size + 1}`;
    this.userTokens.set(token, user.login);
    return token;
  }

  private actorFor(authorization: string | undefined): Actor {
    const token = /^(?:token|bearer)\s+(\S+)/i.exec(authorization ?? '')?.[1];
    const login = token ? this.userTokens.get(token) : undefined;
    return login ? { user: this.store.user(login), viaApp: false } : { user: this.store.bot, viaApp: true };
  }

  setLatency(ms: number): void {
    this.latency = ms;
  }

  /** Pin the clock (`null` = real time again). Timestamps of later changes use it. */
  setNow(date: Date | string | null): void {
    this.clock.set(date === null ? null : new Date(date));
  }

  /** Make matching requests fail (see {@link FaultSpec}). Faults apply in the order added. */
  fail(spec: FaultSpec): FaultHandle {
    return this.faults.add(spec);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  counts(): Counts {
    return this.metrics.snapshot();
  }

  /** Zero the counters and empty `requests`. */
  resetCounts(): void {
    this.metrics.reset();
  }

  /** Queue deliveries until `releaseWebhooks()`. */
  holdWebhooks(): void {
    this.sender.hold();
  }

  /** Lose the held deliveries for good (GitHub saw them answered; the work never happened). Returns how many. */
  dropHeldWebhooks(): number {
    return this.sender.drop();
  }

  /** Deliveries waiting to be released. */
  heldWebhooks(): Array<{ id: string; name: string; action: string | undefined }> {
    return this.sender.heldDeliveries();
  }

  /** Send the held deliveries (optionally shuffled with a seed, duplicated, one at a time) and stop holding. */
  releaseWebhooks(options: ReleaseOptions = {}): Promise<void> {
    return this.sender.release(options);
  }

  /** Send a logged delivery again with the same `x-github-delivery` id. */
  redeliver(id: string): Promise<DeliveryLogEntry> {
    return this.sender.redeliver(id);
  }

  /**
   * Resolves once no delivery is scheduled or in flight and no API request is being answered, including
   * deliveries caused by the app's handling of earlier ones (it loops until quiet). Held deliveries and
   * requests hung by a `timeout` fault do not count. Rejects after `timeoutMs` (default 60 s: a safety net against hangs, generous because a loaded machine is slow) naming what is left.
   */
  async idle(options: { timeoutMs?: number } = {}): Promise<void> {
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    for (;;) {
      if (this.quiet()) {
        await new Promise((resolve) => setImmediate(resolve));
        if (this.quiet()) return;
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`GitHub double: not idle after ${options.timeoutMs ?? 60_000} ms: ${this.sender.outstanding} deliveries, ${this.active} API requests and ${this.busy()} app jobs still outstanding`);
      }
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, 25);
        this.waiters.add(done);
      });
    }
  }

  private quiet(): boolean {
    return this.sender.outstanding === 0 && this.active === 0 && this.busy() === 0;
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  /** Throw with the details when any request broke the OpenAPI description or crashed the double. */
  assertNoViolations(): void {
    const lines = [
      ...this.violations.map((v) => `- ${v.route} (${v.path}): ${v.problem}\n  body: ${JSON.stringify(v.body)?.slice(0, 300)}`),
      ...this.internalErrors.map((e) => `- internal error: ${e.stack ?? e.message}`),
    ];
    if (lines.length > 0) throw new Error(`GitHub double: ${lines.length} request(s) GitHub would not accept:\n${lines.join('\n')}`);
  }

  /** Stop the server, pending deliveries, latency timers and hung requests. */
  async close(): Promise<void> {
    this.sender.close();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const res of this.hung) res.destroy();
    this.hung.clear();
    this.notify();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/** Start a double on a random loopback port (or `options.port`). */
export async function startGitHubDouble(options: DoubleOptions = {}): Promise<GitHubDouble> {
  const clock = new Clock();
  const store = new Store(clock, options.appSlug ?? 'embark');
  const server = createServer();
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  return new GitHubDouble(server, options, clock, store);
}
