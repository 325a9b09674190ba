import { expect } from 'vitest';
import rule from '@/rules/transport/hsts-missing';
import { fingerprint } from '@/engine/engine';
import { PAGE, evidence } from '../../helpers/evidence';
import { describeRule } from '../../helpers/rule-cases';

const GOOD = ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'] as [string, string];

describeRule(rule, {
  flagged: [
    {
      name: 'max-age beyond the 8 KB evidence cut: not checked (info), never "ignored by browsers"',
      evidence: evidence({ headers: [['Strict-Transport-Security', `${'x'.repeat(9000)}; max-age=31536000`]] }),
      messages: ['cut'],
      severity: 'info',
      check: ([f]) => expect(f!.message).toContain('was not read'),
    },
    // Issue 9, defect 2: preloaded hosts (whole TLDs .app/.dev/.page and preloaded public suffixes).
    {
      name: 'no header on a preloaded host (*.pages.dev): info, with why',
      evidence: evidence({ url: 'https://my-poll.pages.dev/', headers: [] }),
      messages: ['absentPreloaded'],
      severity: 'info',
      check: ([f]) => expect(f!.message).toContain('every .dev name'),
    },
    {
      name: 'no header on *.glide.page: info',
      evidence: evidence({ url: 'https://poll.glide.page/', headers: [] }),
      messages: ['absentPreloaded'],
      severity: 'info',
    },
    {
      name: 'no header on *.now.sh (a preloaded suffix): info',
      evidence: evidence({ url: 'https://poll.now.sh/', headers: [] }),
      messages: ['absentPreloaded'],
      severity: 'info',
      check: ([f]) => expect(f!.message).toContain('*.now.sh'),
    },
    {
      name: 'an invalid header on *.web.app: info',
      evidence: evidence({ url: 'https://poll.web.app/', headers: [['Strict-Transport-Security', 'max-age=abc']] }),
      messages: ['invalidPreloaded'],
      severity: 'info',
      check: ([f]) => {
        expect(f!.message).toMatch(/^The Strict-Transport-Security header is ignored by browsers \(.+\), but poll\.web\.app is covered/);
        expect(f!.evidence).toBe('Strict-Transport-Security: max-age=abc');
        expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, 'https://poll.web.app', 'invalid'));
      },
    },
    {
      name: 'not preloaded: *.bubbleapps.io stays medium',
      evidence: evidence({ url: 'https://poll.bubbleapps.io/', headers: [] }),
      messages: ['absent'],
      severity: 'medium',
    },
    { name: 'a look-alike name is not preloaded (app.example.com)', evidence: evidence({ headers: [] }), messages: ['absent'], severity: 'medium' },
    {
      name: 'https page without the header',
      evidence: evidence({ headers: [] }),
      messages: ['absent'],
      check: ([f]) => {
        expect(f!.message).toBe('The page is served over HTTPS without a Strict-Transport-Security header.');
        expect(f!.evidence).toBe('Strict-Transport-Security: (absent)');
        expect(f!.location).toEqual({ kind: 'header', name: 'Strict-Transport-Security', url: PAGE });
        expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, new URL(PAGE).origin, 'absent'));
      },
    },
    {
      name: 'header without max-age',
      evidence: evidence({ headers: [['Strict-Transport-Security', 'includeSubDomains']] }),
      messages: ['invalid'],
      check: ([f]) => {
        expect(f!.message).toMatch(/^The Strict-Transport-Security header is ignored by browsers: .+\.$/);
        expect(f!.location).toEqual({ kind: 'header', name: 'Strict-Transport-Security', url: PAGE });
      },
    },
    { name: 'non-numeric max-age', evidence: evidence({ headers: [['strict-transport-security', 'max-age=forever']] }), messages: ['invalid'] },
    {
      name: 'negative max-age (max-age=-1) is ignored by browsers',
      evidence: evidence({ headers: [['Strict-Transport-Security', 'max-age=-1; includeSubDomains']] }),
      messages: ['invalid'],
    },
    {
      name: 'only the first of duplicated headers counts',
      evidence: evidence({ headers: [['Strict-Transport-Security', 'max-age=abc'], GOOD] }),
      messages: ['invalid'],
    },
  ],
  clean: [
    { name: 'valid header', evidence: evidence({ headers: [GOOD] }) },
    { name: 'header name in any case', evidence: evidence({ headers: [['STRICT-TRANSPORT-SECURITY', 'max-age=63072000']] }) },
    { name: 'plain HTTP page (browsers ignore HSTS there; https-not-used reports it)', evidence: evidence({ url: 'http://app.example.com/' }) },
    { name: 'quoted max-age value', evidence: evidence({ headers: [['Strict-Transport-Security', 'max-age="31536000"']] }) },
  ],
  fixed: [{ name: 'adding the header from the fix guide', before: evidence({ headers: [] }), after: evidence({ headers: [GOOD] }) }],
});
