import { defineRule, type FindingDraft } from '../../engine/rule';
import type { ProbeTable, SupabaseProbe } from '../../utils/supabase/app-evidence';
import { projectsOf } from '../../utils/supabase/app-findings';
import { ADVISOR_LINK, RLS_DOCS } from '../../utils/supabase/links';

type M = SupabaseProbe['state'];

/** The answers grouped the documented way, unclear ones first (they need a look by hand). */
export function describeAnswers(tables: readonly ProbeTable[]): string {
  const group = (v: ProbeTable['verdict']) => tables.filter((t) => t.verdict === v);
  const names = (list: ProbeTable[], show: (t: ProbeTable) => string = (t) => t.name) => list.map(show).join(', ');
  const parts: string[] = [];
  const unclear = group('unknown');
  if (unclear.length) parts.push(`unclear: ${names(unclear, (t) => `${t.name} (${t.status || 'no answer'}${t.code ? ` ${t.code}` : ''})`)}`);
  const readable = group('readable');
  if (readable.length) parts.push(`readable (200/206 rows): ${names(readable, (t) => `${t.name} (${t.count ?? '?'})`)}`);
  const empty = group('empty');
  if (empty.length) parts.push(`RLS on (200 []): ${names(empty)}`);
  const nogrant = group('no-grant');
  if (nogrant.length) parts.push(`no grant (401 42501): ${names(nogrant)}`);
  const missing = group('missing');
  if (missing.length) parts.push(`no such table (404): ${names(missing, (t) => `${t.name}${t.code ? ` ${t.code}` : ''}`)}`);
  return parts.join(' · ');
}

/**
 * Active (after consent): what the exposure check found for each table, classified the documented way, with the
 * answers it could not classify reported as unclear rather than guessed.
 */
export default defineRule<M>({
  meta: {
    id: 'app-exposure-summary',
    title: 'Supabase exposure check: what a logged-out visitor can read',
    severity: 'info',
    category: 'supabase',
    checklist: 'least-privilege',
    surfaces: ['sources'],
    confidence: 'high',
    rationale: 'One read-only request per table with the app’s own public key shows what anyone can read: rows, nothing (RLS on), no grant, or no such table.',
    messages: {
      complete:
        'Checked {checked} with the app’s public key: {readable} readable by anyone, {empty} return nothing (RLS on), {nogrant} not granted to logged-out visitors, {missing} not found, {unknown} unclear. {requests} requests in {seconds} s.{extra}',
      partial:
        'Checked {checked} with the app’s public key, some answers did not arrive: {readable} readable by anyone, {empty} return nothing (RLS on), {nogrant} not granted, {missing} not found, {unknown} unclear. {requests} requests in {seconds} s.{extra}',
      cancelled:
        'The check was cancelled after {checked}: {readable} readable by anyone, {empty} return nothing (RLS on), {nogrant} not granted, {missing} not found, {unknown} unclear.{extra}',
      'timed-out':
        'The check ran out of time after {checked}: {readable} readable by anyone, {empty} return nothing (RLS on), {nogrant} not granted, {missing} not found, {unknown} unclear.{extra}',
      failed: 'The Supabase project {ref} did not answer the check ({requests} requests in {seconds} s): nothing could be classified.{extra}',
    },
    fix: {
      summary: 'Keep Row Level Security on for every table the app uses, and re-run the check after each schema change.',
      steps: [
        'Tables marked readable: see their own findings for the SQL that closes them.',
        'Unclear answers: open the table in the dashboard and check RLS and grants by hand.',
        'Advisors → Security Advisor (“Open settings”) lists tables with RLS off and always-true policies.',
      ],
      deepLink: ADVISOR_LINK,
      docs: RLS_DOCS,
    },
  },
  check(evidence) {
    const out: FindingDraft<M>[] = [];
    for (const p of projectsOf(evidence)) {
      const probe = p.probe;
      if (!probe) continue;
      const n = (v: ProbeTable['verdict']) => probe.tables.filter((t) => t.verdict === v).length;
      const unknown = n('unknown');
      const notes = [
        probe.notChecked ? ` ${probe.notChecked} table name${probe.notChecked === 1 ? '' : 's'} not checked.` : '',
        probe.reused ? ' (Result of the last check, reused by a background re-audit.)' : '',
      ].join('');
      out.push({
        messageId: probe.state,
        ...(unknown > 0 || probe.state !== 'complete' ? { severity: 'low' as const } : {}),
        data: {
          ref: p.ref,
          checked: probe.tables.length === 1 ? '1 table' : `${probe.tables.length} tables`,
          readable: n('readable'),
          empty: n('empty'),
          nogrant: n('no-grant'),
          missing: n('missing'),
          unknown,
          requests: probe.requests,
          seconds: (probe.durationMs / 1000).toFixed(1),
          extra: notes,
        },
        evidence: [
          describeAnswers(probe.tables),
          probe.openapi ? `OpenAPI root: ${probe.openapi.status} (${probe.openapi.verdict})` : 'OpenAPI root: no answer',
          probe.buckets
            ? `buckets: ${probe.buckets.status} (${probe.buckets.verdict}${probe.buckets.list.length ? `, ${probe.buckets.list.length}` : ''})`
            : 'buckets: no answer',
          `${probe.keyKind} key`,
        ]
          .filter(Boolean)
          .join(' · '),
        location: { kind: 'request', url: `https://${p.ref}.supabase.co/rest/v1/`, name: p.ref },
        identity: p.ref,
        vars: { ref: p.ref },
      });
    }
    return out;
  },
});
