import { describe, expect, it } from 'vitest';
import {
  brokenPrefix,
  cookieDraft,
  cookieFix,
  describeCookie,
  isAntiCsrf,
  isRefused,
  isSessionLike,
  mergedCookies,
  parseSetCookie,
  storedCookies,
} from '@/utils/http/cookies';
import { cookie, evidence, NOW, PAGE } from '../../helpers/evidence';

const NOW_S = Math.floor(NOW / 1000);
const parse = (header: string, url = PAGE) => parseSetCookie(header, url, NOW_S);

describe('parseSetCookie', () => {
  it('reads name and defaults: host-only for the request host, Path=/ (not given), no flags', () => {
    expect(parse('session=abc')).toEqual({
      name: 'session',
      domain: 'app.example.com',
      path: '/',
      secure: false,
      httpOnly: false,
      sameSite: 'unspecified',
      hostOnly: true,
      pathAttribute: false,
      source: 'set-cookie',
    });
    expect(parse('session=abc; Path=/')?.pathAttribute).toBe(true);
  });

  it('reads attributes in any case and with stray spaces', () => {
    expect(parse(' sid = x ;SECURE;  httponly ; SameSite = STRICT ; PATH=/app')).toMatchObject({
      name: 'sid',
      secure: true,
      httpOnly: true,
      sameSite: 'strict',
      path: '/app',
    });
  });

  it('keeps = signs inside the value out of the name', () => {
    expect(parse('token=a=b=c; Secure')?.name).toBe('token');
  });

  it.each([
    ['SameSite=Lax', 'lax'],
    ['SameSite=none', 'none'],
    ['SameSite=Strictest', 'unspecified'],
    ['SameSite=', 'unspecified'],
    ['SameSite', 'unspecified'],
    ['SameSite="Lax"', 'unspecified'],
  ])('%s → sameSite %s', (attr, expected) => expect(parse(`a=1; ${attr}`)?.sameSite).toBe(expected));

  it('Max-Age wins over Expires, whichever comes first', () => {
    const expires = new Date(NOW + 10 * 86_400_000).toUTCString();
    expect(parse(`a=1; Max-Age=60; Expires=${expires}`)?.expires).toBe(NOW_S + 60);
    expect(parse(`a=1; Expires=${expires}; Max-Age=60`)?.expires).toBe(NOW_S + 60);
  });

  it('uses Expires alone, in whole seconds', () => {
    expect(parse('a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT')?.expires).toBe(Date.UTC(2026, 9, 21, 7, 28) / 1000);
  });

  it('Max-Age of zero or less expires the cookie now or in the past', () => {
    expect(parse('a=1; Max-Age=0')?.expires).toBe(NOW_S);
    expect(parse('a=1; Max-Age=-5')?.expires).toBe(NOW_S - 5);
  });

  it('ignores a malformed Max-Age (then Expires applies) and a malformed Expires', () => {
    const expires = 'Thu, 01 Jan 2026 00:00:00 GMT';
    expect(parse(`a=1; Max-Age=1.5; Expires=${expires}`)?.expires).toBe(Date.UTC(2026, 0, 1) / 1000);
    expect(parse('a=1; Max-Age=soon')?.expires).toBeUndefined();
    expect(parse('a=1; Expires=never')).not.toHaveProperty('expires');
  });

  it('Domain: leading dot dropped, lower-cased, not host-only; empty Domain ignored', () => {
    expect(parse('a=1; Domain=.EXAMPLE.com')).toMatchObject({ domain: 'example.com', hostOnly: false });
    expect(parse('a=1; Domain=')).toMatchObject({ domain: 'app.example.com', hostOnly: true });
  });

  it('a Path that does not start with / is ignored', () => {
    expect(parse('a=1; Path=app')?.path).toBe('/');
    expect(parse('a=1; Path=')?.path).toBe('/');
  });

  it.each(['=abc', 'abc', '', '   =x; Secure', ';Secure'])('no name in %j → undefined', (header) => expect(parse(header)).toBeUndefined());

  it('an unparsable request URL leaves the domain empty rather than throwing', () => {
    expect(parse('a=1', 'not a url')?.domain).toBe('');
  });

  it('copes with a 100 KB header', () => {
    const c = parse(`big=${'x'.repeat(100_000)}; Secure; ${'junk; '.repeat(1000)}HttpOnly`);
    expect(c).toMatchObject({ name: 'big', secure: true, httpOnly: true });
  });
});

describe('isSessionLike', () => {
  it.each([
    'session',
    'PHPSESSID',
    'JSESSIONID',
    'connect.sid',
    'sid',
    'SID',
    'sid_v2',
    'laravel_session',
    'ASP.NET_SessionId',
    'myapp_live_u2main',
    'myapp_test_u2main',
    'myapp_u1main',
    'auth_token',
    'next-auth.session-token',
    'jwt',
    'remember_me',
    'login',
    '__Host-session',
    'sb-access-token',
  ])('%s is a session cookie', (name) => expect(isSessionLike({ name })).toBe(true));

  it.each([
    'theme',
    'lang',
    'consider',
    'sidebar_state',
    'sidebar:state',
    // analytics and consent
    '_ga',
    '_ga_ABC123',
    '_gid',
    '_gat_UA-1',
    '_fbp',
    '_hjSessionUser_123',
    '_hjSession_123',
    '__cf_bm',
    'cf_clearance',
    '_clck',
    '_clsk',
    'ajs_user_id',
    'amplitude_id_abc',
    'mp_abc_mixpanel',
    'cookieconsent_status',
    'OptanonConsent',
    'AMP_TOKEN',
    '_uetsid',
    'ai_session',
    '__stripe_sid',
    // anti-CSRF tokens are read by page scripts by design
    'XSRF-TOKEN',
    'csrftoken',
    '_csrf',
    'csrf_session',
  ])('%s is not a session cookie', (name) => expect(isSessionLike({ name })).toBe(false));
});

describe('mergedCookies', () => {
  const merged = (...cookies: ReturnType<typeof cookie>[]) => mergedCookies(evidence({ cookies }));

  it('prefers Set-Cookie over the cookie API over page scripts, whatever the order', () => {
    const fromPage = cookie({ name: 's', source: 'page', httpOnly: false, secure: false });
    const fromApi = cookie({ name: 's', source: 'cookies-api', secure: true });
    const fromServer = cookie({ name: 's', source: 'set-cookie', secure: false });
    expect(merged(fromPage, fromApi, fromServer)).toEqual([expect.objectContaining({ source: 'set-cookie' })]);
    expect(merged(fromServer, fromPage, fromApi)).toEqual([expect.objectContaining({ source: 'set-cookie' })]);
    expect(merged(fromPage, fromApi)).toEqual([expect.objectContaining({ source: 'cookies-api' })]);
    expect(merged(fromApi, fromPage)).toEqual([expect.objectContaining({ source: 'cookies-api' })]);
  });

  it('drops nameless cookies from every source (Chromium lists `Set-Cookie: =value` with an empty name)', () => {
    const named = cookie({ name: 'weird_session', source: 'cookies-api' });
    expect(merged(cookie({ name: '', source: 'cookies-api' }), cookie({ name: '', source: 'page', httpOnly: false }), named)).toEqual([named]);
  });

  it('the first of equal-rank copies stays', () => {
    expect(merged(cookie({ name: 's', secure: true }), cookie({ name: 's', secure: false }))).toEqual([expect.objectContaining({ secure: true })]);
  });

  it('keeps cookies that differ in name, path or domain apart', () => {
    const list = merged(cookie({ name: 's' }), cookie({ name: 'S' }), cookie({ name: 's', path: '/admin' }), cookie({ name: 's', domain: 'example.com' }));
    expect(list).toHaveLength(4);
  });

  it('treats a leading-dot domain as the same domain', () => {
    expect(
      merged(cookie({ name: 's', domain: '.example.com', source: 'cookies-api' }), cookie({ name: 's', domain: 'example.com', source: 'set-cookie' })),
    ).toHaveLength(1);
  });
});

describe('describeCookie', () => {
  it('lists the flags it has, or says none, and marks page-visible cookies', () => {
    expect(describeCookie(cookie({ name: 's', sameSite: 'strict' }))).toBe('s (Secure; HttpOnly; SameSite=Strict)');
    expect(describeCookie(cookie({ name: 's', secure: false, httpOnly: false, sameSite: 'unspecified' }))).toBe('s (no Secure, HttpOnly or SameSite)');
    expect(describeCookie(cookie({ name: 's', secure: false, httpOnly: false, sameSite: 'unspecified', source: 'page' }))).toBe(
      's (no Secure, HttpOnly or SameSite; visible to page scripts)',
    );
  });
});

describe('cookieFix', () => {
  it('its snippet sets a cookie every cookie rule accepts', () => {
    const line = cookieFix('A summary sentence.', ['Step.']).snippet!.code.replace(/^Set-Cookie:\s*/, '');
    const c = parse(line)!;
    expect(c).toMatchObject({ name: '__Host-session', path: '/', secure: true, httpOnly: true, sameSite: 'lax', hostOnly: true, expires: NOW_S + 28_800 });
    expect(isSessionLike(c)).toBe(true);
  });
});

// Cases from mutation testing (docs/mutation.md, "Parsers target"): the prefix rules (RFC 6265bis §4.1.3, §5.7),
// anti-CSRF names, the finding draft, and attribute parsing details (RFC 6265bis §5.6: names case-insensitive, values
// of Secure/HttpOnly ignored, the last Path/Domain wins).
describe('brokenPrefix / isRefused / storedCookies', () => {
  const c = (over: Partial<Parameters<typeof brokenPrefix>[0]> & { name: string }) =>
    ({
      domain: 'app.example.com',
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'lax',
      source: 'set-cookie',
      hostOnly: true,
      pathAttribute: true,
      ...over,
    }) as Parameters<typeof brokenPrefix>[0];

  it('a cookie without a prefix, or that keeps its prefix’s rules, breaks nothing', () => {
    expect(brokenPrefix(c({ name: 'session', secure: false, hostOnly: false }))).toBeUndefined();
    expect(brokenPrefix(c({ name: '__Secure-id' }))).toBeUndefined();
    expect(brokenPrefix(c({ name: '__Secure-id', hostOnly: false, path: '/app' }))).toBeUndefined();
    expect(brokenPrefix(c({ name: '__Host-id' }))).toBeUndefined();
    // The cookie API does not say whether Path was given: only a Set-Cookie line can miss it.
    expect(brokenPrefix(c({ name: '__Host-id', source: 'cookies-api', pathAttribute: undefined, hostOnly: undefined }))).toBeUndefined();
  });

  it('__Secure- needs Secure', () => {
    expect(brokenPrefix(c({ name: '__Secure-id', secure: false }))).toEqual({ prefix: '__Secure-', missing: ['Secure'] });
    expect(brokenPrefix(c({ name: '__Secure-id', secure: false, source: 'cookies-api' }))).toEqual({ prefix: '__Secure-', missing: ['Secure'] });
  });

  it('Secure is unknown for a cookie page scripts read: not judged', () => {
    expect(brokenPrefix(c({ name: '__Secure-id', secure: false, source: 'page' }))).toBeUndefined();
    expect(brokenPrefix(c({ name: '__Host-id', secure: false, source: 'page', path: '/a' }))).toEqual({ prefix: '__Host-', missing: ['Path=/'] });
  });

  it('__Host- needs Secure, an explicit Path=/ and no Domain, listed in that order', () => {
    expect(brokenPrefix(c({ name: '__Host-id', secure: false, path: '/app', hostOnly: false }))).toEqual({
      prefix: '__Host-',
      missing: ['Secure', 'Path=/', 'no Domain'],
    });
    expect(brokenPrefix(c({ name: '__Host-id', pathAttribute: false }))).toEqual({ prefix: '__Host-', missing: ['Path=/'] });
    expect(brokenPrefix(c({ name: '__Host-id', path: '/app' }))).toEqual({ prefix: '__Host-', missing: ['Path=/'] });
    expect(brokenPrefix(c({ name: '__Host-id', hostOnly: false }))).toEqual({ prefix: '__Host-', missing: ['no Domain'] });
  });

  it('matches the prefixes in any case, and only at the start', () => {
    expect(brokenPrefix(c({ name: '__HOST-id', hostOnly: false }))?.prefix).toBe('__Host-');
    expect(brokenPrefix(c({ name: '__secure-id', secure: false }))?.prefix).toBe('__Secure-');
    expect(brokenPrefix(c({ name: 'x__Host-id', hostOnly: false }))).toBeUndefined();
    expect(brokenPrefix(c({ name: '__Hostid', hostOnly: false }))).toBeUndefined();
  });

  it('a Set-Cookie line that breaks its prefix is refused by the browser; the same from the cookie API exists', () => {
    expect(isRefused(c({ name: '__Host-id', hostOnly: false }))).toBe(true);
    expect(isRefused(c({ name: '__Host-id', hostOnly: false, source: 'cookies-api' }))).toBe(false);
    expect(isRefused(c({ name: '__Host-id' }))).toBe(false);
    expect(isRefused(c({ name: 'session', secure: false }))).toBe(false);
  });

  it('storedCookies: the merged cookies without the refused ones', () => {
    const refused = cookie({ name: '__Secure-a', secure: false, source: 'set-cookie' });
    const kept = cookie({ name: '__Secure-b', source: 'set-cookie' });
    const apiOnly = cookie({ name: 'plain', source: 'cookies-api' });
    expect(storedCookies(evidence({ cookies: [refused, kept, apiOnly] })).map((x) => x.name)).toEqual(['__Secure-b', 'plain']);
  });
});

describe('isAntiCsrf', () => {
  it.each([
    ['XSRF-TOKEN', true],
    ['csrftoken', true],
    ['_csrf', true],
    ['my_Csrf_cookie', true],
    ['session', false],
    ['token', false],
  ])('%s → %s', (name, expected) => expect(isAntiCsrf({ name })).toBe(expected));
});

describe('isSessionLike: where each pattern may match', () => {
  it.each([
    ['user_sid', true], // "sid" at the end
    ['sidx', false], // "sid" then a letter, at the start
    ['sid-1', true],
    ['xsidy', false],
    ['connectXsid', true], // ends in sid anyway
    ['myapp_u3main', false],
    ['my_auth', true],
    ['oauth_state', true],
    ['my_ga', false],
    ['x_ga_session', true], // analytics names only at the start
    ['refresh_TOKEN', true],
  ])('%s → %s', (name, expected) => expect(isSessionLike({ name })).toBe(expected));
});

describe('cookieDraft', () => {
  const s = cookie({ name: 'sid', path: '/app', secure: false });
  it('describes the cookie, locates it and keys it by name and path', () => {
    expect(cookieDraft(s, 'noSecure', 'https://app.example.com/')).toEqual({
      messageId: 'noSecure',
      data: { name: 'sid' },
      evidence: 'sid (HttpOnly; SameSite=Lax)',
      location: { kind: 'cookie', name: 'sid', url: 'https://app.example.com/' },
      identity: 'sid|/app',
    });
  });
  it('takes extra data and its own evidence', () => {
    const d = cookieDraft(s, 'long', 'https://app.example.com/', { data: { days: 400 }, evidence: 'sid: 400 days' });
    expect(d.data).toEqual({ name: 'sid', days: 400 });
    expect(d.evidence).toBe('sid: 400 days');
  });
});

describe('describeCookie: SameSite spelling', () => {
  it('capitalises the SameSite value and joins flags with "; "', () => {
    expect(describeCookie(cookie({ name: 'a', secure: false, sameSite: 'none' }))).toBe('a (HttpOnly; SameSite=None)');
    expect(describeCookie(cookie({ name: 'a', httpOnly: false, sameSite: 'lax', source: 'page' }))).toBe('a (Secure; SameSite=Lax; visible to page scripts)');
  });
});

describe('parseSetCookie: attribute details', () => {
  it('Secure and HttpOnly with a value still count; unknown attributes are ignored', () => {
    expect(parse('a=1; Secure=no; HttpOnly=false; Partitioned; Priority=High')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'unspecified' });
  });
  it('the last Path and Domain win', () => {
    expect(parse('a=1; Path=/one; Path=/two; Domain=a.example.com; Domain=b.example.com')).toMatchObject({
      path: '/two',
      pathAttribute: true,
      domain: 'b.example.com',
    });
  });
  it('a Domain without a leading dot is kept as is (lower case); only one leading dot is dropped', () => {
    expect(parse('a=1; Domain=Example.COM')).toMatchObject({ domain: 'example.com', hostOnly: false });
    expect(parse('a=1; Domain=..example.com')?.domain).toBe('.example.com');
  });
  it('Max-Age is an optional minus sign and digits, spaces around it dropped', () => {
    expect(parse('a=1; Max-Age= 60 ')?.expires).toBe(NOW_S + 60);
    expect(parse('a=1; max-age=3600')?.expires).toBe(NOW_S + 3600);
    for (const bad of ['+60', '60s', '1e3', '- 5', '', '0x10']) expect(parse(`a=1; Max-Age=${bad}`), bad).not.toHaveProperty('expires');
  });
  it('Expires is cut to whole seconds', () => {
    expect(parse('a=1; Expires=2026-10-21T07:28:00.900Z')?.expires).toBe(Date.UTC(2026, 9, 21, 7, 28) / 1000);
  });
  it('SameSite value spaces are dropped, case ignored', () => {
    expect(parse('a=1; SameSite= Lax ')?.sameSite).toBe('lax');
    expect(parse('a=1; samesite=NONE')?.sameSite).toBe('none');
  });
  it('the name is what precedes the first "=", trimmed; the request host is lower case', () => {
    expect(parse('  my cookie =v', 'https://APP.Example.com/')).toMatchObject({ name: 'my cookie', domain: 'app.example.com' });
  });
});

describe('cookieFix: variants', () => {
  it('passes summary and steps through; every variant has real steps and an https link', () => {
    const fix = cookieFix('Set the flags on the session cookie.', ['Open your session settings.', 'Turn on Secure.']);
    expect(fix.summary).toBe('Set the flags on the session cookie.');
    expect(fix.steps).toEqual(['Open your session settings.', 'Turn on Secure.']);
    expect(fix.docs).toBe('https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/Cookies#security');
    for (const v of Object.values(fix.platforms ?? {})) {
      expect(v.steps.length).toBeGreaterThan(1);
      for (const step of v.steps) expect(step.trim().length).toBeGreaterThan(5);
      expect(v.docs).toMatch(/^https:\/\//);
    }
    expect(Object.keys(fix.platforms ?? {})).toEqual(['server', 'bubble']);
    expect(fix.platforms?.server?.snippet?.code).toContain("name: '__Host-session'");
    expect(fix.platforms?.bubble?.steps[0]).toContain('_u2main');
    expect(fix.snippet?.language).toBe('http');
    expect(fix.platforms?.server?.snippet?.language).toBe('js');
    expect(fix.platforms?.server?.docs).toBe('https://expressjs.com/en/advanced/best-practice-security.html#use-cookies-securely');
    expect(fix.platforms?.bubble?.docs).toBe('https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/Cookies#security');
  });
});

// Cases from the fourth parsers run (docs/mutation.md, "Fourth run"): each kills a mutant that survived it.
describe('cookies: cases from the fourth mutation run', () => {
  it('a Domain attribute without "=" has an empty value and is ignored (RFC 6265bis §5.6: the cookie stays host-only)', () => {
    expect(parse('a=1; Domain')).toMatchObject({ domain: 'app.example.com', hostOnly: true });
    expect(parse('a=1; Domain; Secure')).toMatchObject({ domain: 'app.example.com', hostOnly: true, secure: true });
  });

  it('"sid" marks a session only at the start or the end of a name, not in the middle', () => {
    expect(isSessionLike({ name: 'x_sid_2' })).toBe(false);
    expect(isSessionLike({ name: 'sid_2' })).toBe(true);
  });
});
