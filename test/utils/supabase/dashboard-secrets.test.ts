/**
 * utils/supabase/dashboard-secrets.ts (issue 10 item 11): a `service_role` JWT and an `sk_live_` key inside a cron
 * command were stored raw and no finding reported them. Every string a dashboard reader collected is scanned; keys
 * are masked and reported (critical in a scheduled job). Keys are built at run time (test/utils/secrets/fake-keys).
 */
import { describe, expect, it } from 'vitest';
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
