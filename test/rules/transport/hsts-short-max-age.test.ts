import { expect } from 'vitest';
import rule from '@/rules/transport/hsts-short-max-age';
import { fingerprint } from '@/engine/engine';
import { PAGE, evidence } from '../../helpers/evidence';
import { fixHeaders } from '../../helpers/fix-guide';
import { describeRule } from '../../helpers/rule-cases';

const STS = 'Strict-Transport-Security';
const sts = (value: string): [string, string] => [STS, value];

describeRule(rule, {
  flagged: [
    // Issue 9, defect 2: preloaded host (*.vercel.app under .app).
    {
      name: 'preloaded host (*.vercel.app): info, with why',
      evidence: evidence({ url: 'https://my-poll.vercel.app/', headers: [sts('max-age=86400; includeSubDomains')] }),
      messages: ['preloaded'],
      severity: 'info',
      check: ([f]) => expect(f!.message).toMatch(/1 days, but my-poll\.vercel\.app is covered by the browsers' HSTS preload list \(every \.app name/),
    },
    {
      name: 'one day',
      evidence: evidence({ headers: [sts('max-age=86400; includeSubDomains')] }),
      messages: ['short'],
      severity: 'low',
      check: ([f]) => {
        expect(f!.message).toBe('HSTS max-age is 1 days; use at least 365 days (31536000 seconds).');
        expect(f!.evidence).toBe('Strict-Transport-Security: max-age=86400; includeSubDomains');
        expect(f!.location).toEqual({ kind: 'header', name: 'Strict-Transport-Security', url: PAGE });
        expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, new URL(PAGE).origin, 'short'));
      },
    },
    // Six months or more protects every visitor who returns within six months: hardening (info), not low.
    {
      name: 'six months (the Observatory minimum) is under a year: info',
      evidence: evidence({ headers: [sts('max-age=15768000')] }),
      messages: ['halfYear'],
      severity: 'info',
      check: ([f]) => expect(f!.message).toContain('182 days'),
    },
    { name: 'exactly 180 days: info', evidence: evidence({ headers: [sts('max-age=15552000')] }), messages: ['halfYear'], severity: 'info' },
    { name: 'one second short of 180 days: low', evidence: evidence({ headers: [sts('max-age=15551999')] }), messages: ['short'], severity: 'low' },
    { name: 'one second short of a year: info', evidence: evidence({ headers: [sts('max-age=31535999')] }), messages: ['halfYear'], severity: 'info' },
    {
      name: 'max-age=0 switches HSTS off',
      evidence: evidence({ headers: [sts('max-age=0')] }),
      messages: ['short'],
      check: ([f]) => expect(f!.message).toContain('0 days'),
    },
    { name: 'quoted value', evidence: evidence({ headers: [sts('max-age="300"')] }), messages: ['short'] },
    { name: 'header name and directive in odd case', evidence: evidence({ headers: [['STRICT-transport-SECURITY', 'Max-Age=600']] }), messages: ['short'] },
    {
      name: 'only the first of duplicated headers counts',
      evidence: evidence({ headers: [sts('max-age=600'), sts('max-age=63072000')] }),
      messages: ['short'],
    },
  ],
  clean: [
    { name: 'exactly one year', evidence: evidence({ headers: [sts('max-age=31536000')] }) },
    { name: 'two years', evidence: evidence({ headers: [sts('max-age=63072000; includeSubDomains; preload')] }) },
    { name: 'a twelve-digit max-age', evidence: evidence({ headers: [sts('max-age=999999999999')] }) },
    { name: 'negative max-age is invalid, not short (hsts-missing reports it)', evidence: evidence({ headers: [sts('max-age=-1')] }) },
    { name: 'garbage value (hsts-missing reports it)', evidence: evidence({ headers: [sts('x'.repeat(100_000))] }) },
    { name: 'no header', evidence: evidence() },
    { name: 'plain HTTP page', evidence: evidence({ url: 'http://app.example.com/', headers: [sts('max-age=60')] }) },
  ],
  fixed: [
    { name: 'the header from the fix guide', before: evidence({ headers: [sts('max-age=86400')] }), after: evidence({ headers: fixHeaders(rule) }) },
    { name: 'the nginx (own server) variant', before: evidence({ headers: [sts('max-age=86400')] }), after: evidence({ headers: fixHeaders(rule, 'server') }) },
  ],
});
