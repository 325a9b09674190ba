import { expect } from 'vitest';
import rule from '@/rules/cors/cors-wildcard-credentialed';
import type { z } from 'zod';
import type { HttpResponseSchema } from '@/utils/evidence/evidence';
import { evidence } from '../../helpers/evidence';
import { describeRule } from '../../helpers/rule-cases';

type Response = z.input<typeof HttpResponseSchema>;
const API = 'https://api.example.com';
const call = (url: string, headers: [string, string][], extra: Partial<Response> = {}): Response => ({
  url,
  status: 200,
  type: 'fetch',
  headers,
  source: 'webRequest',
  ...extra,
});
const STAR: [string, string] = ['Access-Control-Allow-Origin', '*'];

describeRule(rule, {
  flagged: [
    {
      name: 'wildcard on a request that carried cookies',
      evidence: evidence({ responses: [call(`${API}/me`, [STAR], { requestCredentialed: true })] }),
      messages: ['wildcard'],
      // Issue 9: browsers refuse `*` with credentials (Fetch), so this cannot be exploited: info; was medium.
      severity: 'info',
      check: ([f]) => {
        expect(f!.message).toMatch(
          /^https:\/\/api\.example\.com answers `Access-Control-Allow-Origin: \*` to 1 request\(s\) that carried credentials or set cookies\. Browsers refuse/,
        );
        expect(f!.message).toContain('never echo whatever Origin arrives');
        expect(f!.location).toEqual({ kind: 'request', url: `${API}/me`, name: 'Access-Control-Allow-Origin' });
        // Without Allow-Credentials the evidence names only the wildcard and the URL.
        expect(f!.evidence).toBe(`Access-Control-Allow-Origin: *\n${API}/me`);
      },
    },
    {
      name: 'wildcard with Allow-Credentials: true',
      evidence: evidence({ responses: [call(`${API}/me`, [STAR, ['Access-Control-Allow-Credentials', 'true']])] }),
      messages: ['wildcard'],
      check: ([f]) => {
        expect(f!.message).toContain('together with Access-Control-Allow-Credentials: true');
        expect(f!.evidence).toBe(`Access-Control-Allow-Origin: *\nAccess-Control-Allow-Credentials: true\n${API}/me`);
      },
    },
    {
      name: 'wildcard on a response that sets a cookie',
      evidence: evidence({ responses: [call(`${API}/login`, [STAR, ['Set-Cookie', 'sid=1; Secure']])] }),
      messages: ['wildcard'],
    },
    {
      name: 'one finding per origin, counting its paths',
      evidence: evidence({
        responses: [
          call(`${API}/a`, [STAR], { requestCredentialed: true }),
          call(`${API}/b`, [STAR], { requestCredentialed: true }),
          call(`${API}/a`, [STAR], { requestCredentialed: true }),
        ],
      }),
      messages: ['wildcard'],
      check: ([f]) => expect(f!.message).toContain('to 2 request(s)'),
    },
    {
      name: 'two origins, two findings',
      evidence: evidence({
        responses: [call(`${API}/a`, [STAR], { requestCredentialed: true }), call('https://files.example.com/x', [STAR], { requestCredentialed: true })],
      }),
      messages: ['wildcard', 'wildcard'],
    },
    {
      name: 'header names in odd case and padded value',
      evidence: evidence({
        responses: [
          call(`${API}/me`, [
            ['access-control-ALLOW-origin', ' * '],
            ['ACCESS-CONTROL-ALLOW-CREDENTIALS', ' true '],
          ]),
        ],
      }),
      messages: ['wildcard'],
    },
    {
      name: 'evidence lists at most five URLs',
      evidence: evidence({ responses: Array.from({ length: 8 }, (_, i) => call(`${API}/r${i}`, [STAR], { requestCredentialed: true })) }),
      messages: ['wildcard'],
      check: ([f]) =>
        expect(f!.evidence.split('\n')).toEqual(['Access-Control-Allow-Origin: *', ...[0, 1, 2, 3, 4].map((i) => `${API}/r${i}`), '… and 3 more']),
    },
    {
      name: 'exactly five URLs: all listed, no "more" line',
      evidence: evidence({ responses: Array.from({ length: 5 }, (_, i) => call(`${API}/r${i}`, [STAR], { requestCredentialed: true })) }),
      messages: ['wildcard'],
      check: ([f]) => expect(f!.evidence.split('\n')).toEqual(['Access-Control-Allow-Origin: *', ...[0, 1, 2, 3, 4].map((i) => `${API}/r${i}`)]),
    },
    {
      name: 'a URL that does not parse is its own origin (no crash)',
      evidence: evidence({ responses: [call('not a url', [STAR], { requestCredentialed: true })] }),
      messages: ['wildcard'],
      check: ([f]) => expect(f!.message).toMatch(/^not a url answers/),
    },
  ],
  clean: [
    {
      name: 'a CDN bot-management cookie on a public wildcard-CORS asset',
      evidence: evidence({ responses: [call('https://cdn.example.com/lib.js', [STAR, ['Set-Cookie', '__cf_bm=abc; Path=/; Secure']])] }),
    },
    {
      name: 'public API: wildcard without credentials or cookies',
      evidence: evidence({ responses: [call(`${API}/public`, [STAR], { requestCredentialed: false })] }),
    },
    {
      name: 'credentialed request answered for a fixed origin',
      evidence: evidence({ responses: [call(`${API}/me`, [['Access-Control-Allow-Origin', 'https://app.example.com']], { requestCredentialed: true })] }),
    },
    { name: 'credentialed request without CORS headers', evidence: evidence({ responses: [call(`${API}/me`, [], { requestCredentialed: true })] }) },
    {
      name: 'a wildcard-looking value is not *',
      evidence: evidence({ responses: [call(`${API}/me`, [['Access-Control-Allow-Origin', '*.example.com']], { requestCredentialed: true })] }),
    },
  ],
  fixed: [
    {
      name: 'answering only the listed front-end origin, as the fix guide says',
      before: evidence({ responses: [call(`${API}/me`, [STAR, ['Access-Control-Allow-Credentials', 'true']], { requestCredentialed: true })] }),
      after: evidence({
        responses: [
          call(
            `${API}/me`,
            [
              ['Access-Control-Allow-Origin', 'https://app.example.com'],
              ['Access-Control-Allow-Credentials', 'true'],
              ['Vary', 'Origin'],
            ],
            { requestCredentialed: true },
          ),
        ],
      }),
    },
  ],
});
