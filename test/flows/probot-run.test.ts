/**
 * The real thing: the built app under `probot run`, as a child process, pointed at the GitHub
 * double with GHE_HOST / GHE_PROTOCOL, driven over HTTP only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type GitHubDouble, startGitHubDouble } from '../github-double/index.js';
import { ensureBuilt } from '../support/build-once.js';
import { BODY, CONFIG, REPO, TEMPLATE } from './harness.js';

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Poll until the condition holds (no fixed sleeps): bounded by the test timeout. */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`timed out waiting for ${what}`);
}

let double: GitHubDouble;
let app: ChildProcess;
let output = '';
let port = 0;

function addRepo(d: GitHubDouble): void {
  d.addRepo({
    owner: 'acme',
    name: 'onboarding',
    collaborators: { alice: 'write', bob: 'write', carol: 'write' },
    files: { '.github/onboarding.yml': CONFIG, '.github/ISSUE_TEMPLATE/msp.md': TEMPLATE },
  });
}

/** `probot run` of the built app on `port`, talking to `d`; resolves once it listens. */
async function runApp(d: GitHubDouble, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['node_modules/probot/bin/probot.js', 'run', './dist/src/index.js'], {
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      APP_ID: '1',
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: 'test-secret',
      GHE_HOST: new URL(d.url).host,
      GHE_PROTOCOL: 'http',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      EMBARK_SWEEP_MINUTES: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  await until(async () => {
    try {
      return (await fetch(`http://127.0.0.1:${port}/ping`)).status === 200;
    } catch {
      return false;
    }
  }, `probot run to listen (output: ${output})`);
  return child;
}

/** Redis-backed queue with short claims, so a killed process's job comes back within a second. */
const redisEnv = () => ({
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  EMBARK_REDIS_PREFIX: `embark-test-kill-${process.pid}-${randomUUID()}`,
  EMBARK_JOB_LOCK_MS: '1000',
  EMBARK_JOB_BACKOFF_MS: '50',
});
let env: Record<string, string>;

beforeAll(async () => {
  // Built once for every test that runs the compiled app.
  await ensureBuilt();
  port = await freePort();
  double = await startGitHubDouble({ webhook: { url: `http://127.0.0.1:${port}/api/github/webhooks` } });
  addRepo(double);
  env = redisEnv();
  app = await runApp(double, env);
}, 120_000);

afterAll(async () => {
  app?.kill('SIGKILL');
  await double?.close();
});

describe('probot run against the GitHub double', () => {
  it('starts an onboarding end to end over HTTP', async () => {
    const issue = double.openIssue(REPO, { title: '[Managed Services Onboarding] Contoso', body: BODY, user: 'alice' });
    await until(async () => {
      await double.idle();
      return double.subIssues(REPO, issue.number).length === 3 && double.comments(REPO, issue.number).length > 0;
    }, `stage issues (app output: ${output})`);
    expect(double.subIssues(REPO, issue.number).map((s) => s.title.split(' · ')[1])).toEqual(['Stage 0: Agreement', 'Stage 1: Access', 'Stage 2: Setup']);
    expect(double.deliveries.filter((d) => d.state === 'failed')).toEqual([]);
    double.assertNoViolations();
  }, 60_000);
});

describe('a replica killed in the middle of a start (REDIS_URL set)', () => {
  it('the restarted process resumes the job: one set of stage issues, one status comment', async () => {
    // 150 ms per request: wide enough to kill the process between two of a start's writes.
    double.setLatency(150);
    const issue = double.openIssue(REPO, { title: '[Managed Services Onboarding] Fabrikam', body: BODY, user: 'alice' });
    // Kill it the moment the stage issues exist: the status comment and EPIC links are not written yet.
    await until(async () => double.subIssues(REPO, issue.number).length === 3, 'stage issues');
    app.kill('SIGKILL');
    await new Promise((resolve) => app.once('exit', resolve));
    expect(double.comments(REPO, issue.number)).toHaveLength(0);
    app = await runApp(double, env);
    await until(
      async () => double.comments(REPO, issue.number).length > 0 && (double.issue(REPO, issue.number).body ?? '').includes('embark:epic'),
      `resumed start (output: ${output})`,
    );
    await double.idle();
    expect(double.subIssues(REPO, issue.number)).toHaveLength(3);
    expect(double.comments(REPO, issue.number).filter((c) => c.body.startsWith('<!-- embark:status'))).toHaveLength(1);
    expect(double.issue(REPO, issue.number).labels.map((l) => l.name)).toContain('onboarding');
    double.assertNoViolations();
  }, 60_000);
});
