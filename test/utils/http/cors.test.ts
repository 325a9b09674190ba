// corsView: the CORS facts the CORS rules (rules/cors/*) read from one response. Header values model the Fetch
// standard's CORS check as MDN documents it: Access-Control-Allow-Origin is `*`, `null` or one origin, compared with
// the request's Origin byte for byte; Access-Control-Allow-Credentials has one valid value, `true` (case-sensitive);
// a response with two Access-Control-Allow-Origin lines fails the check (the browser reads them as "a, b").
import { describe, expect, it } from 'vitest';
import { corsFix, corsView } from '@/utils/http/cors';
import type { HttpResponse } from '@/utils/evidence/evidence';

const API = 'https://api.example.com/v1/me';
const response = (headers: [string, string][]): HttpResponse => ({ url: API, status: 200, type: 'xmlhttprequest', headers, source: 'webRequest' });
const view = (...headers: [string, string][]) => corsView(response(headers));

describe('corsView: Access-Control-Allow-Origin', () => {
  it('is absent when the response has no such header', () => {
    const v = view(['Content-Type', 'application/json']);
    expect(v).toEqual({ allowCredentials: false, setsCookie: false });
    expect(v).not.toHaveProperty('allowOrigin');
  });

  it('is the wildcard, an origin or "null" as sent, whatever the header name’s case', () => {
    expect(view(['Access-Control-Allow-Origin', '*']).allowOrigin).toBe('*');
    expect(view(['access-control-allow-origin', 'https://app.example.com']).allowOrigin).toBe('https://app.example.com');
    expect(view(['ACCESS-CONTROL-ALLOW-ORIGIN', 'null']).allowOrigin).toBe('null');
  });

  it('drops the spaces around the value (HTTP strips them) but keeps its case', () => {
    expect(view(['Access-Control-Allow-Origin', '  https://App.Example.com \t']).allowOrigin).toBe('https://App.Example.com');
  });

  it('keeps an empty header as an empty value, not as no header', () => {
    expect(view(['Access-Control-Allow-Origin', '  ']).allowOrigin).toBe('');
  });

  it('reads two header lines as the browser does, "a, b", which is neither the wildcard nor an origin', () => {
    expect(view(['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Origin', 'https://evil.example.net']).allowOrigin).toBe(
      '*, https://evil.example.net',
    );
    expect(view(['Access-Control-Allow-Origin', ' * '], ['X-Other', 'x'], ['access-control-allow-origin', '*']).allowOrigin).toBe('*, *');
  });
});

describe('corsView: Access-Control-Allow-Credentials', () => {
  it('is true for the value `true`, padded or not, in a header name of any case', () => {
    expect(view(['Access-Control-Allow-Credentials', 'true']).allowCredentials).toBe(true);
    expect(view(['access-control-allow-credentials', ' true ']).allowCredentials).toBe(true);
  });

  it.each([['TRUE'], ['True'], ['false'], ['yes'], ['1'], [''], ['true;'], ['"true"']])('is false for %j (browsers accept only `true`)', (value) => {
    expect(view(['Access-Control-Allow-Credentials', value]).allowCredentials).toBe(false);
  });

  it('is false without the header, and for two header lines (read as "true, true")', () => {
    expect(view(['Access-Control-Allow-Origin', '*']).allowCredentials).toBe(false);
    expect(view(['Access-Control-Allow-Credentials', 'true'], ['Access-Control-Allow-Credentials', 'true']).allowCredentials).toBe(false);
  });

  it('does not read another header’s `true`', () => {
    expect(view(['Access-Control-Allow-Private-Network', 'true'], ['Timing-Allow-Origin', 'true']).allowCredentials).toBe(false);
  });
});

describe('corsView: session cookies set by the response', () => {
  it.each([
    ['sessionid=abc123; Path=/; HttpOnly; Secure', true],
    ['connect.sid=s%3Aabc; Path=/; HttpOnly', true],
    ['sb-access-token=eyJ; Path=/; Secure', true],
    ['  auth_token = x; Secure', true],
    ['__cf_bm=abc; path=/; expires=Thu, 01 Jan 2026 00:00:00 GMT; domain=.example.com; HttpOnly; Secure', false],
    ['_ga=GA1.1.123; Path=/', false],
    ['csrftoken=abc; Path=/', false],
    ['theme=dark; Path=/', false],
    // No "=": the whole line is the value and the name is empty (RFC 6265bis §5.6), so no session name.
    ['session', false],
    ['=sessionid', false],
    // The name is trimmed before it is judged: an analytics name stays one with a space before it.
    [' _ga_session=1', false],
  ])('%j → %s', (line, expected) => {
    expect(view(['Set-Cookie', line]).setsCookie).toBe(expected);
  });

  it('is true when any of several Set-Cookie lines is a session cookie, matching the header name in any case', () => {
    expect(view(['Set-Cookie', '_ga=1'], ['set-cookie', 'theme=dark'], ['SET-COOKIE', 'sessionid=1']).setsCookie).toBe(true);
    expect(view(['Set-Cookie', '_ga=1'], ['Set-Cookie', 'theme=dark']).setsCookie).toBe(false);
  });

  it('reads only Set-Cookie, not the Cookie a request would carry nor other headers naming a session', () => {
    expect(view(['Cookie', 'sessionid=1'], ['X-Session', 'sessionid=1']).setsCookie).toBe(false);
  });
});

describe('corsView: a whole response', () => {
  it('the credentialed wildcard of a signed-in API call', () => {
    expect(view(['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Credentials', 'true'], ['Set-Cookie', 'sessionid=1; Secure'])).toEqual({
      allowOrigin: '*',
      allowCredentials: true,
      setsCookie: true,
    });
  });
});

describe('corsFix', () => {
  it('recommends a fixed list of origins, never an echo or a wildcard with credentials', () => {
    expect(corsFix.summary).toMatch(/fixed list/);
    expect(corsFix.snippet?.code).toContain("origin: ['https://app.example.com']");
    expect(corsFix.steps.join('\n')).toContain('Vary: Origin');
  });
  it('every variant has real steps and an https link', () => {
    for (const v of [corsFix, ...Object.values(corsFix.platforms ?? {})]) {
      expect(v.steps.length).toBeGreaterThan(1);
      for (const step of v.steps) expect(step.trim().length).toBeGreaterThan(5);
      expect(v.docs).toMatch(/^https:\/\//);
    }
    expect(corsFix.docs).toBe('https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS');
    expect(corsFix.snippet?.language).toBe('js');
  });
  it('has a Supabase variant that points at Row Level Security', () => {
    expect(corsFix.platforms?.supabase?.steps.join('\n')).toContain('Row Level Security');
    expect(corsFix.platforms?.supabase?.docs).toBe('https://supabase.com/docs/guides/functions/cors');
  });
});
