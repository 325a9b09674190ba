import { describe, expect, it } from 'vitest';
import { HSTS_PRELOAD, hstsPreloadEntry, PRELOADED_PLATFORM_SUFFIXES } from '@/utils/http/hsts-preload';
import { isBrowserHstsUpgrade } from '@/utils/http/hsts';

describe('hstsPreloadEntry (extract of Chromium transport_security_state_static.json)', () => {
  it('covers every app on the platform suffixes our users deploy to', () => {
    for (const suffix of PRELOADED_PLATFORM_SUFFIXES) expect(hstsPreloadEntry(`my-app.${suffix}`), suffix).toBeDefined();
  });

  it('whole TLDs cover themselves and every subdomain, in any case, with a trailing dot', () => {
    expect(hstsPreloadEntry('app')?.name).toBe('app');
    expect(hstsPreloadEntry('A.B.Example.DEV.')?.name).toBe('dev');
    expect(hstsPreloadEntry('poll.glide.page')?.name).toBe('page');
  });

  it('preloaded public suffixes cover their subdomains', () => expect(hstsPreloadEntry('x.now.sh')?.name).toBe('now.sh'));

  it('does not match look-alikes or hosts outside the extract', () => {
    for (const host of ['app.example.com', 'example.apps', 'myapp', 'poll.bubbleapps.io', 'poll.webflow.io', 'devsite.com', 'notnow.sh']) {
      expect(hstsPreloadEntry(host), host).toBeUndefined();
    }
  });

  it('names are unique and lower-case', () => {
    const names = HSTS_PRELOAD.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toBe(n.toLowerCase());
  });
});

describe('isBrowserHstsUpgrade (Chromium internal redirect)', () => {
  const hsts = [
    { name: 'Non-Authoritative-Reason', value: 'HSTS' },
    { name: 'Location', value: 'https://a.example/' },
  ];
  it('a 307 marked Non-Authoritative-Reason: HSTS is the browser’s own upgrade', () => {
    expect(isBrowserHstsUpgrade({ statusCode: 307, statusLine: 'HTTP/1.1 307 Internal Redirect', responseHeaders: hsts })).toBe(true);
    expect(isBrowserHstsUpgrade({ statusCode: 307, responseHeaders: [{ name: 'non-authoritative-reason', value: ' hsts ' }] })).toBe(true);
  });
  it('Firefox’s internal upgrade (no response: status 0) is the browser’s own too', () => {
    expect(isBrowserHstsUpgrade({ statusCode: 0 })).toBe(true);
  });
  it('a server redirect is not', () => {
    expect(isBrowserHstsUpgrade({ statusCode: 301, responseHeaders: hsts })).toBe(false);
    expect(isBrowserHstsUpgrade({ statusCode: 307, responseHeaders: [{ name: 'Location', value: 'https://a.example/' }] })).toBe(false);
    expect(isBrowserHstsUpgrade({ statusCode: 307 })).toBe(false);
    expect(isBrowserHstsUpgrade({ statusCode: 307, responseHeaders: [{ name: 'Non-Authoritative-Reason', value: 'Delegate' }] })).toBe(false);
    expect(isBrowserHstsUpgrade({ statusCode: 307, responseHeaders: [{ name: 'Non-Authoritative-Reason' }] })).toBe(false);
    expect(isBrowserHstsUpgrade({ statusCode: 307, responseHeaders: [{ name: 'X-Reason', value: 'HSTS' }] })).toBe(false);
    expect(isBrowserHstsUpgrade({ statusCode: 200, responseHeaders: hsts })).toBe(false);
  });
});

// Cases from mutation testing (docs/mutation.md, "Parsers target"): every name the extract was read with (Chromium's
// transport_security_state_static.json, public-suffix entries with force-https and include_subdomains; see the header
// of utils/http/hsts-preload.ts), each with the copy of the list it came from.
describe('hstsPreloadEntry: the names of the extract', () => {
  const official = [
    'android',
    'app',
    'bank',
    'chrome',
    'dev',
    'foo',
    'gle',
    'gmail',
    'google',
    'hangout',
    'insurance',
    'meet',
    'new',
    'page',
    'play',
    'search',
    'youtube',
    'bmoattachments.org',
    'now.sh',
    'cnpy.gdn',
    'gentapps.com',
  ];
  const newer = [
    'esq',
    'fly',
    'rsvp',
    'eat',
    'nexus',
    'ing',
    'meme',
    'phd',
    'prof',
    'boo',
    'dad',
    'day',
    'channel',
    'hotmail',
    'mov',
    'zip',
    'windows',
    'skype',
    'azure',
    'office',
    'bing',
    'xbox',
    'microsoft',
  ];
  it.each(official)('%s and its subdomains, from the official mirror', (name) => {
    expect(hstsPreloadEntry(name)).toEqual({ name, source: 'chromium@007cea81' });
    expect(hstsPreloadEntry(`www.example.${name}`)).toEqual({ name, source: 'chromium@007cea81' });
  });
  it.each(newer)('%s and its subdomains, from the newer copy', (name) => {
    expect(hstsPreloadEntry(`a.${name}`)).toEqual({ name, source: 'chromium-main-copy@01531fbb' });
  });
  it('holds exactly those names', () => expect(HSTS_PRELOAD.map((e) => e.name).sort()).toEqual([...official, ...newer].sort()));
  it('a suffix entry does not cover its parent: org, sh and com are not preloaded', () => {
    for (const host of ['bmoattachments.org', 'now.sh', 'gentapps.com'].map((n) => n.split('.').slice(1).join('.'))) {
      expect(hstsPreloadEntry(`example.${host}`), host).toBeUndefined();
    }
  });
  it('the empty name and a lone dot match nothing', () => {
    expect(hstsPreloadEntry('')).toBeUndefined();
    expect(hstsPreloadEntry('.')).toBeUndefined();
  });
});
