import rule from '@/rules/glide/glide-request-access';
import { describeRule } from '../../helpers/rule-cases';
import { PEOPLE, PRODUCTS, access, glide } from '../../helpers/glide';

const priv = (requestAccess: boolean) => access({ mode: 'private', who: ['users-table'], requestAccess });

describeRule(rule, {
  flagged: [{ name: 'request access on, personal data', evidence: glide({ access: priv(true), tables: [PEOPLE] }), messages: ['request-access'] }],
  clean: [
    { name: 'request access off', evidence: glide({ access: priv(false), tables: [PEOPLE] }) },
    { name: 'request access on, no personal data', evidence: glide({ access: priv(true), tables: [PRODUCTS] }) },
    { name: 'switch not shown', evidence: glide({ access: access({ mode: 'private' }), tables: [PEOPLE] }) },
  ],
  fixed: [{ name: 'switched off', before: glide({ access: priv(true), tables: [PEOPLE] }), after: glide({ access: priv(false), tables: [PEOPLE] }) }],
});
