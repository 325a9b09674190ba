import { defineRule } from '../../engine/rule';
import type { Severity } from '../../engine/severity';
import { dataRead, describeTables, personalTables } from '../../utils/glide/classify';
import type { GlideBuilder } from '../../utils/glide/builder-evidence';
import { appVars, glideOf } from '../../utils/glide/findings';
import { ACCESS_DOCS, ACCESS_LINK } from '../../utils/glide/links';

type M = 'any-email' | 'shared-password' | 'magic-link';

/** Each weakness, when it applies, and how bad it is for an app holding personal data. */
const WEAKNESSES: { messageId: M; applies: (a: NonNullable<GlideBuilder['access']>) => boolean; severity: Severity; what: string }[] = [
  { messageId: 'any-email', applies: (a) => a.mode === 'public-email', severity: 'high', what: 'Public with email' },
  { messageId: 'shared-password', applies: (a) => a.mode === 'private' && a.who.includes('password'), severity: 'medium', what: 'Limit access by password' },
  {
    messageId: 'magic-link',
    applies: (a) => a.mode === 'private' && a.signIn.includes('magic-link') && !a.signIn.includes('sso'),
    severity: 'low',
    what: 'Include magic link to sign in without PIN',
  },
];

export default defineRule({
  meta: {
    id: 'glide-weak-sign-in',
    title: 'Glide sign-in is weaker than the data it protects',
    severity: 'medium',
    category: 'glide',
    checklist: 'auth',
    surfaces: ['builder', 'glide-builder'],
    confidence: 'medium',
    rationale:
      'Signing in only protects data if it proves the right person is there: "Public with email" lets any email address in, one shared password cannot be taken back from one person, and a forwarded magic link signs in whoever clicks it.',
    messages: {
      'any-email': 'Anyone with any email address can sign in ("Public with email"), and the tables hold personal-looking columns: {tables}.',
      'shared-password': 'The app is protected by one shared password ("Limit access by password"), and the tables hold personal-looking columns: {tables}.',
      'magic-link': 'Sign-in emails include a magic link that signs in without the PIN; with personal data ({tables}) a forwarded email is enough to get in.',
    },
    fix: {
      summary: 'Let only listed people sign in, each with their own email, and keep the PIN step.',
      steps: [
        'In the Glide builder open Settings → Access (button below).',
        'Make the app Private and choose "Users table", "Team members", "Allowed email domains" (your company’s domain) or "All emails in table".',
        'Turn off "Include magic link to sign in without PIN" if data is sensitive; use "Sign in with Google" or "Single sign-on (SSO)" where your plan has it.',
        'Remove a shared password: give each person their own sign-in instead.',
      ],
      deepLink: ACCESS_LINK,
      docs: ACCESS_DOCS,
    },
  },
  check(evidence) {
    const g = glideOf(evidence);
    const access = g?.access;
    if (!g || !access) return [];
    const personal = personalTables(g);
    // Only when the data warrants more: personal columns seen (an unread Data screen is no verdict).
    if (!personal.length || !dataRead(g)) return [];
    const tables = describeTables(personal);
    return WEAKNESSES.filter((w) => w.applies(access)).map((w) => ({
      messageId: w.messageId,
      severity: w.severity,
      data: { tables },
      evidence: `Settings → Access: ${w.what}`,
      location: { kind: 'builder' as const, name: 'Settings → Access' },
      identity: w.messageId,
      vars: appVars(g),
    }));
  },
});
