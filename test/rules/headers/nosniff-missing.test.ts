import { expect } from 'vitest';
import rule from '@/rules/headers/nosniff-missing';
import { evidence } from '../../helpers/evidence';
import { fixHeaders } from '../../helpers/fix-guide';
import { describeRule } from '../../helpers/rule-cases';

const XCTO = 'X-Content-Type-Options';

describeRule(rule, {
  flagged: [
    { name: 'header absent', evidence: evidence(), messages: ['missing'], severity: 'low' },
    { name: 'wrong value', evidence: evidence({ headers: [[XCTO, 'sniff']] }), messages: ['wrong'], check: ([f]) => expect(f!.message).toContain('"sniff"') },
    { name: 'value with a suffix', evidence: evidence({ headers: [[XCTO, 'nosniffing']] }), messages: ['wrong'] },
    { name: 'empty value', evidence: evidence({ headers: [[XCTO, '']] }), messages: ['wrong'] },
    {
      name: 'only the first of duplicated headers counts',
      evidence: evidence({
        headers: [
          [XCTO, 'none'],
          [XCTO, 'nosniff'],
        ],
      }),
      messages: ['wrong'],
    },
    {
      name: '100 KB value is shown cut short',
      evidence: evidence({ headers: [[XCTO, 'n'.repeat(100_000)]] }),
      messages: ['wrong'],
      check: ([f]) => {
        expect(f!.message.length).toBeLessThan(200);
        expect(f!.evidence.length).toBeLessThanOrEqual(301);
      },
    },
    {
      name: 'nosniff only on a script response, not the page',
      evidence: evidence({
        responses: [{ url: 'https://app.example.com/app.js', status: 200, type: 'script', headers: [[XCTO, 'nosniff']], source: 'webRequest' }],
      }),
      messages: ['missing'],
    },
    {
      name: 'a <meta http-equiv> copy has no effect',
      evidence: evidence({ page: { meta: [{ httpEquiv: XCTO, content: 'nosniff' }] } }),
      messages: ['missing'],
    },
  ],
  clean: [
    { name: 'a comma-joined "nosniff, nosniff" (Fetch reads the first token)', evidence: evidence({ headers: [[XCTO, 'nosniff, nosniff']] }) },
    { name: 'nosniff', evidence: evidence({ headers: [[XCTO, 'nosniff']] }) },
    { name: 'value in upper case with spaces, header name in odd case', evidence: evidence({ headers: [['x-content-TYPE-options', ' NOSNIFF ']] }) },
    {
      name: 'duplicated nosniff',
      evidence: evidence({
        headers: [
          [XCTO, 'nosniff'],
          [XCTO, 'nosniff'],
        ],
      }),
    },
    {
      name: 'first header right, a later one wrong',
      evidence: evidence({
        headers: [
          [XCTO, 'nosniff'],
          [XCTO, 'bogus'],
        ],
      }),
    },
  ],
  fixed: [
    { name: 'the header from the fix guide', before: evidence(), after: evidence({ headers: fixHeaders(rule) }) },
    {
      name: 'the Firebase Hosting variant (firebase.json)',
      before: evidence({ headers: [[XCTO, 'sniff']] }),
      after: evidence({ headers: fixHeaders(rule, 'firebase-hosting') }),
    },
  ],
});
