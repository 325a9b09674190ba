/** Hand-made Evidence for the deployed-app Supabase rules: a page plus what discovery and the exposure check found. */
import { EvidenceSchema, type Evidence } from '@/utils/evidence/evidence';
import type { SupabaseProbeInput } from '@/utils/supabase/app-evidence';
import { evidence, type PageSpec } from './evidence';

export const REF = 'qwertyuiopasdfghjklz';

export interface ProjectSpec {
  ref?: string;
  keys?: { kind: 'anon-jwt' | 'publishable' | 'service-role-jwt' | 'secret'; masked: string; fingerprint: string }[];
  tables?: { name: string; inCode?: boolean; requested?: boolean; selected?: string[]; requests?: Record<string, unknown>[] }[];
  tablesFound?: number;
  probe?: Partial<SupabaseProbeInput>;
  skipped?: 'no-consent' | 'no-public-key' | 'not-run';
}

export const ANON = { kind: 'anon-jwt' as const, masked: 'eyJ…AbCd', fingerprint: '0123456789abcdef' };

/** A complete probe result; override what the test is about. */
export function probe(over: Partial<SupabaseProbeInput> = {}): SupabaseProbeInput {
  return {
    state: 'complete',
    keyKind: 'anon-jwt',
    startedAt: 1,
    durationMs: 1500,
    requests: 4,
    openapi: { status: 403, verdict: 'locked' },
    tables: [],
    buckets: { status: 200, verdict: 'empty', list: [] },
    ...over,
  };
}

export function supabaseEvidence(projects: ProjectSpec[], page: PageSpec = {}): Evidence {
  const base = evidence(page);
  return EvidenceSchema.parse({
    ...base,
    sources: [],
    supabase: {
      projects: projects.map((p) => ({
        ref: p.ref ?? REF,
        url: `https://${p.ref ?? REF}.supabase.co`,
        keys: p.keys ?? [ANON],
        tables: p.tables ?? [],
        tablesFound: p.tablesFound ?? p.tables?.length ?? 0,
        ...(p.probe ? { probe: probe(p.probe) } : {}),
        ...(p.skipped ? { skipped: p.skipped } : {}),
      })),
    },
  });
}
