import { describe, expect, it } from 'vitest';
import { resolveGuide } from '@/engine/fix';
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

// Found by mutation testing (docs/mutation.md): the guide is what this info finding is for, so its variants are checked.
describe('publishable-key-in-page fix guide', () => {
  const filled = (s: string) => expect(s.trim().length, s).toBeGreaterThan(10);

  it('generic: nothing to rotate, three steps, the API-keys docs', () => {
    const g = resolveGuide(rule.meta.fix, [], {});
    expect(g.summary).toMatch(/^Nothing to rotate/);
    expect(g.primary.steps).toHaveLength(3);
    g.primary.steps.forEach(filled);
    expect(g.primary.docs).toBe('https://supabase.com/docs/guides/api/api-keys');
    expect(g.others.map((v) => v.target).sort()).toEqual(['firebase', 'supabase']);
  });

  it('Supabase: the project’s policies page, RLS steps and SQL, the RLS docs', () => {
    const v = resolveGuide(rule.meta.fix, ['supabase'], { ref: 'abcdefghijklmnopqrst' }).primary;
    expect(v.target).toBe('supabase');
    expect(v.steps).toHaveLength(3);
    v.steps.forEach(filled);
    expect(v.steps.join(' ')).toContain('auth.uid() = user_id');
    expect(v.deepLink).toBe('https://supabase.com/dashboard/project/abcdefghijklmnopqrst/auth/policies');
    expect(v.snippet).toEqual({ language: 'sql', code: expect.stringContaining('enable row level security;\ncreate policy') });
    expect(v.docs).toBe('https://supabase.com/docs/guides/database/postgres/row-level-security');
  });

  it('Firebase: Security Rules that check request.auth, the rules docs', () => {
    const v = resolveGuide(rule.meta.fix, ['firebase'], {}).primary;
    expect(v.target).toBe('firebase');
    expect(v.steps).toHaveLength(3);
    v.steps.forEach(filled);
    expect(v.steps.join(' ')).toContain('request.auth');
    expect(v.docs).toBe('https://firebase.google.com/docs/rules');
  });
});
