#!/usr/bin/env node
/**
 * `embark`: validate, parse and preview onboarding templates offline. Wiring only: the commands
 * live in `./cli/`.
 */
import { readFileSync } from 'node:fs';
import { nodeIo } from './cli/io.js';
import { runCli } from './cli/main.js';

/** Embark's version from its package.json (two folders up from `dist/src/cli.js`). */
function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

try {
  process.exitCode = await runCli(process.argv.slice(2), nodeIo(), { version: packageVersion(), env: process.env });
} catch (error) {
  process.stderr.write(`embark: unexpected failure: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 70;
}
