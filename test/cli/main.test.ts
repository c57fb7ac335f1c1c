import { describe, expect, it } from '@jest/globals';
import { run } from './support.js';

describe('embark (no command, help, version)', () => {
  it.each([['help'], ['--help'], ['-h'], ['validate', '--help']])('prints the help for %s and exits 0', async (...argv) => {
    const { code, stdout, stderr } = await run(...argv);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: embark <command>');
    expect(stdout).toMatch(/validate \[PATH\.\.\.\] \[--config FILE\]/);
    expect(stderr).toBe('');
  });

  it('prints its version', async () => {
    expect(await run('--version')).toEqual({ code: 0, stdout: '9.9.9-test\n', stderr: '' });
  });

  it('exits 2 with a usage line when no command is given', async () => {
    const { code, stdout, stderr } = await run();
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^embark: name a command\nUsage: embark <command>/);
  });

  it('exits 2 on an unknown command', async () => {
    const { code, stderr } = await run('deploy');
    expect(code).toBe(2);
    expect(stderr).toContain('unknown command "deploy"');
  });
});
