/**
 * utils/supabase/dashboard-secrets.ts (issue 10 item 11): a `service_role` JWT and an `sk_live_` key inside a cron
 * command were stored raw and no finding reported them. Every string a dashboard reader collected is scanned; keys
 * are masked and reported (critical in a scheduled job). Keys are built at run time (test/utils/secrets/fake-keys).
 */
import { describe, expect, it } from 'vitest';
import type { SecretMatch } from '@/utils/secrets';
import { maskDashboardSecrets } from '@/utils/supabase/dashboard-secrets';
import { FAKE_KEYS, seeded } from '../secrets/fake-keys';

const SERVICE = FAKE_KEYS['supabase-service-role-jwt'](seeded(31)).value;
const STRIPE = FAKE_KEYS['stripe-secret-key'](seeded(32)).value;
const ANON = FAKE_KEYS['supabase-anon-jwt'](seeded(33)).value;

const cronObservation = () => ({
  page: 'cron',
  source: 'dom',
  cron: {
    state: 'jobs',
    jobs: [
      {
        name: 'nightly-sync',
        schedule: '0 3 * * *',
        command: `select net.http_post(url := 'https://x.supabase.co/functions/v1/sync', headers := '{"Authorization": "Bearer ${SERVICE}"}'::jsonb);`,
      },
      { name: 'charge', schedule: '*/5 * * * *', command: `select charge('${STRIPE}');` },
      { name: 'ping', schedule: '* * * * *', command: `select net.http_get('https://x.supabase.co/rest/v1/?apikey=${ANON}');` },
    ],
  },
  policies: [{ schema: 'public', table: 'orders', name: 'p', command: 'select', using: `auth.jwt() ->> 'k' = '${STRIPE}'` }],
});

describe('maskDashboardSecrets', () => {
  it('masks every key in every string, keeping the observation’s shape', () => {
    const { observation } = maskDashboardSecrets(cronObservation());
    const text = JSON.stringify(observation);
    for (const k of [SERVICE, STRIPE, ANON]) expect(text).not.toContain(k);
    expect(observation.cron.jobs.map((j) => j.name)).toEqual(['nightly-sync', 'charge', 'ping']);
    expect(observation.cron.jobs[1]!.command).toMatch(/^select charge\('sk_live_…[A-Za-z0-9]{4}'\);$/);
  });

  it('reports each key where it was seen; a secret in a cron job is critical, a publishable key stays info', () => {
    const { found } = maskDashboardSecrets(cronObservation());
    const byWhere = Object.fromEntries(found.map((f) => [`${f.match.provider}@${f.where}`, f.severity]));
    expect(byWhere).toMatchObject({
      'supabase-service-role-jwt@Supabase dashboard: cron job “nightly-sync” command': 'critical',
      'stripe-secret-key@Supabase dashboard: cron job “charge” command': 'critical',
      'supabase-anon-jwt@Supabase dashboard: cron job “ping” command': 'info',
    });
    expect(found.some((f) => f.match.provider === 'stripe-secret-key' && f.where.includes('policy “p” on “orders”'))).toBe(true);
    for (const f of found) expect(f.where.length).toBeLessThanOrEqual(120);
  });

  it('never quotes a key in the place it names (a job named after its key)', () => {
    const obs = { cron: { state: 'jobs', jobs: [{ name: STRIPE, schedule: '', command: `select '${STRIPE}'` }] } };
    const { found, observation } = maskDashboardSecrets(obs);
    expect(JSON.stringify({ found: found.map((f) => f.where), observation })).not.toContain(STRIPE.slice(8, 30));
  });

  it('leaves an observation without keys unchanged', () => {
    const obs = { page: 'tables', tables: [{ schema: 'public', name: 'profiles' }] };
    expect(maskDashboardSecrets(obs)).toEqual({ observation: obs, found: [] });
  });
});

/** A scanner that flags every `KEY<digits>` token (the real engine is tested in test/utils/secrets). */
const fakeScan =
  (severity: SecretMatch['severity'] = 'high', exposure: SecretMatch['exposure'] = 'secret') =>
  (text: string): SecretMatch[] =>
    [...text.matchAll(/KEY\d+/g)].map((m) => ({
      provider: 'fake',
      providerName: 'Fake key',
      exposure,
      severity,
      start: m.index,
      end: m.index + m[0].length,
      masked: `K…${m[0].slice(-1)}`,
      fingerprint: m[0],
      confidence: 'high',
      reason: 'test',
      rotateUrl: '',
      advice: '',
    }));

describe('maskDashboardSecrets: places, severities and bounds', () => {
  it('names each place exactly', () => {
    const obs = {
      cron: { state: 'jobs', jobs: [{ name: 'sync', command: 'run KEY1 now' }] },
      policies: [{ name: 'own rows', table: 'orders', using: 'k = KEY2', check: 'k = KEY3' }],
      advisors: { levels: ['ERROR'], lints: [{ title: 'Leaked key', detail: 'KEY4 here' }] },
      tables: [{ name: 'profiles', comment: 'KEY5 inside' }],
      buckets: [{ name: 'avatars', note: 'KEY6 inside' }],
      sqlUnavailable: { message: 'failed with KEY7' },
    };
    const { found } = maskDashboardSecrets(obs, fakeScan());
    expect(found.map((f) => f.where)).toEqual([
      'Supabase dashboard: cron job “sync” command',
      'Supabase dashboard: policy “own rows” on “orders” (using)',
      'Supabase dashboard: policy “own rows” on “orders” (check)',
      'Supabase dashboard: Security Advisor “Leaked key”',
      'Supabase dashboard: table “profiles”',
      'Supabase dashboard: bucket “avatars”',
      'Supabase dashboard: dashboard sqlUnavailable.message',
    ]);
  });

  it('a key in a job’s name is reported at the name; page text in a label is cleaned and cut at 40 characters', () => {
    const long = `job\u0007${'x'.repeat(60)}`;
    const { found } = maskDashboardSecrets(
      {
        cron: {
          jobs: [
            { name: long, command: 'select KEY1' },
            { name: 'KEY22 job', command: '' },
          ],
        },
      },
      fakeScan(),
    );
    expect(found.map((f) => f.where)).toEqual([`Supabase dashboard: cron job “job${'x'.repeat(36)}…” command`, 'Supabase dashboard: cron job “K…2 job” name']);
    const forty = 'y'.repeat(40);
    expect(maskDashboardSecrets({ tables: [{ name: forty, c: 'has KEY1 in' }] }, fakeScan()).found[0]!.where).toBe(`Supabase dashboard: table “${forty}”`);
    const label = maskDashboardSecrets({ [`k${'z'.repeat(200)}`]: 'has KEY1 in' }, fakeScan()).found[0]!.where;
    expect(label).toBe(`Supabase dashboard: dashboard k${'z'.repeat(200)}`.slice(0, 120));
  });

  it('a place with no name shows an empty name; a name too short to hold a key is quoted as it is', () => {
    const { found } = maskDashboardSecrets({ tables: [{ comment: 'has KEY1 in' }, { name: 'KEY2', comment: 'has KEY3 in' }] }, fakeScan());
    expect(found.map((f) => f.where)).toEqual(['Supabase dashboard: table “”', 'Supabase dashboard: table “KEY2”']);
  });

  it('a string straight under a list or a cron record gets the generic part of its label', () => {
    const { found } = maskDashboardSecrets({ policies: ['has KEY1 in'], cron: { note: 'has KEY2 in' } }, fakeScan());
    expect(found.map((f) => f.where)).toEqual(['Supabase dashboard: policy “” on “” (text)', 'Supabase dashboard: cron job “” command']);
  });

  it('a list that is a string instead (bad input) is labelled, never a crash', () => {
    const { found } = maskDashboardSecrets({ advisors: 'has KEY1 in', tables: 'has KEY2 in', buckets: 'has KEY3 in' }, fakeScan());
    expect(found.map((f) => f.where)).toEqual(['Supabase dashboard: Security Advisor “”', 'Supabase dashboard: table “”', 'Supabase dashboard: bucket “”']);
  });

  it('a name of exactly 8 characters is masked before it is quoted', () => {
    const { found } = maskDashboardSecrets({ tables: [{ name: 'KEY12345', comment: 'has KEY1 in' }] }, fakeScan());
    expect(found.map((f) => f.where)).toEqual(['Supabase dashboard: table “K…5”', 'Supabase dashboard: table “K…5”']);
  });

  it('scans strings of 8 characters and more, never shorter ones', () => {
    expect(maskDashboardSecrets({ a: 'KEY12345', b: 'KEY1234' }, fakeScan())).toMatchObject({
      observation: { a: 'K…5', b: 'KEY1234' },
      found: [{ match: { fingerprint: 'KEY12345' } }],
    });
  });

  it('critical in a cron job unless publishable; elsewhere the engine’s severity', () => {
    const obs = { cron: { jobs: [{ name: 'a', command: 'x KEY1 x' }] }, policies: [{ name: 'p', table: 't', using: 'x KEY1 x' }] };
    expect(maskDashboardSecrets(obs, fakeScan('high')).found.map((f) => f.severity)).toEqual(['critical', 'high']);
    expect(maskDashboardSecrets(obs, fakeScan('info', 'publishable')).found.map((f) => f.severity)).toEqual(['info', 'info']);
    expect(maskDashboardSecrets(obs, fakeScan('low', 'test')).found.map((f) => f.severity)).toEqual(['critical', 'low']);
  });

  it('one finding per key and place, at most 50 in all; every key is masked even past the cap', () => {
    const same = maskDashboardSecrets({ tables: [{ name: 'profiles', a: 'KEY1 KEY1', b: 'KEY1' }] }, fakeScan());
    expect(same.found).toHaveLength(1);
    const keys = Array.from({ length: 60 }, (_, i) => `KEY${i} `).join('');
    const many = maskDashboardSecrets({ tables: [{ name: 'profiles', text: keys }] }, fakeScan());
    expect(many.found).toHaveLength(50);
    expect(many.found.map((f) => f.match.fingerprint)).toEqual(Array.from({ length: 50 }, (_, i) => `KEY${i}`));
    expect(many.observation.tables[0]!.text).not.toMatch(/KEY/);
  });

  it('masks overlapping and unordered matches whole, once each, in text order', () => {
    const scan = (text: string): SecretMatch[] => {
      const base = fakeScan()(text)[0];
      if (!base) return [];
      return [
        { ...base, start: 10, end: 14, masked: '[B]', fingerprint: 'b' },
        { ...base, start: 2, end: 8, masked: '[A]', fingerprint: 'a' },
        { ...base, start: 4, end: 12, masked: '[X]', fingerprint: 'x' },
      ];
    };
    // No char of any match is shown: `89` is inside [X] (4-12), which overlaps [A]; before the 13th session it was
    // skipped and those two chars of it were shown (`01[A]89[B]4567`).
    expect(maskDashboardSecrets({ v: '01KEY1678901234567' }, scan).observation.v).toBe('01[A][X][B]4567');
  });

  it('keeps numbers, booleans, null and nested arrays as they are', () => {
    const obs = { n: 3, b: false, z: null, u: undefined, list: [[1, 'KEY1 here'], []], o: {} };
    expect(maskDashboardSecrets(obs, fakeScan()).observation).toEqual({ n: 3, b: false, z: null, u: undefined, list: [[1, 'K…1 here'], []], o: {} });
  });
});
