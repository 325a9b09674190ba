import { describe, expect, it } from 'vitest';
import { accessOrigins } from '@/entrypoints/popup/api';

describe('accessOrigins (what "Allow full audit of this site" asks for)', () => {
  it('asks by host name without the port: Firefox reports a pattern with a port as granted but gives no access', () => {
    expect(accessOrigins('http://127.0.0.1:8765')).toEqual(['https://127.0.0.1/*', 'http://127.0.0.1/*']);
    expect(accessOrigins('https://app.example.com')).toEqual(['https://app.example.com/*', 'http://app.example.com/*']);
  });
  it('adds only a Supabase project host, over HTTPS', () => {
    const ref = 'abcdefghijklmnopqrst';
    expect(accessOrigins('https://app.example.com:8443', [`${ref}.supabase.co`, 'evil.example'])).toEqual([
      'https://app.example.com/*',
      'http://app.example.com/*',
      `https://${ref}.supabase.co/*`,
    ]);
  });
});
