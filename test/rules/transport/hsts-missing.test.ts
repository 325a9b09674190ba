import rule from '@/rules/transport/hsts-missing';
import { evidence } from '../../helpers/evidence';
import { describeRule } from '../../helpers/rule-cases';

const GOOD = ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'] as [string, string];

describeRule(rule, {
  flagged: [
    { name: 'https page without the header', evidence: evidence({ headers: [] }), messages: ['absent'] },
    { name: 'header without max-age', evidence: evidence({ headers: [['Strict-Transport-Security', 'includeSubDomains']] }), messages: ['invalid'] },
    { name: 'non-numeric max-age', evidence: evidence({ headers: [['strict-transport-security', 'max-age=forever']] }), messages: ['invalid'] },
    { name: 'negative max-age (max-age=-1) is ignored by browsers', evidence: evidence({ headers: [['Strict-Transport-Security', 'max-age=-1; includeSubDomains']] }), messages: ['invalid'] },
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
