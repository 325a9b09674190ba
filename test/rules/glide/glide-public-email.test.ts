import rule from '@/rules/glide/glide-public-email';
import { describeRule } from '../../helpers/rule-cases';
import { PEOPLE, PRODUCTS, access, glide, table } from '../../helpers/glide';

describeRule(rule, {
  flagged: [
    { name: 'public app, Email column', evidence: glide({ access: access({ mode: 'public' }), tables: [PEOPLE, PRODUCTS] }), messages: ['email-public'] },
  ],
  clean: [
    { name: 'private app', evidence: glide({ access: access({ mode: 'private' }), tables: [PEOPLE] }) },
    {
      name: 'public app, "Email verified" is a flag, not an address',
      evidence: glide({ access: access({ mode: 'public' }), tables: [table('Signups', ['Email verified', 'Count'])] }),
    },
  ],
  fixed: [
    {
      name: 'email column removed from the public app’s table',
      before: glide({ access: access({ mode: 'public' }), tables: [PEOPLE] }),
      after: glide({ access: access({ mode: 'public' }), tables: [table('Customers', ['Name'])] }),
    },
  ],
});
