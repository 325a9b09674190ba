/**
 * Merges what one Glide builder screen showed into the per-app picture. Pure.
 * A fact a screen did not show never erases one an earlier screen showed; a complete list (every table of the app,
 * the whole workflow list, the Access screen) replaces what it covers, so fixed problems disappear. An 'unreadable'
 * read only records that the screen could not be read: it keeps the facts an earlier read saw.
 */
import { GLIDE_LIMITS, type GlideBuilder, type GlideObservation, type GlideTable } from './builder-evidence';

const newestFirst = <T extends { seenAt: number }>(list: T[], max: number) => [...list].sort((a, b) => b.seenAt - a.seenAt).slice(0, max);

export function emptyGlide(appId: string): GlideBuilder {
  return { appId, tables: [], secrets: [], urlHashes: [], teamTokens: [], tokenCandidates: [], screens: [] };
}

function mergeTables(prev: GlideTable[], obs: GlideObservation, now: number): GlideTable[] {
  const byName = new Map<string, GlideTable>();
  const incoming = new Set(obs.tables.map((t) => t.name));
  for (const t of prev) if (!(obs.tablesComplete && !incoming.has(t.name))) byName.set(t.name, t);
  for (const t of obs.tables) {
    const old = byName.get(t.name);
    const oldCols = new Map((old?.columns ?? []).map((c) => [c.name, c]));
    const cols = t.columns.map((c) => {
      const o = oldCols.get(c.name);
      return {
        name: c.name,
        rowOwner: c.rowOwner !== 'unknown' ? c.rowOwner : (o?.rowOwner ?? 'unknown'),
        computed: c.computed !== 'unknown' ? c.computed : (o?.computed ?? 'unknown'),
      };
    });
    // A complete header row replaces the old column list; a partial one adds to it.
    const seen = new Set(cols.map((c) => c.name));
    const kept = t.columnsComplete ? [] : (old?.columns ?? []).filter((c) => !seen.has(c.name));
    byName.set(t.name, {
      name: t.name,
      columns: [...cols, ...kept].slice(0, GLIDE_LIMITS.columns),
      // A partial read (one column's menu) keeps an earlier complete list complete, unless it shows a new column.
      columnsComplete: t.columnsComplete || (!!old?.columnsComplete && cols.every((c) => oldCols.has(c.name))),
      seenAt: now,
    });
  }
  return newestFirst([...byName.values()], GLIDE_LIMITS.tables);
}

export function mergeGlideObservation(prev: GlideBuilder | undefined, appId: string, obs: GlideObservation, now: number): GlideBuilder {
  const base = prev && prev.appId === appId ? prev : emptyGlide(appId);
  const screens = [
    { screen: obs.screen, status: obs.status, ...(obs.missing ? { missing: obs.missing } : {}), seenAt: now },
    ...base.screens.filter((s) => s.screen !== obs.screen),
  ];
  if (obs.status === 'unreadable') return { ...base, screens };
  const access = obs.access ? { ...obs.access, seenAt: now } : base.access;
  // The workflow list: a screen that did not say ('unknown') never replaces a list an earlier read saw.
  const workflows =
    obs.workflows && !(obs.workflows.state === 'unknown' && base.workflows && base.workflows.state !== 'unknown')
      ? { ...obs.workflows, seenAt: now }
      : base.workflows;
  const fresh = new Set(obs.secrets.map((s) => `${s.fingerprint}\u0000${s.field}`));
  const secrets = newestFirst(
    [...obs.secrets.map((s) => ({ ...s, seenAt: now })), ...base.secrets.filter((s) => !fresh.has(`${s.fingerprint}\u0000${s.field}`))],
    GLIDE_LIMITS.secrets,
  );
  const hashes = new Set(obs.urlHashes.map((u) => u.hash));
  const urlHashes = newestFirst(
    [...obs.urlHashes.map((u) => ({ ...u, seenAt: now })), ...base.urlHashes.filter((u) => !hashes.has(u.hash))],
    GLIDE_LIMITS.urls,
  );
  // "Show API": the newest reading of the panel; the team token's fingerprint when the panel showed it.
  const apiPanel = obs.apiPanel ? { shape: obs.apiPanel.shape, seenAt: now } : base.apiPanel;
  const shown = obs.apiPanel?.fingerprint && obs.apiPanel.masked ? { fingerprint: obs.apiPanel.fingerprint, masked: obs.apiPanel.masked } : undefined;
  const teamTokens = newestFirst(
    [...(shown ? [{ ...shown, seenAt: now }] : []), ...(base.teamTokens ?? []).filter((t) => t.fingerprint !== shown?.fingerprint)],
    GLIDE_LIMITS.teamTokens,
  );
  const candidateKey = (c: { fingerprint: string; field: string }) => `${c.fingerprint}\u0000${c.field}`;
  const freshCandidates = new Set(obs.tokenCandidates.map(candidateKey));
  const tokenCandidates = newestFirst(
    [...obs.tokenCandidates.map((c) => ({ ...c, seenAt: now })), ...(base.tokenCandidates ?? []).filter((c) => !freshCandidates.has(candidateKey(c)))],
    GLIDE_LIMITS.tokenCandidates,
  );
  return {
    appId,
    ...(access ? { access } : {}),
    tables: mergeTables(base.tables, obs, now),
    secrets,
    ...(workflows ? { workflows } : {}),
    urlHashes,
    ...(apiPanel ? { apiPanel } : {}),
    teamTokens,
    tokenCandidates,
    screens,
  };
}

/** Drops everything seen before `cutoff` (the retention window). */
export function dropStaleGlide(g: GlideBuilder, cutoff: number): GlideBuilder {
  const fresh = <T extends { seenAt: number }>(list: T[]) => list.filter((x) => x.seenAt >= cutoff);
  return {
    appId: g.appId,
    ...(g.access && g.access.seenAt >= cutoff ? { access: g.access } : {}),
    tables: fresh(g.tables),
    secrets: fresh(g.secrets),
    ...(g.workflows && g.workflows.seenAt >= cutoff ? { workflows: g.workflows } : {}),
    urlHashes: fresh(g.urlHashes),
    ...(g.apiPanel && g.apiPanel.seenAt >= cutoff ? { apiPanel: g.apiPanel } : {}),
    teamTokens: fresh(g.teamTokens ?? []),
    tokenCandidates: fresh(g.tokenCandidates ?? []),
    screens: fresh(g.screens),
  };
}

export const isEmptyGlide = (g: GlideBuilder) =>
  !g.access &&
  !g.tables.length &&
  !g.secrets.length &&
  !g.workflows &&
  !g.urlHashes.length &&
  !g.apiPanel &&
  !(g.teamTokens ?? []).length &&
  !(g.tokenCandidates ?? []).length &&
  !g.screens.length;
