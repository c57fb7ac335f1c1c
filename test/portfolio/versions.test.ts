import { describe, expect, it } from '@jest/globals';
import { templateVersions, versionLabel } from '../../src/portfolio/versions.js';

const row = (template: string, templateVersion: string | null, templateFingerprint: string | null, status: 'active' | 'blocked' | 'overdue' | 'completed' | 'cancelled') => ({
  template,
  templateVersion,
  templateFingerprint,
  status,
});

describe('onboardings per template version', () => {
  it('counts per template, version and fingerprint; open ones apart; unknown versions last', () => {
    const counts = templateVersions([
      row('MSP', 'v2026.11', 'aaa', 'active'),
      row('MSP', 'v2026.11', 'aaa', 'completed'),
      row('MSP', 'v2027.01', 'bbb', 'overdue'),
      row('MSP', null, null, 'blocked'),
      // Same version, another checklist: the template changed without its version being raised.
      row('MSP', 'v2026.11', 'ccc', 'cancelled'),
      row('Backup', 'v1', 'ddd', 'active'),
    ]);
    expect(counts).toEqual([
      { template: 'Backup', version: 'v1', fingerprint: 'ddd', onboardings: 1, open: 1 },
      { template: 'MSP', version: 'v2026.11', fingerprint: 'aaa', onboardings: 2, open: 1 },
      { template: 'MSP', version: 'v2026.11', fingerprint: 'ccc', onboardings: 1, open: 0 },
      { template: 'MSP', version: 'v2027.01', fingerprint: 'bbb', onboardings: 1, open: 1 },
      { template: 'MSP', version: null, fingerprint: null, onboardings: 1, open: 1 },
    ]);
  });

  it.each([
    ['v2026.11', 'abc', 'v2026.11 (abc)'],
    ['v2026.11', null, 'v2026.11'],
    [null, 'abc', '(abc)'],
    [null, null, 'unknown'],
  ])('labels %s / %s as %s', (version, fingerprint, label) => {
    expect(versionLabel(version, fingerprint)).toBe(label);
  });
});
