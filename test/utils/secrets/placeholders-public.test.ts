/**
 * Placeholders and test keys as they are published, not as our generators make them: documentation examples and
 * `.env` templates copied from vendor docs and public templates (source named per case). Values a scanner would
 * flag are joined from parts at run time. A regression of the placeholder filter, or of test-key handling, fails
 * here on data we did not write.
 */
import { describe, expect, it } from 'vitest';
import { scanSecrets } from '../../../utils/secrets/index';

const join = (...parts: string[]) => parts.join('');

interface PublicCase {
  name: string;
  source: string;
  text: string;
  /** The findings allowed: none at all, or only these providers with this exposure. */
  expect: { provider: string; exposure: 'test' | 'publishable' }[];
}

const CASES: PublicCase[] = [
  {
    name: 'AWS CLI credentials file example',
    source: 'https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html',
    text: join('[default]\naws_access_key_id=', 'AKIA', 'IOSFODNN7EXAMPLE', '\naws_secret_access_key=', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY', 'EXAMPLEKEY', '\n'),
    expect: [],
  },
  {
    name: "Stripe docs' sample test secret key",
    source: 'https://docs.stripe.com/api/authentication (the docs sample key, copied into many public projects)',
    text: join("const stripe = require('stripe')('", 'sk_', 'test_', '4eC39HqLyjWDarjtT1zdp7dc', "');"),
    expect: [{ provider: 'stripe-test-secret-key', exposure: 'test' }],
  },
  {
    name: "Stripe docs' sample publishable key",
    source: 'https://docs.stripe.com/js (the docs sample publishable key)',
    text: join("var stripe = Stripe('", 'pk_', 'test_', 'TYooMQauvdEDq54NiTphI7jx', "');"),
    expect: [{ provider: 'stripe-publishable-key', exposure: 'publishable' }],
  },
  {
    name: 'Supabase CLI local anon key (supabase-demo)',
    source: 'https://supabase.com/docs/guides/local-development/cli/config (the key `supabase start` prints)',
    text: join(
      'SUPABASE_ANON_KEY=',
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
      '.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9',
      '.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0',
    ),
    expect: [{ provider: 'supabase-local-dev-jwt', exposure: 'test' }],
  },
  {
    name: 'Next.js + Supabase .env.local template',
    source: 'the `.env.local` template of Supabase Next.js starters (NEXT_PUBLIC_SUPABASE_ANON_KEY=your-anon-key)',
    text: 'NEXT_PUBLIC_SUPABASE_URL=https://your-project.supabase.co\nNEXT_PUBLIC_SUPABASE_ANON_KEY=your-anon-key\nSUPABASE_SERVICE_ROLE_KEY=your-service-role-key\n',
    expect: [],
  },
  {
    name: 'Slack incoming webhook documentation URL',
    source: 'https://api.slack.com/messaging/webhooks',
    text: join(
      'curl -X POST -H "Content-type: application/json" --data "{}" ',
      'https://hooks.slack.com/services/',
      'T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
    ),
    expect: [],
  },
  {
    name: "Twilio docs' Account SID and Auth Token placeholders",
    source: 'https://www.twilio.com/docs/messaging/quickstart/node (accountSid / authToken placeholders)',
    text: join("const accountSid = '", 'AC', 'X'.repeat(32), "';\nconst authToken = '[AuthToken]';\nconst client = require('twilio')(accountSid, authToken);"),
    expect: [],
  },
  {
    name: "secretlint's database connection strings that must not be flagged",
    source: 'secretlint-rule-database-connection-string test snapshot ok.valid (MIT), test/fixtures/secretlint-cases.json.gz',
    text: join(
      'const MONGO_TEMPLATE = "mongodb://username:password@localhost:27017/database";\n',
      'const MYSQL_TEMPLATE = "mysql://user:${PASSWORD}@example.com:3306/db";\n',
      'const CONFIG_EXAMPLE = "mongodb://YOUR_USERNAME:YOUR_PASSWORD@cluster.mongodb.net/test";\n',
      'const DOC_EXAMPLE = "mysql://admin:',
      'REPLACE_WITH_PASSWORD',
      '@mysql.server.com:3306/database";\n',
    ),
    expect: [],
  },
];

describe('published placeholders and test keys', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const found = scanSecrets(c.text).map((m) => ({ provider: m.provider, exposure: m.exposure }));
    expect(found, c.source).toEqual(c.expect);
  });
});

describe('the fake-key generator', () => {
  it('never writes what the placeholder filter rejects, for any seed (so planted recall measures detection)', async () => {
    const { placeholderReason } = await import('../../../utils/secrets/placeholder');
    const { plantedKeys } = await import('./fake-keys');
    const rejected: string[] = [];
    for (let seed = 1; seed <= 200; seed++) {
      for (const key of plantedKeys(seed)) if (placeholderReason(key.value)) rejected.push(`${key.provider} (seed ${seed})`);
    }
    expect(rejected).toEqual([]);
  });
});
