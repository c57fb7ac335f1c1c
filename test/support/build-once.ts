/**
 * `dist/` built once for every test that runs the compiled app or CLI (a child process under
 * `probot run`, `embark enroll` stopped by SIGINT, the packed package), however many Jest workers
 * ask at once: a fingerprint of the build inputs is kept beside the output, and a lock directory
 * (atomic `mkdir`, owned by a live process id) keeps two workers from compiling into the same
 * folder at the same time.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitUntil } from './wait.js';

/** The app and CLI only (what `prepare` builds and the package ships): the tests run nothing else compiled. */
const CONFIG = 'tsconfig.app.json';
const LOCK = 'dist/.build-lock';
const STAMP = 'dist/.build-fingerprint';

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  const stat = statSync(path);
  if (!stat.isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => files(join(path, name)));
}

/** Paths, sizes and modification times of everything the build reads. */
function fingerprint(): string {
  const build = JSON.parse(readFileSync(CONFIG, 'utf8')) as { include: string[] };
  const hash = createHash('sha256');
  for (const file of ['tsconfig.json', CONFIG, ...build.include.flatMap(files)].sort()) {
    const s = statSync(file);
    hash.update(`${file}:${s.size}:${s.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

function upToDate(): boolean {
  return existsSync(STAMP) && existsSync('dist/src/index.js') && readFileSync(STAMP, 'utf8') === fingerprint();
}

function lockHolderAlive(): boolean {
  try {
    const pid = Number(readFileSync(join(LOCK, 'pid'), 'utf8'));
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function tryLock(): boolean {
  try {
    mkdirSync('dist', { recursive: true });
    mkdirSync(LOCK);
    writeFileSync(join(LOCK, 'pid'), String(process.pid));
    return true;
  } catch {
    // Held: by a live worker (wait for it), or left by a killed run (take it over).
    if (!lockHolderAlive() && existsSync(join(LOCK, 'pid'))) rmSync(LOCK, { recursive: true, force: true });
    return false;
  }
}

/** Compile the app into `dist/src` unless the output already matches the sources. */
export async function ensureBuilt(): Promise<void> {
  if (upToDate()) return;
  await waitUntil(tryLock, 'the build lock (another test worker is compiling)', 600_000);
  try {
    if (upToDate()) return;
    const before = fingerprint();
    try {
      execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', CONFIG], { stdio: 'pipe' });
    } catch (error) {
      // Type errors still emit JavaScript; `npm test` type-checks on its own, so only a missing output is fatal here.
      if (!existsSync('dist/src/index.js')) throw error;
    }
    writeFileSync(STAMP, before);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
