import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import { resolveGuide } from '@/engine/fix';
import rule from '@/rules/transport/http-redirect-missing';
import type { EvidenceInput } from '@/utils/evidence/evidence';
import { evidence } from '../../helpers/evidence';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

const HTTP = 'http://app.example.com/';
type Redirect = EvidenceInput['redirect'];
const checked = (hops: { url: string; status: number; location?: string }[], finalUrl: string): Redirect => ({
  status: 'checked',
  httpUrl: HTTP,
  finalUrl,
  hops,
});
const GOOD = checked(
  [
    { url: HTTP, status: 301, location: 'https://app.example.com/' },
    { url: 'https://app.example.com/', status: 200 },
  ],
  'https://app.example.com/',
);

describeRule(rule, {
  flagged: [
    // Issue 9, defect 2: on a preloaded host (*.web.app under .app) browsers never send the plain-HTTP request.
    {
      name: 'no redirect on a preloaded host: info, with why',
      evidence: evidence({
        url: 'https://poll.web.app/',
        redirect: {
          status: 'checked',
          httpUrl: 'http://poll.web.app/',
          finalUrl: 'http://poll.web.app/',
          hops: [{ url: 'http://poll.web.app/', status: 200 }],
        },
      }),
      messages: ['noRedirectPreloaded'],
      severity: 'info',
      check: ([f]) => expect(f!.message).toContain('HSTS preload list'),
    },
    // Issue 9, defect 3: the browser's own HSTS upgrade was recorded as a server redirect, i.e. a pass.
    {
      name: 'the browser upgraded http:// itself (HSTS): not checked from this browser, with how to check',
      evidence: evidence({
        redirect: {
          status: 'checked',
          httpUrl: HTTP,
          finalUrl: 'https://app.example.com/',
          hops: [{ url: HTTP, status: 307, location: 'https://app.example.com/' }],
          browserUpgrade: 'hsts',
        },
      }),
      messages: ['notChecked'],
      severity: 'info',
      check: ([f]) => {
        expect(f!.message).toMatch(/^Not checked from this browser/);
        expect(f!.message).toContain('curl -sI http://app.example.com/');
      },
    },
    {
      name: 'http:// answers 200 without redirecting',
      evidence: evidence({ redirect: checked([{ url: HTTP, status: 200 }], HTTP) }),
      messages: ['noRedirect'],
      check: ([f]) => {
        expect(f!.message).toContain('http://app.example.com/');
        expect(f!.evidence).toContain('200 http://app.example.com/');
      },
    },
    {
      name: 'redirects, but only to another http:// page',
      evidence: evidence({
        redirect: checked(
          [
            { url: HTTP, status: 301, location: 'http://app.example.com/home' },
            { url: 'http://app.example.com/home', status: 200 },
          ],
          'http://app.example.com/home',
        ),
      }),
      messages: ['noRedirect'],
    },
    {
      name: 'first hop leaves the host before reaching HTTPS',
      evidence: evidence({
        redirect: checked(
          [
            { url: HTTP, status: 302, location: 'https://sso.example.net/?next=app' },
            { url: 'https://sso.example.net/?next=app', status: 302, location: 'https://app.example.com/' },
          ],
          'https://app.example.com/',
        ),
      }),
      messages: ['offsite'],
      check: ([f]) => expect(f!.message).toContain('https://sso.example.net/'),
    },
    {
      name: 'first hop stays on plain HTTP (relative Location) before a later hop upgrades',
      evidence: evidence({
        redirect: checked(
          [
            { url: HTTP, status: 301, location: '/index' },
            { url: 'http://app.example.com/index', status: 301, location: 'https://app.example.com/index' },
          ],
          'https://app.example.com/index',
        ),
      }),
      messages: ['offsite'],
    },
    {
      name: 'first hop goes to https on another subdomain (www)',
      evidence: evidence({ redirect: checked([{ url: HTTP, status: 301, location: 'https://www.app.example.com/' }], 'https://www.app.example.com/') }),
      messages: ['offsite'],
    },
    {
      name: 'plain HTTP could not be fetched',
      evidence: evidence({ redirect: { status: 'failed', httpUrl: HTTP, reason: 'connection refused' } }),
      messages: ['failed'],
      check: ([f]) => expect(f!.message).toContain('connection refused'),
    },
    {
      name: 'a redirect loop cut at 30 hops that never leaves http://',
      evidence: evidence({
        redirect: checked(
          Array.from({ length: 40 }, (_, i) => ({ url: `${HTTP}${i}`, status: 302, location: `${HTTP}${i + 1}` })),
          `${HTTP}40`,
        ),
      }),
      messages: ['noRedirect'],
    },
  ],
  clean: [
    {
      name: 'a server 307 without the browser marker is judged like any redirect',
      evidence: evidence({ redirect: checked([{ url: HTTP, status: 307, location: 'https://app.example.com/' }], 'https://app.example.com/') }),
    },
    { name: '301 to the same address on https', evidence: evidence({ redirect: GOOD }) },
    {
      name: '308 keeping the path',
      evidence: evidence({
        redirect: checked([{ url: `${HTTP}a?b=1`, status: 308, location: 'https://app.example.com/a?b=1' }], 'https://app.example.com/a?b=1'),
      }),
    },
    {
      name: 'Location in upper case (scheme and host are case-insensitive)',
      evidence: evidence({ redirect: checked([{ url: HTTP, status: 301, location: 'HTTPS://APP.EXAMPLE.COM/' }], 'https://app.example.com/') }),
    },
    {
      name: 'explicit :443 on the https hop',
      evidence: evidence({ redirect: checked([{ url: HTTP, status: 301, location: 'https://app.example.com:443/' }], 'https://app.example.com/') }),
    },
    {
      name: 'redirect not checked (quick audit): the rule is skipped, not guessed',
      evidence: evidence({ redirect: { status: 'not-checked', reason: 'no host access' } }),
    },
  ],
  fixed: [
    {
      name: 'turning on "Force HTTPS" (301 to https on the same host)',
      before: evidence({ redirect: checked([{ url: HTTP, status: 200 }], HTTP) }),
      after: evidence({ redirect: GOOD }),
    },
  ],
});

// Found by mutation testing (docs/mutation.md): every message in full, evidence (the hop chain), location, identity,
// severities; no hops; the guide's host variants.
describe('http-redirect-missing, cases from mutation testing', () => {
  const one = (redirect: Redirect, url?: string) => {
    const ev = evidence({ redirect, ...(url ? { url } : {}) });
    const [f, ...rest] = findingsOf(rule, ev);
    expect(rest).toEqual([]);
    return { f: f!, ev };
  };
  const loc = { kind: 'redirect', url: HTTP };
  it('noRedirect: message, evidence (each hop, with and without Location), location, identity', () => {
    const { f, ev } = one(
      checked(
        [
          { url: HTTP, status: 301, location: 'http://app.example.com/home' },
          { url: 'http://app.example.com/home', status: 200 },
        ],
        'http://app.example.com/home',
      ),
    );
    expect(f.message).toBe('http://app.example.com/ answered without sending the visitor to HTTPS (final address http://app.example.com/home).');
    expect(f.severity).toBe('medium');
    expect(f.evidence).toBe('301 http://app.example.com/ → http://app.example.com/home\n200 http://app.example.com/home');
    expect(f.location).toEqual(loc);
    expect(f.fingerprint).toBe(fingerprint(rule.meta.id, ev.origin, 'none'));
  });
  it('no hops recorded: the final address is the evidence', () => {
    expect(one(checked([], HTTP)).f.evidence).toBe(HTTP);
  });
  it('noRedirectPreloaded: message in full', () => {
    const http = 'http://poll.web.app/';
    const { f } = one({ status: 'checked', httpUrl: http, finalUrl: http, hops: [{ url: http, status: 200 }] }, 'https://poll.web.app/');
    expect(f.message).toBe(
      "http://poll.web.app/ answered without sending the visitor to HTTPS (final address http://poll.web.app/), but poll.web.app is covered by the browsers' HSTS preload list (every .app name, includeSubDomains), so browsers never load it over plain HTTP, whatever this header says; nothing to fix for visitors, worth setting only for other clients.",
    );
    expect(f.evidence).toBe('200 http://poll.web.app/');
  });
  it('offsite: message, evidence, location, identity', () => {
    const { f, ev } = one(
      checked(
        [
          { url: HTTP, status: 302, location: 'https://sso.example.net/?next=app' },
          { url: 'https://sso.example.net/?next=app', status: 302, location: 'https://app.example.com/' },
        ],
        'https://app.example.com/',
      ),
    );
    expect(f.message).toBe(
      'http://app.example.com/ first redirects to https://sso.example.net/?next=app, not to https://app.example.com/ — the first hop should stay on the same host.',
    );
    expect(f.severity).toBe('medium');
    expect(f.evidence).toBe(
      '302 http://app.example.com/ → https://sso.example.net/?next=app\n302 https://sso.example.net/?next=app → https://app.example.com/',
    );
    expect(f.location).toEqual(loc);
    expect(f.fingerprint).toBe(fingerprint(rule.meta.id, ev.origin, 'offsite'));
    expect(one(checked([{ url: HTTP, status: 301, location: '/index' }], 'https://app.example.com/index')).f.message).toContain(
      'first redirects to http://app.example.com/index, not',
    );
  });
  it('final https with no hops, or a first hop without Location: nothing', () => {
    expect(findingsOf(rule, evidence({ redirect: checked([], 'https://app.example.com/') }))).toEqual([]);
    expect(findingsOf(rule, evidence({ redirect: checked([{ url: HTTP, status: 200 }], 'https://app.example.com/') }))).toEqual([]);
  });
  it('failed: message, evidence, location, identity', () => {
    const { f, ev } = one({ status: 'failed', httpUrl: HTTP, reason: 'connection refused' });
    expect(f.message).toBe('Plain HTTP could not be checked cleanly: connection refused.');
    expect(f.severity).toBe('medium');
    expect(f.evidence).toBe('connection refused');
    expect(f.location).toEqual(loc);
    expect(f.fingerprint).toBe(fingerprint(rule.meta.id, ev.origin, 'failed'));
  });
  it('notChecked: message, evidence (the first hop, or the final address), location, identity', () => {
    const { f, ev } = one({
      status: 'checked',
      httpUrl: HTTP,
      finalUrl: 'https://app.example.com/x',
      hops: [{ url: HTTP, status: 307, location: 'https://app.example.com/' }],
      browserUpgrade: 'hsts',
    });
    expect(f.message).toBe(
      'Not checked from this browser: it already treats app.example.com as HTTPS-only (an HSTS header it stored, or the preload list) and upgraded http://app.example.com/ to https:// itself (an internal 307, "Non-Authoritative-Reason: HSTS"), so the server was never asked over plain HTTP. To check what first-time visitors and other clients get, run `curl -sI http://app.example.com/` and look for a 301 or 308 to https://app.example.com/.',
    );
    expect(f.evidence).toBe('307 http://app.example.com/ → https://app.example.com/ (made by the browser: Non-Authoritative-Reason: HSTS)');
    expect(f.location).toEqual(loc);
    expect(f.fingerprint).toBe(fingerprint(rule.meta.id, ev.origin, 'browser-upgrade'));
    const noHop = one({ status: 'checked', httpUrl: HTTP, finalUrl: 'https://app.example.com/x', hops: [], browserUpgrade: 'hsts' }).f;
    expect(noHop.evidence).toBe('307 http://app.example.com/ → https://app.example.com/x (made by the browser: Non-Authoritative-Reason: HSTS)');
  });
  it('the guide: Netlify, Cloudflare and server variants', () => {
    const netlify = resolveGuide(rule.meta.fix, ['netlify'], {}).primary;
    expect(netlify.docs).toBe('https://docs.netlify.com/manage/domains/secure-domains-with-https/https-ssl/');
    const cf = resolveGuide(rule.meta.fix, ['cloudflare'], {}).primary;
    expect(cf.deepLink).toBe('https://dash.cloudflare.com/?to=/:account/:zone/ssl-tls/edge-certificates');
    expect(cf.docs).toBe('https://developers.cloudflare.com/ssl/edge-certificates/additional-options/always-use-https/');
    const server = resolveGuide(rule.meta.fix, ['server'], {}).primary;
    expect(server.snippet?.language).toBe('nginx');
    expect(server.snippet?.code).toContain('return 301 https://$host$request_uri;');
    expect(server.docs).toBe('https://nginx.org/en/docs/http/ngx_http_rewrite_module.html#return');
    expect(resolveGuide(rule.meta.fix, [], {}).primary.docs).toBe(
      'https://developer.mozilla.org/en-US/docs/Web/Security/Practical_implementation_guides/TLS#http_redirections',
    );
  });
});
