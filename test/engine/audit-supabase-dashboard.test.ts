/**
 * The dashboard rules run only on what was seen: a Bubble editor, or a dashboard whose cron page or Security
 * Advisor was never opened, leaves their checklist items "review by hand" instead of passing them.
 */
import { describe, expect, it } from 'vitest';
import { buildAudit } from '@/engine/audit';
import { BUILDER_RULES } from '@/rules';
import { EvidenceSchema } from '@/utils/evidence/evidence';
import { NOW } from '../helpers/evidence';
import { dashboard, table } from '../helpers/dashboard';

const opts = { mode: 'click' as const, fullAccess: true, retentionDays: 30, startedAt: NOW, now: NOW };
const retention = (a: ReturnType<typeof buildAudit>) => a.checklist.find((r) => r.item === 'data-retention')?.state;

describe('dashboard surfaces', () => {
  it('a Bubble editor audit runs none of the Supabase dashboard rules', () => {
    const bubble = EvidenceSchema.parse({
      url: 'https://bubble.io/page?id=x',
      origin: 'https://bubble.io/page?id=x',
      collectedAt: NOW,
      responses: [],
      cookies: [],
      redirect: { status: 'not-checked', reason: 'x' },
      builder: { platform: 'bubble', secrets: [] },
      globals: {},
      gaps: [],
    });
    const a = buildAudit(bubble, BUILDER_RULES, opts);
    expect(a.evaluated.filter((id) => id.startsWith('supabase-'))).toEqual([]);
    expect(retention(a)).toBe('unchecked');
  });

  it('cron never seen: data retention stays to be reviewed; seen empty with personal data: fails', () => {
    const tables = [table({ name: 'profiles', columns: ['id', 'email', 'created_at'] })];
    expect(retention(buildAudit(dashboard({ tables }), BUILDER_RULES, opts))).toBe('unchecked');
    expect(retention(buildAudit(dashboard({ tables, cron: { state: 'no-jobs', jobs: [], source: 'dom', seenAt: NOW } }), BUILDER_RULES, opts))).toBe('fail');
  });

  it('the advisor rules wait for the Security Advisor', () => {
    const a = buildAudit(dashboard({ tables: [table({ name: 't', rls: 'enabled' })] }), BUILDER_RULES, opts);
    expect(a.skipped).toEqual(
      expect.arrayContaining([
        'supabase-advisor-lint',
        'supabase-security-definer-view',
        'supabase-exposed-auth-users',
        'supabase-leaked-service-key',
        'supabase-no-retention-job',
      ]),
    );
    expect(a.evaluated).toContain('supabase-rls-disabled');
  });
});
