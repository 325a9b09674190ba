import rule from '@/rules/headers/csp-base-uri';
import { evidence } from '../../helpers/evidence';
import { fixHeaders } from '../../helpers/fix-guide';
import { describeRule } from '../../helpers/rule-cases';

const CSP = 'Content-Security-Policy';
const csp = (...values: string[]) => evidence({ headers: values.map((v): [string, string] => [CSP, v]) });

describeRule(rule, {
  flagged: [
    { name: 'policy without base-uri', evidence: csp("script-src 'self'"), messages: ['open'], severity: 'low' },
    { name: "default-src 'none' does not cover base-uri", evidence: csp("default-src 'none'"), messages: ['open'] },
    { name: 'meta policy without base-uri', evidence: evidence({ page: { meta: [{ httpEquiv: 'Content-Security-Policy', content: "default-src 'self'" }] } }), messages: ['open'] },
    { name: 'misspelt directive (base-url)', evidence: csp("default-src 'self'; base-url 'self'"), messages: ['open'] },
    { name: 'base-uri * restricts nothing', evidence: csp("default-src 'self'; base-uri *"), messages: ['open'] },
    { name: 'base-uri https: (scheme only) restricts nothing', evidence: csp("default-src 'self'; base-uri https:"), messages: ['open'] },
  ],
  clean: [
    { name: "base-uri 'self'", evidence: csp("default-src 'self'; base-uri 'self'") },
    { name: "base-uri 'none' in odd case", evidence: csp("BASE-URI 'NONE'") },
    { name: 'set in a second policy', evidence: csp("default-src 'self'", "base-uri 'none'") },
    { name: 'set in a <meta> policy (honoured there)', evidence: evidence({ headers: [[CSP, "default-src 'self'"]], page: { meta: [{ httpEquiv: 'Content-Security-Policy', content: "base-uri 'self'" }] } }) },
    { name: 'no policy (csp-missing reports it)', evidence: evidence() },
  ],
  fixed: [{ name: 'the fix guide baseline', before: csp("default-src 'self'"), after: evidence({ headers: fixHeaders(rule) }) }],
});
