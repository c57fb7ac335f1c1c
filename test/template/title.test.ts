import { describe, expect, it } from '@jest/globals';
import { matchTitle, parseTemplate, renderTitle, type Template, titlePrefixOf } from '../../src/template/index.js';

const templateWithTitle = (title: string): Template =>
  parseTemplate(`---\nname: T\nabout: v1.0\ntitle: "${title}"\n---\n### Stage 1\n- [ ] x\n`).template!;

describe('titles', () => {
  it.each([
    ['[Managed Services Onboarding] %customer%', '[Managed Services Onboarding]'],
    ['[Onboarding]   {{ customer }}', '[Onboarding]'],
    ['Onboarding: % CUSTOMER %', 'Onboarding:'],
    ['{{Customer}} onboarding', null],
    ['No placeholder', null],
  ])('the fixed prefix of %j is %j', (title, prefix) => {
    expect(titlePrefixOf(title)).toBe(prefix);
  });

  it('renders every placeholder spelling', () => {
    expect(renderTitle({ title: '[Onboarding] %customer% / {{ CUSTOMER }}' }, ' Contoso ')).toBe('[Onboarding] Contoso / Contoso');
  });

  it('appends the customer to a title without a placeholder', () => {
    expect(renderTitle({ title: 'Onboarding' }, 'Contoso')).toBe('Onboarding Contoso');
  });

  it('does not expand `$&` style replacement patterns in customer names', () => {
    expect(renderTitle({ title: '[X] %customer%' }, 'A$&B')).toBe('[X] A$&B');
  });

  describe('matchTitle', () => {
    const basic = templateWithTitle('[Onboarding] %customer%');
    const premium = templateWithTitle('[Onboarding] Premium %customer%');
    const suffixed = templateWithTitle('[Setup] %customer% (new)');
    const noPrefix = templateWithTitle('%customer%');
    const all = [basic, premium, suffixed, noPrefix];

    it('finds the template and the customer', () => {
      expect(matchTitle('[Onboarding]   Contoso Ltd ', all)).toEqual({ template: basic, customer: 'Contoso Ltd' });
    });
    it('prefers the longest prefix', () => {
      expect(matchTitle('[onboarding] premium Fabrikam', all)?.template).toBe(premium);
    });
    it('strips a fixed suffix', () => {
      expect(matchTitle('[Setup] Tailspin (new)', all)?.customer).toBe('Tailspin');
    });
    it('gives an empty customer when the placeholder was left in', () => {
      expect(matchTitle('[Onboarding] %customer%', all)?.customer).toBe('');
    });
    it('returns null for other titles; a template without prefix never matches', () => {
      expect(matchTitle('Printer is broken', all)).toBeNull();
      expect(matchTitle('Onboarding Contoso', [noPrefix])).toBeNull();
    });
  });
});
