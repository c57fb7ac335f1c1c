/**
 * What the CLI refuses to read and where `validate -r` does not look. Every refusal must come
 * back as a result: a FIFO that were opened would block the command forever and the test with
 * it, a huge file that were read would fill memory, so returning at all is part of the check.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MAX_FILE_BYTES } from '../../src/cli/safe-read.js';
import { fixture, run } from './support.js';

const template = fixture('folder/onboarding.md');
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'embark-files-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('files the CLI refuses before reading', () => {
  it('a FIFO named as a template: an error, not a hang', async () => {
    const fifo = join(dir, 'pipe.md');
    execFileSync('mkfifo', [fifo]);
    const { code, stdout, stderr } = await run('validate', fifo);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${fifo} is a named pipe (FIFO), not a file`);
  });

  it('a FIFO in a folder is passed over', async () => {
    const folder = join(dir, 'with-fifo');
    mkdirSync(folder);
    copyFileSync(template, join(folder, 'onboarding.md'));
    execFileSync('mkfifo', [join(folder, 'pipe.md')]);
    const { code, stdout } = await run('validate', '-r', folder);
    expect(code).toBe(0);
    expect(stdout).not.toContain('pipe.md');
  });

  it.each(['/dev/zero', '/dev/null'].filter((device) => existsSync(device)))('the device %s', async (device) => {
    const { code, stderr } = await run('preview', device, '--customer', 'C');
    expect(code).toBe(2);
    expect(stderr).toContain(`${device} is a device, not a file`);
  });

  it('a folder named where a file is expected', async () => {
    const { code, stderr } = await run('preview', dir, '--customer', 'C');
    expect(code).toBe(2);
    expect(stderr).toContain(`${dir} is a folder, not a file`);
  });

  it('a file with a NUL byte in its first 8 KB is binary: refused when named, skipped in a folder', async () => {
    const folder = join(dir, 'with-binary');
    mkdirSync(folder);
    copyFileSync(template, join(folder, 'onboarding.md'));
    const binary = join(folder, 'logo.md');
    writeFileSync(binary, Buffer.concat([Buffer.from('---\nname: x\n'), Buffer.from([0, 1, 2]), Buffer.alloc(100, 65)]));
    const named = await run('validate', binary);
    expect(named.code).toBe(2);
    expect(named.stderr).toContain(`${binary} holds NUL bytes, so it is a binary file`);
    const found = await run('validate', folder);
    expect(found.code).toBe(0);
    expect(found.stdout).toContain(`skip  ${binary}  binary file, not a template`);
  });

  it('a file over the size limit is refused from its size, without being read', async () => {
    // Sparse: 4 GiB on paper, nothing on disk. Reading it would allocate 4 GiB and fail.
    const huge = join(dir, 'huge.md');
    const fd = openSync(huge, 'w');
    ftruncateSync(fd, 4 * 1024 ** 3);
    closeSync(fd);
    const named = await run('validate', huge);
    expect(named.code).toBe(2);
    expect(named.stderr).toContain(`${huge} is ${4 * 1024 ** 3} bytes; the limit is ${MAX_FILE_BYTES}`);
  });

  it('a file just over the limit found in a folder fails that file, and the run goes on', async () => {
    const folder = join(dir, 'with-large');
    mkdirSync(folder);
    copyFileSync(template, join(folder, 'a.md'));
    writeFileSync(join(folder, 'b.md'), 'x'.repeat(MAX_FILE_BYTES + 1));
    const { code, stdout } = await run('validate', folder);
    expect(code).toBe(1);
    expect(stdout).toContain(`ok    ${join(folder, 'a.md')}`);
    expect(stdout).toContain(`${join(folder, 'b.md')}:1:1: error: ${join(folder, 'b.md')} is ${MAX_FILE_BYTES + 1} bytes`);
  });
});

describe('validate -r', () => {
  it('does not go into node_modules, .git or dist, but does go into other folders', async () => {
    const root = join(dir, 'repo');
    for (const sub of ['node_modules/pkg', '.git', 'dist', 'docs/onboarding']) mkdirSync(join(root, sub), { recursive: true });
    for (const sub of ['node_modules/pkg', '.git', 'dist']) writeFileSync(join(root, sub, 'broken.md'), '---\nname: [\n---\n');
    copyFileSync(template, join(root, 'docs/onboarding', 'onboarding.md'));
    const { code, stdout } = await run('validate', '-r', root);
    expect(stdout).toContain(join(root, 'docs/onboarding', 'onboarding.md'));
    expect(stdout).not.toContain('broken.md');
    expect(code).toBe(0);
  });

  it('still reads such a folder when it is named', async () => {
    const { code, stdout } = await run('validate', join(dir, 'repo', 'dist', 'broken.md'));
    expect(code).toBe(1);
    expect(stdout).toMatch(/broken\.md:\d+:\d+: error: /);
  });
});
