import { describe, expect, it } from 'vitest';
import { cookieFix, describeCookie, isSessionLike, mergedCookies, parseSetCookie } from '@/utils/http/cookies';
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
