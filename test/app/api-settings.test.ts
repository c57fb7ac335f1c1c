/** The start API's settings: each way in, the address senders call, off while none is set. */
import { describe, expect, it } from '@jest/globals';
import { readSettings } from '../../src/app/settings.js';
import { apiEnabled } from '../../src/start-api/auth.js';

describe('start API settings', () => {
  it('is off while no token or secret is set', () => {
    const s = readSettings({});
    expect(s.api).toEqual({ secrets: { token: null, secret: null, hubspotSecret: null }, publicUrl: null });
    expect(apiEnabled(s.api.secrets)).toBe(false);
    expect(apiEnabled(readSettings({ EMBARK_API_TOKEN: ' ' }).api.secrets)).toBe(false);
  });

  it('reads each of EMBARK_API_TOKEN, EMBARK_API_SECRET and EMBARK_HUBSPOT_SECRET', () => {
    const s = readSettings({ EMBARK_API_TOKEN: 't0k', EMBARK_API_SECRET: 's3c', EMBARK_HUBSPOT_SECRET: 'hs' });
    expect(s.api.secrets).toEqual({ token: 't0k', secret: 's3c', hubspotSecret: 'hs' });
    expect(apiEnabled(readSettings({ EMBARK_HUBSPOT_SECRET: 'hs' }).api.secrets)).toBe(true);
  });

  it('reads EMBARK_PUBLIC_URL as the address senders call, and warns about one that is not a URL', () => {
    expect(readSettings({ EMBARK_PUBLIC_URL: 'https://embark.example.com/base/' }).api.publicUrl).toBe('https://embark.example.com/base');
    const bad = readSettings({ EMBARK_PUBLIC_URL: 'embark.example.com' });
    expect(bad.api.publicUrl).toBeNull();
    expect(bad.warnings[0]).toContain('EMBARK_PUBLIC_URL');
  });
});
