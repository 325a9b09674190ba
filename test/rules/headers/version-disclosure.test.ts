import { expect } from 'vitest';
import rule from '@/rules/headers/version-disclosure';
import { evidence } from '../../helpers/evidence';
import { describeRule } from '../../helpers/rule-cases';

describeRule(rule, {
  flagged: [
    {
      name: 'Server with a version',
      evidence: evidence({ headers: [['Server', 'nginx/1.25.3']] }),
      messages: ['disclosed'],
      severity: 'low',
      check: ([f]) => expect(f!.message).toBe('The Server header reveals "nginx/1.25.3".'),
    },
    { name: 'X-Powered-By with a version', evidence: evidence({ headers: [['X-Powered-By', 'PHP/8.2.1']] }), messages: ['disclosed'] },
    { name: 'ASP.NET version header', evidence: evidence({ headers: [['X-AspNet-Version', '4.0.30319']] }), messages: ['disclosed'] },
    {
      name: 'one finding per disclosing header',
      evidence: evidence({
        headers: [
          ['Server', 'Apache/2.4.58 (Unix)'],
          ['X-Powered-By', 'PHP/8.3.0'],
        ],
      }),
      messages: ['disclosed', 'disclosed'],
    },
    {
      name: 'header name in odd case is reported as sent',
      evidence: evidence({ headers: [['SERVER', 'Microsoft-IIS/10.0']] }),
      messages: ['disclosed'],
      check: ([f]) => expect(f!.location.name).toBe('SERVER'),
    },
    {
      name: 'duplicated headers give one finding',
      evidence: evidence({
        headers: [
          ['Server', 'nginx/1.25.3'],
          ['server', 'nginx/1.25.3'],
        ],
      }),
      messages: ['disclosed'],
    },
    {
      name: '100 KB value is cut in message and evidence',
      evidence: evidence({ headers: [['X-Powered-By', `Express 4.18 ${'x'.repeat(100_000)}`]] }),
      messages: ['disclosed'],
      check: ([f]) => {
        expect(f!.message.length).toBeLessThan(150);
        expect(f!.evidence.length).toBeLessThan(150);
      },
    },
  ],
  clean: [
    { name: 'product without a version', evidence: evidence({ headers: [['Server', 'nginx']] }) },
    {
      name: 'CDN product names',
      evidence: evidence({
        headers: [
          ['Server', 'cloudflare'],
          ['Server', 'Vercel'],
        ],
      }),
    },
    { name: 'framework name without a version', evidence: evidence({ headers: [['X-Powered-By', 'Next.js']] }) },
    {
      name: 'numbers in headers that do not name software',
      evidence: evidence({
        headers: [
          ['X-Request-Id', '1.2.3'],
          ['Server-Timing', 'db;dur=53.2'],
          ['X-Runtime', '0.012'],
        ],
      }),
    },
    {
      name: 'versions on a third-party subresource are not the page',
      evidence: evidence({
        responses: [{ url: 'https://cdn.example.net/a.js', status: 200, type: 'script', headers: [['Server', 'nginx/1.18.0']], source: 'webRequest' }],
      }),
    },
  ],
  fixed: [
    {
      name: 'turning version banners off (server_tokens off leaves the product name only)',
      before: evidence({
        headers: [
          ['Server', 'nginx/1.25.3'],
          ['X-Powered-By', 'Express 4.18.2'],
        ],
      }),
      after: evidence({ headers: [['Server', 'nginx']] }),
    },
  ],
});
