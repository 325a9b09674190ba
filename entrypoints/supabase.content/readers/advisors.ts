/**
 * Security Advisor (/advisors/security?preset=…, older /database/security-advisor), Studio Linter/LinterDataGrid.tsx:
 * one row per lint with its title (from a lint-info map with no fallback: an unknown lint has an empty title), its
 * entity (`metadata.entity` or `schema.name`) and the lint's generic description, the same for every row of that
 * lint. So a row gives name, entity and level only:
 * - the level is the tab the row is listed under (the selected tab, else ?preset=), never words on the row (the
 *   "Sensitive Columns Exposed" description mentions "financial info");
 * - the description is not parsed (no columns, policy names or commands are on the row), and the detail panel is
 *   not read, so a lint's fingerprint is the same whether the panel is open or not;
 * - a row without a title means the list is not fully understood: the tab is then not reported complete.
 */
import type { Level, ObservationDraft } from '@/utils/supabase/dashboard-evidence';
import { SAYS, lintNameFor, norm, type DashboardPage } from '../studio';
import { BOUNDS, firstText, take, textOf, type Extract } from './dom';

type LintIn = NonNullable<ObservationDraft['advisors']>['lints'][number];

/** Splits a Studio entity cell ("public.profiles", "storage.avatars", "Auth") into schema and name. */
function entityOf(text: string): { schema?: string; entity?: string } {
  const t = text.replace(/\s+/g, ' ').trim();
  if (!t || t.length > 200) return {};
  const dot = /^([^.\s]+)\.(.+)$/.exec(t);
  return dot ? { schema: dot[1]!, entity: dot[2]! } : { entity: t };
}

/** The level of the selected tab (Errors, Warnings, Info), when the page marks one as selected. */
function selectedTab(doc: Document): Level | undefined {
  for (const tab of take(doc, '[role="tab"]', 20)) {
    if (tab.getAttribute('aria-selected') !== 'true' && tab.getAttribute('data-state') !== 'active') continue;
    const word = norm(textOf(tab, 60)).split(' ')[0] ?? '';
    const level = SAYS.levelTabs[word];
    if (level) return level;
  }
  return undefined;
}

export function readAdvisors(doc: Document, page: DashboardPage, base: string): Extract {
  void base;
  const level: Level = selectedTab(doc) ?? page.level ?? 'ERROR';
  const lints: LintIn[] = [];
  let untitled = 0;
  for (const row of take(doc, '[role="row"], tr', BOUNDS.rows)) {
    if (row.querySelector('[role="columnheader"], th')) continue;
    const cells = take(row, '[role="gridcell"], [role="cell"], td', 6);
    if (cells.length < 2) continue;
    const title = firstText(cells[0]!);
    const { schema, entity } = entityOf(textOf(cells[1]!, 300));
    if (!title) {
      if (entity) untitled++; // a lint Studio has no title for: seen, not understood
      continue;
    }
    if (title.length > 120) continue;
    const name = lintNameFor(title);
    lints.push({
      name,
      title,
      level,
      cacheKey: [name, schema, entity].filter((x) => x !== undefined).join('_'),
      ...(schema ? { schema } : {}),
      ...(entity ? { entity } : {}),
    });
  }
  const empty = SAYS.noIssues.test(norm(textOf(doc.querySelector('main') ?? doc.body, BOUNDS.text)));
  const seen = lints.length > 0 || empty;
  const complete = seen && untitled === 0;
  return {
    observation: { page: 'advisors', source: 'dom', ...(seen || untitled ? { advisors: { levels: complete ? [level] : [], lints } } : {}) },
    anchors: new Map(),
  };
}
