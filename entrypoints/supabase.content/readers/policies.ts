/**
 * Policies page (/auth/policies, /database/policies): one card per table (Studio Auth/Policies/PolicyTableRow/
 * index.tsx with its notices, PolicyTableRowHeader.tsx with the RLS badge and button, PolicyRow.tsx rows), and an
 * open policy editor's SQL (policy-sql.ts).
 */
import { SAYS, linkTarget, norm, type DashboardPage } from '../studio';
import { BOUNDS, cardOf, firstText, hasExactText, tableAnchor, take, textOf, type AnchorKey, type Extract, type PolicyIn, type TableIn } from './dom';
import { policiesInEditors } from './policy-sql';
import { policyRows } from './policy-rows';

export function readPolicies(doc: Document, page: DashboardPage, base: string): Extract {
  const schema = page.schema ?? 'public';
  const anchors = new Map<AnchorKey, Element>();
  const heads = take(doc, 'a[href*="/editor/"]', BOUNDS.cards).filter((a) => {
    const t = linkTarget(a.getAttribute('href'), base);
    return t?.ref === page.ref && !!(a.querySelector('h1, h2, h3, h4, h5, h6') || a.closest('h1, h2, h3, h4, h5, h6'));
  });
  const tables: TableIn[] = [];
  const policies: PolicyIn[] = [];
  const policyTables: { schema: string; name: string }[] = [];
  for (const head of heads) {
    const name = firstText(head);
    if (!name) continue;
    const card = cardOf(head, heads);
    const text = norm(textOf(card));
    const table: TableIn = { schema, name };
    if (text.includes(SAYS.badgeDisabled) || hasExactText(card, SAYS.enableRls)) table.rls = 'disabled';
    else if (text.includes(SAYS.badgeEnabled) || hasExactText(card, SAYS.disableRls)) table.rls = 'enabled';
    if (text.includes(SAYS.openToAnyone)) Object.assign(table, { rls: 'disabled', exposed: 'yes' });
    else if (text.includes(SAYS.noPermissions) || text.includes(SAYS.schemaNotExposed)) table.exposed = 'no';
    else if (text.includes(SAYS.noPolicies)) Object.assign(table, { rls: 'enabled', exposed: 'yes', policyCount: 0 });
    const rows = policyRows(card);
    const none = text.includes(SAYS.noPoliciesYet);
    if (rows.length || none) {
      table.policyCount = rows.length;
      policyTables.push({ schema, name });
      for (const r of rows) policies.push({ schema, table: name, ...r });
    }
    tables.push(table);
    anchors.set(tableAnchor(schema, name), head);
  }
  // An open policy editor shows the policy as SQL: the only place the dashboard shows USING / WITH CHECK. What it
  // shows completes the listed policy of that name (its command and roles stay as the list shows them).
  for (const p of policiesInEditors(doc)) {
    const listed = policies.find((x) => x.schema === p.schema && x.table === p.table && x.name === p.name);
    if (!listed) {
      policies.push(p);
      continue;
    }
    if (p.using !== undefined) listed.using = p.using;
    if (p.check !== undefined) listed.check = p.check;
    if (p.exprUnread) listed.exprUnread = true;
  }
  return {
    observation: { page: 'policies', source: 'dom', schema, tables, tablesComplete: !page.filtered && heads.length > 0, policies, policyTables },
    anchors,
  };
}
