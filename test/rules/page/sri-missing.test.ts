import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import { resolveGuide } from '@/engine/fix';
import rule from '@/rules/page/sri-missing';
import { evidence } from '../../helpers/evidence';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

type Script = { src?: string; integrity?: string; crossOrigin?: string; inlineLength?: number };
const scripts = (...list: Script[]) => evidence({ page: { scripts: list } });
const CDN = 'https://cdn.jsdelivr.net/npm/pkg@1.2.3/dist/pkg.min.js';
const SRI = 'sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC';

describeRule(rule, {
  flagged: [
    {
      name: 'CDN script without integrity',
      evidence: scripts({ src: CDN }),
      messages: ['missing'],
      severity: 'medium',
      check: ([f]) => expect(f!.message).toBe(`Script from cdn.jsdelivr.net has no integrity attribute: ${CDN}`),
    },
    { name: 'empty integrity attribute', evidence: scripts({ src: CDN, integrity: '' }), messages: ['missing'] },
    {
      name: 'integrity with no usable hash (browsers then skip the check)',
      evidence: scripts({ src: CDN, integrity: 'md5-abc sha1-xyz' }),
      messages: ['missing'],
    },
    { name: 'protocol-relative src', evidence: scripts({ src: '//unpkg.com/lib@1/lib.js' }), messages: ['missing'] },
    { name: 'host in upper case', evidence: scripts({ src: 'HTTPS://CDNJS.CLOUDFLARE.COM/ajax/libs/x/1.0/x.js' }), messages: ['missing'] },
    { name: 'one finding per script', evidence: scripts({ src: CDN }, { src: 'https://unpkg.com/a@1/a.js' }), messages: ['missing', 'missing'] },
    { name: 'the same script twice is one finding', evidence: scripts({ src: CDN }, { src: CDN }), messages: ['missing'] },
    // Issue 9, defect 4: versioned files on Google's hosts never change, so SRI works on them (all of googleapis.com,
    // gstatic.com and google.com were exempt).
    {
      name: 'versioned jQuery on ajax.googleapis.com',
      evidence: scripts({ src: 'https://ajax.googleapis.com/ajax/libs/jquery/3.7.1/jquery.min.js' }),
      messages: ['missing'],
    },
    {
      name: 'versioned Firebase SDK on www.gstatic.com',
      evidence: scripts({ src: 'https://www.gstatic.com/firebasejs/10.12.2/firebase-app-compat.js' }),
      messages: ['missing'],
    },
    {
      name: 'a versioned file on www.google.com outside reCAPTCHA',
      evidence: scripts({ src: 'https://www.google.com/jsapi/1.0/lib.js' }),
      messages: ['missing'],
    },
    {
      name: 'another app on the same shared hosting domain is a third party',
      evidence: evidence({ url: 'https://my-poll.netlify.app/', page: { scripts: [{ src: 'https://someone-else.netlify.app/lib.js' }] } }),
      messages: ['missing'],
    },
    {
      name: 'another site under a two-label country suffix is a third party',
      evidence: evidence({ url: 'https://shop.example.co.uk/', page: { scripts: [{ src: 'https://cdn.other.co.uk/lib.js' }] } }),
      messages: ['missing'],
    },
  ],
  clean: [
    { name: 'pinned with integrity', evidence: scripts({ src: CDN, integrity: SRI, crossOrigin: 'anonymous' }) },
    { name: 'several hashes, one of them usable', evidence: scripts({ src: CDN, integrity: `md5-abc ${SRI}` }) },
    { name: 'same-origin script', evidence: scripts({ src: 'https://app.example.com/app.js' }) },
    { name: 'relative src', evidence: scripts({ src: '/assets/index-4f3a.js' }) },
    { name: 'first-party subdomain', evidence: scripts({ src: 'https://static.example.com/app.js' }) },
    {
      name: 'scripts that change by design (analytics, payments)',
      evidence: scripts({ src: 'https://www.googletagmanager.com/gtag/js?id=G-1' }, { src: 'https://js.stripe.com/v3/' }),
    },
    {
      name: 'Google loaders that change by design, by path (Maps, reCAPTCHA, Sign in with Google)',
      evidence: scripts(
        { src: 'https://maps.googleapis.com/maps/api/js?key=k&callback=initMap' },
        { src: 'https://www.google.com/recaptcha/api.js' },
        { src: 'https://www.gstatic.com/recaptcha/releases/abc/recaptcha__en.js' },
        { src: 'https://accounts.google.com/gsi/client' },
      ),
    },
    {
      name: "the builders' runtimes (Bubble, Glide)",
      evidence: scripts({ src: 'https://bubble.io/package/run_js/abc/xfalse/x.js' }, { src: 'https://go.glideapps.com/runtime.js' }),
    },
    { name: 'inline and data: scripts', evidence: scripts({ inlineLength: 120 }, { src: 'data:text/javascript,1' }) },
    { name: 'page not read: skipped', evidence: evidence({ page: null }) },
    {
      name: 'a first-party subdomain under a country suffix',
      evidence: evidence({ url: 'https://shop.example.co.uk/', page: { scripts: [{ src: 'https://static.example.co.uk/app.js' }] } }),
    },
  ],
  fixed: [
    {
      name: 'adding integrity and crossorigin as the fix snippet shows',
      before: scripts({ src: CDN }),
      after: scripts({ src: CDN, integrity: SRI, crossOrigin: 'anonymous' }),
    },
  ],
});

// Found by mutation testing (docs/mutation.md): message, evidence, location, identity; the hash algorithms; which
// URLs count (scheme, origin, site, shared hosting suffixes); each "changes by design" entry and a near miss of it.
describe('sri-missing, cases from mutation testing', () => {
  const hits = (src: string, url = 'https://app.example.com/', integrity?: string) =>
    findingsOf(rule, evidence({ url, page: { scripts: [{ src, ...(integrity !== undefined ? { integrity } : {}) }] } })).length;
  it('message, evidence, location, identity in full', () => {
    const ev = scripts({ src: CDN });
    const [f, ...rest] = findingsOf(rule, ev);
    expect(rest).toEqual([]);
    expect(f!.evidence).toBe(`<script src="${CDN}">`);
    expect(f!.location).toEqual({ kind: 'script', url: CDN });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, ev.origin, CDN));
  });
  it('the hash algorithms that count, anywhere in the list, in any case', () => {
    for (const i of ['sha256-abc', 'sha384-abc', 'sha512-abc', 'SHA384-abc', 'md5-x sha512-abc', 'md5-x\tsha256-abc'])
      expect(hits(CDN, undefined, i), i).toBe(0);
    for (const i of ['sha1-abc', 'sha-abc', 'sha2560-abc', 'xsha384-abc', 'sha384abc', 'md5-x,sha384-abc']) expect(hits(CDN, undefined, i), i).toBe(1);
  });
  it('only http(s) scripts from another site', () => {
    expect(hits('http://cdn.other.net/a.js')).toBe(1);
    expect(hits('ftp://cdn.other.net/a.js')).toBe(0);
    expect(hits('httpsx://cdn.other.net/a.js')).toBe(0);
    expect(hits('xhttp://cdn.other.net/a.js')).toBe(0);
    expect(hits('blob:https://app.example.com/1')).toBe(0);
    expect(hits('https://app.example.com:8443/a.js')).toBe(0);
    expect(hits('http://app.example.com/a.js')).toBe(0);
    expect(hits('https://example.com/a.js')).toBe(0);
    expect(hits('https://cdn.example.org/a.js')).toBe(1);
    expect(hits('https://cdn.notexample.com/a.js')).toBe(1);
    expect(hits('https://[::1/a.js')).toBe(0);
  });
  it('shared hosting suffixes: another app is a third party, the same app is not', () => {
    for (const suffix of [
      'netlify.app',
      'vercel.app',
      'pages.dev',
      'workers.dev',
      'web.app',
      'firebaseapp.com',
      'github.io',
      'gitlab.io',
      'herokuapp.com',
      'onrender.com',
      'fly.dev',
      'bubbleapps.io',
      'glide.page',
      'glideapp.io',
      'webflow.io',
      'softr.app',
      'lovable.app',
      'replit.app',
      'azurewebsites.net',
      'appspot.com',
      'co.uk',
      'com.au',
      'net.br',
      'org.nz',
      'gov.uk',
      'edu.au',
      'ac.jp',
      'ne.jp',
      'or.jp',
      'go.jp',
      'co.jp',
    ]) {
      expect(hits(`https://other.${suffix}/a.js`, `https://mine.${suffix}/`), suffix).toBe(1);
      expect(hits(`https://cdn.mine.${suffix}/a.js`, `https://mine.${suffix}/`), suffix).toBe(0);
    }
    expect(hits('https://other.NETLIFY.APP/a.js', 'https://mine.netlify.app/')).toBe(1);
    expect(hits('https://b.mynetlify.app/a.js', 'https://a.mynetlify.app/')).toBe(0);
    expect(hits('https://b.netlify.app.y.evil.net/a.js', 'https://a.x.evil.net/')).toBe(0);
    expect(hits('https://b.co.uk.y.evil.net/a.js', 'https://a.x.evil.net/')).toBe(0);
    expect(hits('https://cdn.co.ukk/a.js', 'https://app.co.ukk/')).toBe(0);
    expect(hits('https://cdn.co.u1/a.js', 'https://app.co.u1/')).toBe(0);
  });
  it('each script that changes by design is exempt; a look-alike host or path is not', () => {
    const exempt = [
      'https://www.googletagmanager.com/gtag/js?id=G-1',
      'https://googletagmanager.com/gtm.js',
      'https://www.google-analytics.com/analytics.js',
      'https://google-analytics.com/analytics.js',
      'https://www.google.com/recaptcha/api.js',
      'https://google.com/recaptcha/api.js',
      'https://www.google.com/js/th/abc.js',
      'https://www.gstatic.com/recaptcha/releases/a/recaptcha__en.js',
      'https://www.recaptcha.net/recaptcha/api.js',
      'https://recaptcha.net/recaptcha/api.js',
      'https://maps.googleapis.com/maps/api/js?key=k',
      'https://apis.google.com/js/platform.js',
      'https://accounts.google.com/gsi/client',
      'https://js.stripe.com/v3/',
      'https://stripe.com/v3/',
      'https://www.paypal.com/sdk/js',
      'https://www.paypalobjects.com/api/checkout.js',
      'https://paypal.com/sdk/js',
      'https://js.hcaptcha.com/1/api.js',
      'https://hcaptcha.com/1/api.js',
      'https://challenges.cloudflare.com/turnstile/v0/api.js',
      'https://widget.intercom.io/widget/abc',
      'https://js.intercomcdn.com/frame.js',
      'https://static.hotjar.com/c/hotjar-1.js',
      'https://connect.facebook.net/en_US/fbevents.js',
      'https://www.clarity.ms/tag/abc',
      'https://cdn.segment.com/analytics.js/v1/k/analytics.min.js',
      'https://cdn.segment.io/analytics.js',
      'https://static.cloudflareinsights.com/beacon.min.js',
      'https://bubble.io/package/run_js/x.js',
      'https://go.glideapps.com/runtime.js',
      'https://WWW.GOOGLETAGMANAGER.COM/gtm.js',
    ];
    for (const src of exempt) expect(hits(src), src).toBe(0);
    const lookalikes = [
      'https://evilgoogletagmanager.com/gtm.js',
      'https://www.googletagmanager.com.evil.net/gtm.js',
      'https://evilgoogle-analytics.com/a.js',
      'https://google-analytics.com.evil.net/a.js',
      'https://www.google.com/x/recaptcha/api.js',
      'https://www.google.com/recaptchax/api.js',
      'https://www.google.com/js/thx/a.js',
      'https://evilgoogle.com/recaptcha/api.js',
      'https://www.google.com.evil.net/recaptcha/api.js',
      'https://mail.google.com/recaptcha/api.js',
      'https://wwwxgoogle.com/recaptcha/api.js',
      'https://www.gstatic.com/x/recaptcha/a.js',
      'https://xwww.gstatic.com/recaptcha/a.js',
      'https://www.gstatic.com.evil.net/recaptcha/a.js',
      'https://evilrecaptcha.net/api.js',
      'https://recaptcha.net.evil.org/api.js',
      'https://maps.googleapis.com/x/maps/api/js',
      'https://xmaps.googleapis.com/maps/api/js',
      'https://maps.googleapis.com.evil.net/maps/api/js',
      'https://apis.google.com/x/js/a.js',
      'https://xapis.google.com/js/a.js',
      'https://apis.google.com.evil.net/js/a.js',
      'https://accounts.google.com/x/gsi/client',
      'https://xaccounts.google.com/gsi/client',
      'https://accounts.google.com.evil.net/gsi/client',
      'https://evilstripe.com/v3/',
      'https://js.stripe.com.evil.net/v3/',
      'https://evilpaypal.com/sdk/js',
      'https://paypal.com.evil.net/sdk/js',
      'https://evilpaypalobjects.com/api.js',
      'https://evilhcaptcha.com/1/api.js',
      'https://hcaptcha.com.evil.net/1/api.js',
      'https://xchallenges.cloudflare.com/turnstile.js',
      'https://challenges.cloudflare.com.evil.net/turnstile.js',
      'https://evilintercom.io/widget.js',
      'https://intercom.io.evil.net/widget.js',
      'https://evilintercomcdn.com/frame.js',
      'https://evilhotjar.com/c.js',
      'https://hotjar.com.evil.net/c.js',
      'https://evilfacebook.net/fbevents.js',
      'https://facebook.net.evil.org/fbevents.js',
      'https://evilclarity.ms/tag/abc',
      'https://clarity.ms.evil.net/tag/abc',
      'https://evilsegment.com/a.js',
      'https://segment.com.evil.net/a.js',
      'https://cdn.segment.org/a.js',
      'https://evilcloudflareinsights.com/beacon.js',
      'https://cloudflareinsights.com.evil.net/beacon.js',
      'https://evilbubble.io/run.js',
      'https://bubble.io.evil.net/run.js',
      'https://evilglideapps.com/runtime.js',
      'https://glideapps.com.evil.net/runtime.js',
    ];
    for (const src of lookalikes) expect(hits(src), src).toBe(1);
  });
  it('the guide: the html snippet and the Bubble variant', () => {
    expect(rule.meta.fix.snippet?.language).toBe('html');
    expect(resolveGuide(rule.meta.fix, ['bubble'], {}).primary.docs).toBe('https://manual.bubble.io/help-guides/maintaining-an-application/seo/seo-app');
  });
});

describe('sri-missing fix guide, cases from mutation testing', () => {
  it('the snippet pins a CDN file, the MDN page', () => {
    expect(rule.meta.fix.snippet?.code).toBe(
      '<script src="https://cdn.jsdelivr.net/npm/pkg@1.2.3/dist/pkg.min.js"\n        integrity="sha384-…" crossorigin="anonymous"></script>',
    );
    expect(rule.meta.fix.docs).toBe('https://developer.mozilla.org/en-US/docs/Web/Security/Subresource_Integrity');
  });
});

// From the first Stryker run: the bare domains of the exempt hosts, and a look-alike registrable domain.
describe('sri-missing, bare domains', () => {
  const hits = (src: string) => findingsOf(rule, evidence({ page: { scripts: [{ src }] } })).length;
  it('the exempt hosts without a subdomain', () => {
    for (const src of [
      'https://intercom.io/w.js',
      'https://intercomcdn.com/f.js',
      'https://hotjar.com/c.js',
      'https://facebook.net/e.js',
      'https://clarity.ms/tag/a',
      'https://segment.com/a.js',
      'https://cloudflareinsights.com/b.js',
      'https://glideapps.com/r.js',
      'https://bubble.io/r.js',
    ])
      expect(hits(src), src).toBe(0);
  });
  it('a host whose labels only spell the page’s domain without dots is another site', () => expect(hits('https://cdn.exampl.ecom/a.js')).toBe(1));
});
