import { defineRule } from '../../engine/rule';
import { keyDrafts } from '../../utils/secrets/sources';

export default defineRule({
  meta: {
    id: 'publishable-key-in-page',
    title: 'Publishable key in the page: check what protects the data behind it',
    severity: 'info',
    category: 'secrets',
    checklist: 'least-privilege',
    surfaces: ['sources'],
    confidence: 'high',
    rationale:
      'Publishable keys (Supabase anon, Firebase apiKey, Stripe pk_, Mapbox pk.) are meant for browsers and nothing to rotate; anyone can use them, so the data they reach must be protected on the server side.',
    messages: {
      publishable: '{provider} ({masked}) is in {where}. {advice}',
    },
    fix: {
      summary: 'Nothing to rotate: make sure the server-side protection for this key is on.',
      steps: [
        'Confirm it is the publishable kind (the provider’s dashboard calls it public, publishable, anon or client key).',
        'Turn on the protection that applies: database rules (Supabase RLS, Firebase Security Rules), or URL/referrer restrictions (Google Maps, Mapbox).',
        'Re-run the audit with "Allow full audit" to see what a logged-out visitor can read.',
      ],
      docs: 'https://supabase.com/docs/guides/api/api-keys',
      platforms: {
        supabase: {
          steps: [
            'Supabase dashboard → Authentication → Policies: every table the app uses needs RLS enabled and a policy.',
            'Use a per-user policy such as `auth.uid() = user_id` instead of `true`.',
            'Check Advisors → Security Advisor shows no "RLS Disabled in Public".',
          ],
          deepLink: 'https://supabase.com/dashboard/project/{ref}/auth/policies',
          snippet: {
            language: 'sql',
            code: 'alter table public.responses enable row level security;\ncreate policy "own rows" on public.responses for select using (auth.uid() = user_id);',
          },
          docs: 'https://supabase.com/docs/guides/database/postgres/row-level-security',
        },
        firebase: {
          steps: [
            'Firebase console → Firestore Database (or Realtime Database / Storage) → Rules.',
            'Replace `allow read, write: if true;` with rules that check `request.auth`.',
            'Publish the rules; optionally turn on App Check.',
          ],
          docs: 'https://firebase.google.com/docs/rules',
        },
      },
    },
  },
  check(evidence) {
    return keyDrafts(evidence, (m) => m.exposure === 'publishable').map(({ match: _, ...d }) => ({ ...d, messageId: 'publishable' as const }));
  },
});
