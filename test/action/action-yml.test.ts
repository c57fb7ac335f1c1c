/**
 * `run/action.yml`, the action that runs Embark in a workflow: its locate step finds the action's
 * checkout and a digest of what the build reads (the cache key), and its run step hands the token
 * and the bot login to the entry the build makes (`dist/src/action.js`). The root `action.yml`
 * (validate) is untouched by it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import yaml from 'js-yaml';

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
const action = yaml.load(readFileSync('run/action.yml', 'utf8')) as { inputs: Record<string, { default?: string }>; runs: { using: string; steps: Step[] } };

describe('run/action.yml', () => {
  it('defaults to the workflow\'s token and its bot', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.inputs.token!.default).toBe('${{ github.token }}');
    expect(action.inputs['bot-login']!.default).toBe('github-actions[bot]');
    const run = action.runs.steps.at(-1)!;
    expect(run.env).toMatchObject({ GITHUB_TOKEN: '${{ inputs.token }}', EMBARK_BOT_LOGIN: '${{ inputs.bot-login }}', EMBARK_ACTION: '${{ steps.embark.outputs.root }}/dist/src/action.js' });
    expect(JSON.parse(readFileSync('tsconfig.app.json', 'utf8')).include).toContain('src');
  });

  it('locates the checkout and keys the build cache by what the build reads, installing only on a miss', () => {
    const locate = action.runs.steps.find((s) => s.id === 'embark')!;
    const dir = mkdtempSync(join(tmpdir(), 'embark-run-yml-'));
    const output = join(dir, 'out');
    try {
      execFileSync('bash', ['-c', locate.run!], { env: { PATH: process.env.PATH, GITHUB_ACTION_PATH: resolve('run'), GITHUB_OUTPUT: output } });
      const lines = readFileSync(output, 'utf8').trim().split('\n');
      expect(lines[0]).toBe(`root=${resolve('.')}`);
      expect(lines[1]).toMatch(/^digest=[0-9a-f]{16}$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const cache = action.runs.steps.find((s) => s.id === 'cache')!;
    expect(cache.with!.key).toContain('${{ steps.embark.outputs.digest }}');
    expect(action.runs.steps.find((s) => s.name === 'Install Embark')!.if).toBe("steps.cache.outputs.cache-hit != 'true'");
  });
});
