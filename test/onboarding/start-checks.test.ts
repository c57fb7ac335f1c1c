import { describe, expect, it } from '@jest/globals';
import { startProblems } from '../../src/onboarding/start-checks.js';
import { onboardingTemplates, shortName } from '../../src/template/select.js';

const ok = { ok: true, errors: [] };
const bad = { ok: false, errors: [{ line: 7, column: 3, message: 'Unknown key `dew`; did you mean `due`?' }] };

describe('startProblems', () => {
  it.each([
    ['nothing wrong', {}, []],
    ['an invalid config', { configErrors: ['`labels.epic`: expected string'] }, ['`.github/onboarding.yml` `labels.epic`: expected string']],
    ['a template error, at its file and line', { template: { file: '.github/ISSUE_TEMPLATE/msp.md', result: bad } }, ['`.github/ISSUE_TEMPLATE/msp.md` line 7, column 3: Unknown key `dew`; did you mean `due`?']],
    ['the placeholder left in the title', { customer: '%customer%' }, [expect.stringMatching(/still holds the customer placeholder/)]],
    ['an empty customer', { customer: '  ' }, [expect.stringMatching(/still holds the customer placeholder/)]],
    ['a body error', { body: { ...bad, stages: 2 } }, ['issue body line 7: Unknown key `dew`; did you mean `due`?']],
    ['a body with no stages left', { body: { ...ok, stages: 0 } }, [expect.stringMatching(/no stages left/)]],
    ['a body with 101 stages', { body: { ...ok, stages: 101 } }, ['the body has 101 stages; GitHub allows at most 100 sub-issues per issue. Merge stages.']],
    ['an already started onboarding skips the body checks', { body: null }, []],
    ['title problems first: body checks wait until they are fixed', { customer: '', body: { ...ok, stages: 0 } }, [expect.stringMatching(/placeholder/)]],
  ])('%s', (_scenario, overrides, expected) => {
    const input = { configErrors: [], template: { file: 'msp.md', result: ok }, customer: 'Contoso', body: { ...ok, stages: 3 }, ...overrides };
    expect(startProblems(input)).toEqual(expected);
  });
});

describe('template selection', () => {
  const t = (file: string, name: string) => ({ file, result: { template: { name } as never } });
  const all = [t('.github/ISSUE_TEMPLATE/msp.md', 'Managed Services Onboarding'), t('bundled:partner-hub.md', 'Partner Hub Enrollment'), t('.github/ISSUE_TEMPLATE/bug.md', 'Bug report')];
  it.each([
    ['nothing configured: all', [], 3],
    ['a file name', ['msp.md'], 1],
    ['a short name, any case', ['MSP'], 1],
    ['a path', ['.github/ISSUE_TEMPLATE/msp.md'], 1],
    ['a template name', ['partner hub enrollment'], 1],
    ['a name that matches nothing', ['other'], 0],
  ])('%s', (_scenario, wanted, count) => {
    expect(onboardingTemplates(all, wanted)).toHaveLength(count);
  });
  it.each([
    ['.github/ISSUE_TEMPLATE/msp.md', 'msp'],
    ['bundled:partner-hub.md', 'partner-hub'],
    ['templates/x.MD', 'x'],
  ])('shortName(%s) = %s', (file, short) => expect(shortName(file)).toBe(short));
});
