import { defineRule } from '../../engine/rule';
import { keyDrafts } from '../../utils/secrets/sources';

export default defineRule({
  meta: {
    id: 'secret-exposed',
    title: 'Key shipped to every visitor',
    severity: 'critical',
    category: 'secrets',
    checklist: 'secrets',
    surfaces: ['sources'],
    confidence: 'high',
    rationale:
      'Anything in the page, its scripts or the addresses it requests is readable by every visitor; a secret key there can be used by anyone to spend money, read data or send messages in your name.',
    messages: {
      secret: '{provider} ({masked}) is in {where}. Anyone can copy it: rotate it now at {rotate}',
      capability: 'A {provider} ({masked}) is in {where}: anyone can post to it.',
      test: 'A {provider} ({masked}) is in {where}: test-mode keys should not ship either.',
    },
    fix: {
      summary: 'Rotate the key, then call the service from the server side (the builder’s private store or a backend function), never from the page.',
      steps: [
        'Rotate (revoke and re-create) the key at the provider: it has already been public.',
        'Delete it from the page, script or setting it was found in.',
        'Call the service from server-side code with the new key kept in a secret store (see your platform below).',
        'Re-run the audit to check the key is gone.',
      ],
      deepLink: '{rotate}',
      docs: 'https://owasp.org/www-project-top-ten/2017/A3_2017-Sensitive_Data_Exposure',
      platforms: {
        bubble: {
          steps: [
            'Rotate the key at the provider.',
            'Bubble editor → Plugins → API Connector: add the key as a header or parameter with "Private" ticked.',
            'Remove the key from page HTML elements, "Script/meta tags in header" and client-side plugins.',
            'Use the API call from a backend workflow (or as data/action) so Bubble’s server adds the key; deploy to live.',
          ],
          deepLink: 'https://bubble.io/page?id={app}&tab=Plugins',
          docs: 'https://manual.bubble.io/help-guides/security/api-security/api-connector-security',
        },
        supabase: {
          steps: [
            'Rotate the key: Supabase dashboard → Project Settings → API Keys (service_role / secret keys).',
            'Ship only the publishable (anon) key in the front end; keep secret keys in Edge Function secrets.',
            'Move the privileged work into an Edge Function that reads the key with `Deno.env.get()`.',
          ],
          deepLink: 'https://supabase.com/dashboard/project/{ref}/settings/api-keys',
          docs: 'https://supabase.com/docs/guides/api/api-keys',
        },
        vercel: {
          steps: [
            'Rotate the key at the provider.',
            'Vercel → Project → Settings → Environment Variables: store it without the NEXT_PUBLIC_ / VITE_ prefix (those are bundled into the page).',
            'Read it only in server code (API routes, server actions), redeploy.',
          ],
          docs: 'https://vercel.com/docs/environment-variables',
        },
        netlify: {
          steps: [
            'Rotate the key at the provider.',
            'Netlify → Site configuration → Environment variables: store it without a public prefix (VITE_, NEXT_PUBLIC_, REACT_APP_ are bundled).',
            'Read it only in a Netlify Function, redeploy.',
          ],
          docs: 'https://docs.netlify.com/environment-variables/overview/',
        },
      },
    },
  },
  check(evidence) {
    // Publishable keys are publishable-key-in-page's.
    return keyDrafts(evidence, (m) => m.exposure !== 'publishable').map(({ match: m, ...d }) => ({
      ...d,
      messageId: m.exposure as 'secret' | 'capability' | 'test',
      severity: m.severity,
      vars: { rotate: m.rotateUrl },
    }));
  },
});
