import rule from '@/rules/headers/permissions-policy-missing';
import { evidence } from '../../helpers/evidence';
import { fixHeaders } from '../../helpers/fix-guide';
import { describeRule } from '../../helpers/rule-cases';

describeRule(rule, {
  flagged: [
    { name: 'no Permissions-Policy', evidence: evidence(), messages: ['missing'], severity: 'low' },
    {
      name: 'only as a <meta http-equiv> (not supported there)',
      evidence: evidence({ page: { meta: [{ httpEquiv: 'Permissions-Policy', content: 'camera=()' }] } }),
      messages: ['missing'],
    },
    {
      name: 'only on a subresource',
      evidence: evidence({
        responses: [{ url: 'https://app.example.com/api', status: 200, type: 'fetch', headers: [['Permissions-Policy', 'camera=()']], source: 'webRequest' }],
      }),
      messages: ['missing'],
    },
    { name: 'a similarly named header is not it', evidence: evidence({ headers: [['Permission-Policy', 'camera=()']] }), messages: ['missing'] },
  ],
  clean: [
    { name: 'Permissions-Policy present', evidence: evidence({ headers: [['Permissions-Policy', 'camera=(), microphone=()']] }) },
    { name: 'header name in odd case', evidence: evidence({ headers: [['PERMISSIONS-policy', 'geolocation=()']] }) },
    { name: 'legacy Feature-Policy', evidence: evidence({ headers: [['Feature-Policy', "camera 'none'"]] }) },
    {
      name: 'duplicated headers',
      evidence: evidence({
        headers: [
          ['Permissions-Policy', 'camera=()'],
          ['Permissions-Policy', 'usb=()'],
        ],
      }),
    },
    { name: '100 KB value', evidence: evidence({ headers: [['Permissions-Policy', 'camera=(), '.repeat(10_000)]] }) },
  ],
  fixed: [
    { name: 'the header from the fix guide', before: evidence(), after: evidence({ headers: fixHeaders(rule) }) },
    { name: 'the Vercel variant', before: evidence(), after: evidence({ headers: fixHeaders(rule, 'vercel') }) },
  ],
});
