import { expect } from 'vitest';
import rule from '@/rules/secrets/publishable-key-in-page';
import type { Source } from '@/utils/evidence/evidence';
import { FAKE_KEYS, seeded } from '../../utils/secrets/fake-keys';
import { evidence } from '../../helpers/evidence';
import { describeRule } from '../../helpers/rule-cases';

const anon = FAKE_KEYS['supabase-anon-jwt'](seeded(2)).value;
const firebase = FAKE_KEYS['firebase-web-api-key'](seeded(8));
const stripe = FAKE_KEYS['stripe-secret-key'](seeded(1)).value;
const src = (text: string): Source => ({ kind: 'script', url: 'https://app.example.com/main.js', label: 'main.js', text, truncated: false });
const page = (...sources: Source[]) => ({ ...evidence(), sources });

describeRule(rule, {
  flagged: [
    {
      name: 'a Supabase anon key: info, with what must protect the data instead',
      evidence: page(src(`createClient("https://abcdefghijklmnopqrst.supabase.co","${anon}")`)),
      messages: ['publishable'],
      severity: 'info',
      check: ([f]) => {
        expect(f!.message).toMatch(/Row Level Security/i);
        expect(f!.evidence).not.toContain(anon);
      },
    },
    { name: 'a Firebase web config apiKey', evidence: page(src(firebase.snippet ?? firebase.value)), messages: ['publishable'] },
  ],
  clean: [
    { name: 'no keys', evidence: page(src('console.log(1)')) },
    { name: 'a secret key is secret-exposed’s, not this rule’s', evidence: page(src(`k="${stripe}"`)) },
  ],
  fixed: [{ name: 'no key in the bundle any more', before: page(src(`k="${anon}"`)), after: page(src('k=window.env.KEY')) }],
});
