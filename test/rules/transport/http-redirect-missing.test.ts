import { expect } from 'vitest';
import rule from '@/rules/transport/http-redirect-missing';
import type { EvidenceInput } from '@/utils/evidence/evidence';
import { evidence } from '../../helpers/evidence';
import { describeRule } from '../../helpers/rule-cases';

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
