import rule from '@/rules/transport/https-not-used';
import { evidence } from '../../helpers/evidence';
import { describeRule } from '../../helpers/rule-cases';

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
