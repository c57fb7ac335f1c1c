/**
 * The package as people install it: `npm pack`, then an offline install of the tarball into a
 * fresh project, then the `embark` command it links. `prepare` builds on install and pack; here
 * the build is the one every test that runs compiled code shares (`ensureBuilt`), packed as is.
 *
 * Offline: the registry is unreachable here, and npm's cache holds the dependency tarballs (filled
 * by `npm ci`) but no registry metadata, so `npm install <tarball>` cannot resolve versions. The
 * project therefore gets a lockfile made from this repository's (runtime entries only, with the
 * tarball as its one dependency) and `npm ci --offline` installs from it: the same way a
 * consumer with a lockfile installs, every file coming from the tarball or the npm cache.
 */

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import yaml from 'js-yaml';
import { ensureBuilt } from '../support/build-once.js';

const repo = process.cwd();
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
  name: string;
  version: string;
  files: string[];
  bin: Record<string, string>;
  scripts?: Record<string, string>;
};

interface LockEntry {
  version?: string;
  resolved?: string;
  link?: boolean;
  dev?: boolean;
  name?: string;
  [key: string]: unknown;
}

let work = '';
let project = '';
let tarball = '';

/** Runs a command without the test's NODE_OPTIONS (jest's VM-modules flag is not for children). */
function sh(file: string, args: string[], cwd: string): string {
  try {
    return execFileSync(file, args, { cwd, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, NODE_OPTIONS: '' } });
  } catch (error) {
    // Keep what the command printed (a compiler error, npm's reason) in the failure message.
    const failed = error as Error & { stdout?: string; stderr?: string };
    failed.message = `${failed.message}\n${failed.stdout ?? ''}${failed.stderr ?? ''}`;
    throw failed;
  }
}

/** A consumer project whose lockfile pins the tarball and this repository's runtime dependencies. */
function writeProject(dir: string, tgz: string): void {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockEntry> };
  const root = lock.packages['']!;
  const spec = `file:${tgz}`;
  const packages: Record<string, LockEntry> = {};
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || entry.dev) continue;
    // The repository's lockfile leaves out registry URLs (omit-lockfile-registry-resolved); the
    // cache keys tarballs by URL, so write them back.
    const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const resolved = `https://registry.npmjs.org/${name}/-/${name.split('/').at(-1)}-${entry.version}.tgz`;
    packages[path] = entry.resolved || entry.link ? entry : { ...entry, resolved };
  }
  packages[`node_modules/${manifest.name}`] = { version: manifest.version, resolved: spec, dependencies: root['dependencies'], bin: manifest.bin };
  packages[''] = { name: 'consumer', version: '1.0.0', dependencies: { [manifest.name]: spec } };
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, dependencies: { [manifest.name]: spec } }));
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', lockfileVersion: 3, requires: true, packages }));
}

/** `embark ...args` as the installed bin link runs it; exit code and output. */
function embark(...args: string[]): { code: number; stdout: string } {
  try {
    return { code: 0, stdout: sh(join(project, 'node_modules/.bin/embark'), args, project) };
  } catch (error) {
    const failed = error as { status: number; stdout: string };
    return { code: failed.status, stdout: failed.stdout };
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'embark-pack-'));
  // `prepare` (the build) is what a git install and `npm pack` run; the build is shared with the
  // other tests that run the compiled code, so pack what it produced without building again.
  await ensureBuilt();
  const packed = JSON.parse(sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], repo)) as Array<{ filename: string }>;
  tarball = join(work, packed[0]!.filename);
  project = join(work, 'consumer');
  writeProject(project, tarball);
  sh('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], project);
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed package, installed offline into a fresh project', () => {
  it('is published under the scoped name, builds on install, and carries the built CLI, not the sources', () => {
    expect(manifest.name).toBe('@embark-onboarding/embark');
    expect(manifest.scripts?.['prepare']).toBe('npm run build:app');
    const listing = sh('tar', ['-tzf', tarball], work).split('\n');
    expect(listing).toContain(`package/${manifest.bin['embark']}`);
    expect(listing).toContain('package/templates/managed-services.md');
    expect(listing.filter((f) => f.startsWith('package/src/') || f.startsWith('package/test/'))).toEqual([]);
  });

  it('links an `embark` command that prints the package version', () => {
    expect(embark('--version')).toEqual({ code: 0, stdout: `${manifest.version}\n` });
  });

  it('validates the templates it ships, and fails a broken one with exit code 1', () => {
    const shipped = resolve(project, 'node_modules', manifest.name, 'templates');
    const good = embark('validate', shipped);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/\d+ templates, all valid/);
    const broken = embark('validate', join(repo, 'test/cli/fixtures/broken/broken.md'));
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/broken\.md:\d+:\d+: error: /);
  });

  it("runs the GitHub Action's validate step: templates and config in one command, problems as file:line:column", () => {
    const action = yaml.load(readFileSync('action.yml', 'utf8')) as { runs: { steps: Array<{ name?: string; run?: string }> } };
    const step = action.runs.steps.find((s) => s.name === 'Validate onboarding templates and config')!;
    const repoDir = join(work, 'action-user');
    mkdirSync(join(repoDir, '.github/ISSUE_TEMPLATE'), { recursive: true });
    cpSync(join(repo, 'test/cli/fixtures/folder/onboarding.md'), join(repoDir, '.github/ISSUE_TEMPLATE/onboarding.md'));
    writeFileSync(join(repoDir, '.github/onboarding.yml'), 'roles:\n  CSM: alice\n');
    const env = {
      ...process.env,
      NODE_OPTIONS: '',
      EMBARK_CLI: join(project, 'node_modules', manifest.name, manifest.bin['embark']!),
      // The action's checkout is this repository: the matcher is read from there, Embark from the install.
      EMBARK_MATCHER: join(repo, '.github/embark-problem-matcher.json'),
      TEMPLATES: '.github/ISSUE_TEMPLATE',
      CONFIG: '',
      STRICT: 'false',
    };
    let stdout = '';
    let status = 0;
    try {
      stdout = execFileSync('bash', ['-c', step.run!], { cwd: repoDir, env, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      ({ stdout, status } = error as { stdout: string; status: number });
    }
    expect(status).toBe(1);
    expect(stdout).toContain('ok    .github/ISSUE_TEMPLATE/onboarding.md');
    expect(stdout).toContain('.github/onboarding.yml:2:3: error: `roles.CSM`: expected a list');
    expect(stdout).toContain(`::add-matcher::${env.EMBARK_MATCHER}\n`);
    expect(existsSync(env.EMBARK_MATCHER)).toBe(true);
  });
});
