import { describe, expect, it } from '@jest/globals';
import { parseIssueBody, parseTemplate } from '../../src/template/index.js';

const HEADER = '---\nname: Big\nabout: v2024.01\ntitle: "[Big] %customer%"\n---\n';

/*
 * Hostile inputs are bounded by the parser's caps (depth, size, link brackets), checked here by the
 * outcome, never by wall-clock time: a loaded machine must not fail a test. A regression that hangs
 * shows as this file never finishing; `npm run bench` reports the parse times.
 */

describe('limits', () => {
  it('refuses input over maxBytes with an error, counting UTF-8 bytes', () => {
    const result = parseTemplate(`${HEADER}${'é'.repeat(600)}`, { maxBytes: 1000 });
    expect(result.ok).toBe(false);
    expect(result.template).toBeNull();
    expect(result.errors[0]!.message).toMatch(/bytes; the limit is 1000/);
  });

  it('accepts up to 256 KiB by default', () => {
    const stage = '### Stage 1\n- [ ] CSM >> Item\n';
    expect(parseTemplate(HEADER + stage.padEnd(200 * 1024, '.')).errors).toEqual([]);
    expect(parseTemplate(HEADER + stage.padEnd(300 * 1024, '.')).errors[0]!.message).toMatch(/limit is 262144/);
  });

  it('warns when the body exceeds what GitHub accepts for an issue', () => {
    const body = `### Stage 1\n- [ ] CSM >> Item\n\n${'Long notes. '.repeat(6000)}\n`;
    const result = parseTemplate(HEADER + body);
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => w.message).join('\n')).toMatch(/GitHub rejects issue bodies over 65536/);
  });

  it('refuses more than 100 stages (GitHub allows 100 sub-issues per issue)', () => {
    const stages = Array.from({ length: 101 }, (_, i) => `### Stage ${i + 1}\n- [ ] CSM >> Item ${i + 1}\n`).join('\n');
    const result = parseTemplate(HEADER + stages);
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('101 stages') })]);
    expect(parseTemplate(HEADER + stages.slice(0, stages.lastIndexOf('### Stage 101'))).ok).toBe(true);
  });

  it.each([
    ['deeply nested block quotes', '>'.repeat(200_000)],
    ['nested lists and quotes', '- > '.repeat(60_000)],
    ['staircase of nested lists', Array.from({ length: 400 }, (_, i) => `${' '.repeat(i * 2)}- [ ] x`).join('\n')],
    ['a paragraph of unclosed links', '[a](\n'.repeat(50_000)],
    ['unclosed reference definitions', '[a]: <\n'.repeat(35_000)],
  ])('answers with an error, for %s', (_name, body) => {
    const value = parseTemplate(HEADER + body);
    expect(value.ok).toBe(false);
    expect(value.errors[0]!.line).toBeGreaterThan(5);
  });

  it('still parses hostile-looking but ordinary long lists', () => {
    const body = `### Stage 1\n${'- [ ] CSM >> Check `x` in [the portal](https://p.example) [^1]\n'.repeat(3000)}\n[^1]: https://x.example\n`;
    const value = parseTemplate(HEADER + body);
    expect(value.template!.stages[0]!.items).toHaveLength(3000);
  });

  it('applies the cap to issue bodies too', () => {
    const template = parseTemplate(`${HEADER}### Stage 1\n- [ ] x\n`).template!;
    expect(parseIssueBody('x'.repeat(2000), template, { maxBytes: 1000 }).ok).toBe(false);
  });
});
