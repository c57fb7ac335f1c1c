/**
 * The real thing: the built app under `probot run`, as a child process, pointed at the GitHub
 * double with GHE_HOST / GHE_PROTOCOL, driven over HTTP only.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type GitHubDouble, startGitHubDouble } from '../github-double/index.js';
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

beforeAll(async () => {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'pipe' });
  const port = await freePort();
  double = await startGitHubDouble({ webhook: { url: `http://127.0.0.1:${port}/api/github/webhooks` } });
  double.addRepo({
    owner: 'acme',
    name: 'onboarding',
    collaborators: { alice: 'write', bob: 'write', carol: 'write' },
    files: { '.github/onboarding.yml': CONFIG, '.github/ISSUE_TEMPLATE/msp.md': TEMPLATE },
  });
  app = spawn(process.execPath, ['node_modules/probot/bin/probot.js', 'run', './dist/src/index.js'], {
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      APP_ID: '1',
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: 'test-secret',
      GHE_HOST: new URL(double.url).host,
      GHE_PROTOCOL: 'http',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      EMBARK_SWEEP_MINUTES: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  app.stdout!.on('data', (d) => (output += d));
  app.stderr!.on('data', (d) => (output += d));
  await until(async () => {
    try {
      return (await fetch(`http://127.0.0.1:${port}/`)).status > 0;
    } catch {
      return false;
    }
  }, 'probot run to listen');
}, 120_000);

afterAll(async () => {
  app?.kill();
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
