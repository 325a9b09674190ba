import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/headers/nosniff-missing';
import { PAGE, evidence, subresourcesOnly } from '../../helpers/evidence';
import { fixHeaders } from '../../helpers/fix-guide';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

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

// Found by mutation testing (docs/mutation.md): both messages in full, evidence, location, identity; the value cut at
// 60 characters; no document response.
describe('nosniff-missing, cases from mutation testing', () => {
  it('missing: message, evidence, location, identity in full', () => {
    const [f, ...rest] = findingsOf(rule, evidence());
    expect(rest).toEqual([]);
    expect(f!.message).toBe('The page is served without `X-Content-Type-Options: nosniff`.');
    expect(f!.evidence).toBe('X-Content-Type-Options: (absent)');
    expect(f!.location).toEqual({ kind: 'header', name: 'X-Content-Type-Options', url: PAGE });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, new URL(PAGE).origin, 'missing'));
  });
  it('wrong: message and evidence in full, same identity; a long value cut at 60 in the message', () => {
    const [f] = findingsOf(rule, evidence({ headers: [[XCTO, 'sniff']] }));
    expect(f!.message).toBe('X-Content-Type-Options is "sniff"; the only valid value is nosniff.');
    expect(f!.evidence).toBe('X-Content-Type-Options: sniff');
    expect(f!.location).toEqual({ kind: 'header', name: 'X-Content-Type-Options', url: PAGE });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, new URL(PAGE).origin, 'missing'));
    const long = `${'a'.repeat(59)}bc`;
    expect(findingsOf(rule, evidence({ headers: [[XCTO, long]] }))[0]!.message).toBe(
      `X-Content-Type-Options is "${'a'.repeat(59)}b"; the only valid value is nosniff.`,
    );
  });
  it('"bogus, nosniff": the first token decides', () =>
    expect(findingsOf(rule, evidence({ headers: [[XCTO, 'bogus, nosniff']] }))[0]!.messageId).toBe('wrong'));
  it('no document response: nothing to judge', () => expect(findingsOf(rule, { ...evidence(), responses: [] })).toEqual([]));
});

describe('nosniff-missing fix guide, cases from mutation testing', () => {
  it('the header as the snippet, the MDN page', () => {
    expect(rule.meta.fix.snippet).toEqual({ language: 'text', code: 'X-Content-Type-Options: nosniff' });
    expect(rule.meta.fix.docs).toBe('https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/X-Content-Type-Options');
  });
});

// From the first Stryker run: a response list with subresources only (no document) is not judged.
describe('nosniff-missing, only subresource responses', () => {
  it('no document among the responses: nothing', () => expect(findingsOf(rule, subresourcesOnly(evidence()))).toEqual([]));
});
