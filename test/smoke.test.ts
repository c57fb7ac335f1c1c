import { describe, expect, it } from '@jest/globals';
import { defaultConfig, parseConfig } from '../src/config.js';

describe('config', () => {
  it('applies defaults to an empty file', () => {
    expect(defaultConfig.reminders.after).toEqual(['24h', '48h', '7d']);
  });
  it('names the property path of a bad value', () => {
    const result = parseConfig({ roles: { CSM: 'alice' } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toContain('`roles.CSM`');
  });
});
