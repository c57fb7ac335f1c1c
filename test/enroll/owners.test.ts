import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '../../src/config.js';
import { planStart, withOwnerOverrides } from '../../src/onboarding/start.js';
import { ownersMarker, parseOwnersMarker } from '../../src/render/owners-marker.js';
import { parseTemplate } from '../../src/template/index.js';
import { TEMPLATE } from '../flows/harness.js';

describe('the owners marker', () => {
  it('round-trips, and cannot be closed early by a value', () => {
    const marker = ownersMarker({ CSM: ['alice'], 'Eng <-->': ['bob'] });
    expect(marker.match(/-->/g)).toHaveLength(1);
    expect(marker.endsWith(' -->')).toBe(true);
    expect(parseOwnersMarker(`text\n${marker}\nmore`)).toEqual({ CSM: ['alice'], 'Eng <-->': ['bob'] });
  });

  it('is empty without owners', () => {
    expect(ownersMarker({})).toBe('');
    expect(ownersMarker({ CSM: [] })).toBe('');
  });

  it.each([
    ['no marker', 'hello'],
    ['not JSON', '<!-- embark:owners {nope -->'],
    ['an array', '<!-- embark:owners ["alice"] -->'],
    ['unclosed', '<!-- embark:owners {"CSM":["alice"]}'],
    ['no logins left', '<!-- embark:owners {"CSM":["not a login", 3]} -->'],
  ])('reads %s as null', (_name, body) => {
    expect(parseOwnersMarker(body)).toBeNull();
  });

  it('drops what is not a login', () => {
    expect(parseOwnersMarker('<!-- embark:owners {"CSM":["alice","@x","bob"],"PM":"carol"} -->')).toEqual({ CSM: ['alice', 'bob'] });
  });
});

describe('planStart with owners for one onboarding', () => {
  const template = parseTemplate(TEMPLATE).template!;

  it('replaces the configured owners of the roles it names, matched case-insensitively', () => {
    expect(withOwnerOverrides({ CSM: ['alice'], Engineer: ['bob', 'carol'] }, { csm: ['dave'] })).toEqual({ CSM: ['dave'], Engineer: ['bob', 'carol'] });
    expect(withOwnerOverrides({ CSM: ['alice'] }, null)).toEqual({ CSM: ['alice'] });
  });

  it('assigns the stage issues and records the roles with the overrides', () => {
    const config = parseConfig({ roles: { CSM: ['alice'], Engineer: ['bob', 'carol'] } });
    if (!config.ok) throw new Error(config.errors.join());
    const epic = { number: 7, title: '[Managed Services Onboarding] Contoso' } as Parameters<typeof planStart>[0]['epic'];
    const plan = planStart({ template, templateFile: null, stages: template.stages, customer: 'Contoso', epic, existing: [], config: config.config, now: '2026-11-23T09:00:00Z', owners: { Engineer: ['dave'] } });
    expect(plan.state.roles).toEqual({ CSM: ['alice'], Engineer: ['dave'] });
    expect(plan.specs.map((s) => s.assignees)).toEqual([['alice'], expect.arrayContaining(['alice', 'dave']), ['dave']]);
  });
});
