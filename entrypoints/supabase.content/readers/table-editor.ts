/**
 * One table open in the table editor (Studio grid/components/header/GridHeaderActions.tsx): "RLS disabled",
 * "Add RLS policy" or "<n>RLS policies" in the header, the grid's column headers; the sidebar as in table-list.ts.
 */
import { SAYS, linkTarget, norm, type DashboardPage } from '../studio';
import { BOUNDS, firstText, tableAnchor, take, type AnchorKey, type Extract, type TableIn } from './dom';
import { listedTables, type TableNames } from './table-list';

/**
 * Every header wording read below says "RLS" or "row level security" (studio.ts SAYS: rlsDisabledButton,
 * enableForTable, addPolicy, policyCount): a button without either is skipped before its text is normalised (an
 * editor page has hundreds of buttons, read on every pass).
 */
export const HEADER_WORDS = /rls|row\s+level\s+security/i;

export function readTableEditor(doc: Document, page: DashboardPage, base: string, names?: TableNames): Extract {
  const listed = listedTables(doc, page, base);
  names?.learn(page.ref, listed);
  const anchors = new Map<AnchorKey, Element>();
  for (const { table, link } of listed) anchors.set(tableAnchor(table.schema, table.name), link);
  // The open table's row in the (virtualised) sidebar, else its name as an earlier pass saw it there.
  const current = listed.find((l) => l.id === page.tableId)?.table ?? names?.get(page.ref, page.tableId);
  let name = current?.name;
  let schema = current?.schema ?? page.schema ?? 'public';
  const facts: Partial<TableIn> = {};
  // Header controls only: buttons, and links to the policies page (the sidebar's table links are not read here).
  for (const el of take(doc, 'button, [role="button"]:not(a), a[href*="/policies"]', BOUNDS.buttons)) {
    const raw = el.textContent ?? '';
    if (raw.length > 60 || !HEADER_WORDS.test(raw)) continue;
    const t = norm(raw);
    if ((SAYS.rlsDisabledButton as readonly string[]).includes(t) || t === SAYS.enableForTable) {
      facts.rls = 'disabled';
      if (t === SAYS.rlsDisabledButton[0]) facts.exposed = 'yes'; // Studio shows it only when the advisor flags the table
    } else if (t === SAYS.addPolicy) {
      facts.rls = 'enabled';
      facts.policyCount = 0;
    } else {
      const count = SAYS.policyCount.exec(t);
      if (count) {
        facts.rls = 'enabled';
        if (count[1]) facts.policyCount = Number(count[1]);
      }
    }
    // The policies link names the table (newer Studio: ?search=<name>; older: the numeric id).
    if (!name && (t === SAYS.addPolicy || SAYS.policyCount.test(t))) {
      const target = linkTarget(el.getAttribute('href') ?? el.querySelector('a')?.getAttribute('href') ?? null, base);
      const search = target?.ref === page.ref ? target.params.get('search') : null;
      if (search && !/^\d+$/.test(search)) {
        name = search;
        schema = target?.params.get('schema') || schema;
      }
    }
  }
  const columns: string[] = [];
  for (const h of take(doc, '[role="columnheader"]', BOUNDS.headers)) {
    const c = firstText(h);
    if (c && c.length <= 63 && !/^select all/i.test(c) && !columns.includes(c)) columns.push(c);
  }
  const tables = listed.map((l) => l.table);
  if (name) {
    const i = tables.findIndex((t) => t.schema === schema && t.name === name);
    const merged: TableIn = { ...(i >= 0 ? tables[i]! : { schema, name }), ...facts, ...(columns.length ? { columns } : {}) };
    if (i >= 0) tables[i] = merged;
    else tables.push(merged);
  }
  return { observation: { page: 'table-editor', source: 'dom', ...(page.schema ? { schema: page.schema } : {}), tables }, anchors };
}
