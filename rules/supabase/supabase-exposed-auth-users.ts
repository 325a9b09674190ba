import { defineRule } from '../../engine/rule';
import { viewLintDrafts } from '../../utils/supabase/dashboard-findings';
import { DASHBOARD, lintDocs } from '../../utils/supabase/links';

export default defineRule({
  meta: {
    id: 'supabase-exposed-auth-users',
    title: 'Sign-up data (auth.users) exposed through the Data API',
    severity: 'high',
    category: 'supabase',
    checklist: 'least-privilege',
    surfaces: ['builder', 'supabase-advisors'],
    confidence: 'high',
    rationale:
      'A view or materialized view in an exposed schema that reads auth.users hands every user’s email address, phone number and sign-in metadata to anyone holding the publishable key.',
    messages: {
      lint: 'Security Advisor: {entity} exposes auth.users (emails, phone numbers, sign-in data) to the anon or authenticated role.',
    },
    fix: {
      summary: 'Take the view out of the Data API’s reach: revoke access from anon and authenticated, or move it to a private schema.',
      steps: [
        'Open the finding in the Security Advisor (button below) to see the view.',
        'If browsers do not need it: run the snippet (revokes anon and authenticated access).',
        'If they need part of it: make a public.profiles table with only the columns to share, protected by RLS, and drop the view.',
        'Run the Security Advisor again: "Exposed Auth Users" disappears.',
      ],
      deepLink: `${DASHBOARD}/advisors/security?preset={preset}&id={id}`,
      snippet: {
        language: 'sql',
        fill: true,
        code: 'revoke all on {table_sql} from anon, authenticated;\n-- or move it out of the exposed schema:\n-- alter view {table_sql} set schema private;',
      },
      docs: lintDocs('0002_auth_users_exposed'),
    },
  },
  check(evidence) {
    return viewLintDrafts(evidence, 'auth_users_exposed');
  },
});
