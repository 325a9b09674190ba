import { expect } from 'vitest';
import rule from '@/rules/page/sri-missing';
import { evidence } from '../../helpers/evidence';
import { describeRule } from '../../helpers/rule-cases';

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
