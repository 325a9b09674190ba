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
    { name: 'integrity with no usable hash (browsers then skip the check)', evidence: scripts({ src: CDN, integrity: 'md5-abc sha1-xyz' }), messages: ['missing'] },
    { name: 'protocol-relative src', evidence: scripts({ src: '//unpkg.com/lib@1/lib.js' }), messages: ['missing'] },
    { name: 'host in upper case', evidence: scripts({ src: 'HTTPS://CDNJS.CLOUDFLARE.COM/ajax/libs/x/1.0/x.js' }), messages: ['missing'] },
    { name: 'one finding per script', evidence: scripts({ src: CDN }, { src: 'https://unpkg.com/a@1/a.js' }), messages: ['missing', 'missing'] },
    { name: 'the same script twice is one finding', evidence: scripts({ src: CDN }, { src: CDN }), messages: ['missing'] },
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
    { name: 'scripts that change by design (analytics, payments)', evidence: scripts({ src: 'https://www.googletagmanager.com/gtag/js?id=G-1' }, { src: 'https://js.stripe.com/v3/' }) },
    { name: 'inline and data: scripts', evidence: scripts({ inlineLength: 120 }, { src: 'data:text/javascript,1' }) },
    { name: 'page not read: skipped', evidence: evidence({ page: null }) },
    { name: 'a first-party subdomain under a country suffix', evidence: evidence({ url: 'https://shop.example.co.uk/', page: { scripts: [{ src: 'https://static.example.co.uk/app.js' }] } }) },
  ],
  fixed: [
    {
      name: 'adding integrity and crossorigin as the fix snippet shows',
      before: scripts({ src: CDN }),
      after: scripts({ src: CDN, integrity: SRI, crossOrigin: 'anonymous' }),
    },
  ],
});
