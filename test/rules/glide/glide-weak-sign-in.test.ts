import rule from '@/rules/glide/glide-weak-sign-in';
import { describeRule } from '../../helpers/rule-cases';
import { PEOPLE, PRODUCTS, access, glide } from '../../helpers/glide';

describeRule(rule, {
  flagged: [
    {
      name: 'old "Public with email": any email signs in to personal data',
      evidence: glide({ access: access({ mode: 'public-email', wording: 'old' }), tables: [PEOPLE] }),
      messages: ['any-email'],
      severity: 'high',
    },
    {
      name: 'one shared password over personal data',
      evidence: glide({ access: access({ mode: 'private', who: ['password'], wording: 'old' }), tables: [PEOPLE] }),
      messages: ['shared-password'],
      severity: 'medium',
    },
    {
      name: 'magic link without PIN over personal data',
      evidence: glide({ access: access({ mode: 'private', who: ['users-table'], signIn: ['glide-pin', 'magic-link'] }), tables: [PEOPLE] }),
      messages: ['magic-link'],
      severity: 'low',
    },
  ],
  clean: [
    { name: 'users table + PIN', evidence: glide({ access: access({ mode: 'private', who: ['users-table'], signIn: ['glide-pin'] }), tables: [PEOPLE] }) },
    { name: 'shared password over product data only', evidence: glide({ access: access({ mode: 'private', who: ['password'] }), tables: [PRODUCTS] }) },
    {
      name: 'magic link with SSO',
      evidence: glide({ access: access({ mode: 'private', who: ['team-members'], signIn: ['sso', 'magic-link'] }), tables: [PEOPLE] }),
    },
    { name: 'Data tab not read: no verdict', evidence: glide({ access: access({ mode: 'public-email' }), tables: [PEOPLE], screens: [] }) },
  ],
  fixed: [
    {
      name: 'users table instead of any email',
      before: glide({ access: access({ mode: 'public-email' }), tables: [PEOPLE] }),
      after: glide({ access: access({ mode: 'private', who: ['users-table'], signIn: ['glide-pin'] }), tables: [PEOPLE] }),
    },
    {
      name: 'magic link turned off',
      before: glide({ access: access({ mode: 'private', who: ['users-table'], signIn: ['glide-pin', 'magic-link'] }), tables: [PEOPLE] }),
      after: glide({ access: access({ mode: 'private', who: ['users-table'], signIn: ['glide-pin'] }), tables: [PEOPLE] }),
    },
  ],
});
