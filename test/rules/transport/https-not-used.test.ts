import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import { resolveGuide } from '@/engine/fix';
import rule from '@/rules/transport/https-not-used';
import { evidence } from '../../helpers/evidence';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

const HTTP = 'http://app.example.com/';

describeRule(rule, {
  flagged: [
    { name: 'page loaded over http://', evidence: evidence({ url: HTTP }), messages: ['http'], severity: 'high' },
    { name: 'scheme in upper case is still plain HTTP', evidence: evidence({ url: 'HTTP://APP.EXAMPLE.COM/' }), messages: ['http'] },
    { name: 'plain HTTP on a non-default port', evidence: evidence({ url: 'http://app.example.com:8080/login' }), messages: ['http'] },
    {
      name: 'runs without a page snapshot or redirect check (reads only the address)',
      evidence: evidence({ url: HTTP, page: null }),
      messages: ['http'],
    },
    {
      name: 'a page that claims HTTPS (upgrade-insecure-requests meta, https links) is still served over HTTP',
      evidence: evidence({
        url: HTTP,
        headers: [['Strict-Transport-Security', 'max-age=31536000']],
        page: { meta: [{ httpEquiv: 'Content-Security-Policy', content: 'upgrade-insecure-requests' }] },
      }),
      messages: ['http'],
    },
  ],
  clean: [
    { name: 'page served over https://', evidence: evidence() },
    { name: 'https scheme in upper case', evidence: evidence({ url: 'HTTPS://APP.EXAMPLE.COM/' }) },
    {
      name: 'https page whose http:// address does not redirect (http-redirect-missing reports that)',
      evidence: evidence({ redirect: { status: 'checked', httpUrl: HTTP, finalUrl: HTTP, hops: [{ url: HTTP, status: 200 }] } }),
    },
    {
      name: 'https page that loads some http:// content (mixed-content reports that)',
      evidence: evidence({ page: { mixedContent: [{ tag: 'img', url: 'http://cdn.example.net/a.png' }] } }),
    },
  ],
  fixed: [{ name: 'serving the same app over HTTPS', before: evidence({ url: HTTP }), after: evidence({ url: 'https://app.example.com/' }) }],
});

// Found by mutation testing (docs/mutation.md): the message in full, evidence, location, identity; the guide's
// host variants.
describe('https-not-used, cases from mutation testing', () => {
  it('message, evidence, location, identity', () => {
    const ev = evidence({ url: 'http://app.example.com:8080/login' });
    const [f, ...rest] = findingsOf(rule, ev);
    expect(rest).toEqual([]);
    expect(f!.message).toBe('The page was loaded over http:// — traffic and cookies travel unencrypted.');
    expect(f!.evidence).toBe('http://app.example.com:8080/login');
    expect(f!.location).toEqual({ kind: 'page', url: 'http://app.example.com:8080/login' });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, ev.origin, 'http'));
  });
  it('the guide: Bubble, Netlify, Vercel and Cloudflare variants', () => {
    const bubble = resolveGuide(rule.meta.fix, ['bubble'], { app: 'tinypoll' }).primary;
    expect(bubble.deepLink).toBe('https://bubble.io/page?id=tinypoll&tab=Settings&subtab=Domain+%2F+email');
    expect(bubble.docs).toBe('https://manual.bubble.io/core-resources/bubbles-interface/settings-tab');
    expect(resolveGuide(rule.meta.fix, ['netlify'], {}).primary.docs).toBe('https://docs.netlify.com/manage/domains/secure-domains-with-https/https-ssl/');
    expect(resolveGuide(rule.meta.fix, ['vercel'], {}).primary.docs).toBe('https://vercel.com/docs/domains');
    const cf = resolveGuide(rule.meta.fix, ['cloudflare'], {}).primary;
    expect(cf.deepLink).toBe('https://dash.cloudflare.com/?to=/:account/:zone/ssl-tls/edge-certificates');
    expect(cf.docs).toBe('https://developers.cloudflare.com/ssl/edge-certificates/additional-options/always-use-https/');
    expect(resolveGuide(rule.meta.fix, [], {}).primary.docs).toBe('https://developer.mozilla.org/en-US/docs/Web/Security/Practical_implementation_guides/TLS');
  });
});
