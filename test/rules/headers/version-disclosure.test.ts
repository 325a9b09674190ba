import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/headers/version-disclosure';
import { PAGE, evidence, subresourcesOnly } from '../../helpers/evidence';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

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

// Found by mutation testing (docs/mutation.md): message, evidence, location, identity in full; every header name
// watched; the version pattern; the value cut at 80; no document response.
describe('version-disclosure, cases from mutation testing', () => {
  it('message, evidence, location, identity in full', () => {
    const [f, ...rest] = findingsOf(rule, evidence({ headers: [['X-Powered-By', 'PHP/8.2.1']] }));
    expect(rest).toEqual([]);
    expect(f!.message).toBe('The X-Powered-By header reveals "PHP/8.2.1".');
    expect(f!.evidence).toBe('X-Powered-By: PHP/8.2.1');
    expect(f!.location).toEqual({ kind: 'header', name: 'X-Powered-By', url: PAGE });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, new URL(PAGE).origin, 'x-powered-by'));
  });
  it('every watched header', () => {
    for (const h of [
      'Server',
      'X-Powered-By',
      'X-AspNet-Version',
      'X-AspNetMvc-Version',
      'X-Generator',
      'X-Runtime-Version',
      'X-Drupal-Cache',
      'X-PHP-Version',
    ]) {
      expect(
        findingsOf(rule, evidence({ headers: [[h, 'v 1.2']] })).map((f) => f.location.name),
        h,
      ).toEqual([h]);
    }
  });
  it('a version needs digits on both sides of a dot', () => {
    const hit = (v: string) => findingsOf(rule, evidence({ headers: [['Server', v]] })).length;
    expect(hit('nginx/1.25')).toBe(1);
    expect(hit('Apache 2.4')).toBe(1);
    expect(hit('nginx/1')).toBe(0);
    expect(hit('nginx/1.x')).toBe(0);
    expect(hit('nginx/.25')).toBe(0);
    expect(hit('nginx 12.345')).toBe(1);
  });
  it('a long value is cut at 80 characters, in the message and the evidence', () => {
    const v = `nginx/1.25 ${'x'.repeat(68)}yz`;
    const [f] = findingsOf(rule, evidence({ headers: [['Server', v]] }));
    expect(f!.message).toBe(`The Server header reveals "${v.slice(0, 80)}".`);
    expect(f!.evidence).toBe(`Server: ${v.slice(0, 80)}…`);
  });
  it('a duplicated header: the first with a version is reported', () => {
    const [f, ...rest] = findingsOf(
      rule,
      evidence({
        headers: [
          ['Server', 'nginx'],
          ['server', 'nginx/1.2'],
          ['Server', 'nginx/9.9'],
        ],
      }),
    );
    expect(rest).toEqual([]);
    expect(f!.message).toBe('The server header reveals "nginx/1.2".');
  });
  it('no document response: nothing to judge', () => expect(findingsOf(rule, { ...evidence(), responses: [] })).toEqual([]));
  it('the server guide variant', () => {
    expect(rule.meta.fix.platforms?.server?.docs).toBe('https://nginx.org/en/docs/http/ngx_http_core_module.html#server_tokens');
  });
});

describe('version-disclosure fix guide, cases from mutation testing', () => {
  it('the snippet turns the banners off, the OWASP page', () => {
    expect(rule.meta.fix.snippet).toEqual({
      language: 'text',
      code: "# nginx\nserver_tokens off;\n# Express\napp.disable('x-powered-by');\n# PHP (php.ini)\nexpose_php = Off",
    });
    expect(rule.meta.fix.docs).toBe('https://owasp.org/www-project-secure-headers/');
  });
});

// From the first Stryker run: a response list with subresources only (no document) is not judged.
describe('version-disclosure, only subresource responses', () => {
  it('no document among the responses: nothing', () => expect(findingsOf(rule, subresourcesOnly(evidence()))).toEqual([]));
});
