/**
 * Per-page readers of the Supabase dashboard: DOM in, facts out (a DashboardObservation) plus the elements the
 * facts came from (anchors for the in-page markers). Each reads only its page's relevant region, visits a bounded
 * number of elements and a bounded amount of text, and ignores links to any project but the one in the address
 * (a page can show another project's ref; it never decides which project facts belong to).
 * Matching follows Studio's wording loosely (entrypoints/supabase.content/studio.ts) and never its class names.
 */
import type { Level, ObservationDraft } from '@/utils/supabase/dashboard-evidence';
import { COMMANDS } from '@/utils/supabase/dashboard-constants';
import { LEVEL_OF_PRESET, SAYS, lintNameFor, linkTarget, norm, type DashboardPage } from './studio';

export const BOUNDS = { links: 3000, buttons: 800, rows: 2000, headers: 300, cards: 2000, text: 20_000, cardText: 4000, dialogText: 100_000 } as const;

export type AnchorKey = `table:${string}` | `bucket:${string}`;
export const tableAnchor = (schema: string, name: string): AnchorKey => `table:${schema}\u0000${name}`;
export const bucketAnchor = (id: string): AnchorKey => `bucket:${id}`;

export interface Extract {
  observation: ObservationDraft;
  /** Elements to put markers next to, by what they show. */
  anchors: Map<AnchorKey, Element>;
}

type PolicyIn = NonNullable<ObservationDraft['policies']>[number];
type TableIn = NonNullable<ObservationDraft['tables']>[number];

// ─── small DOM helpers (bounded) ──────────────────────────────────────────────────────────────────────────────

function take<T extends Element>(root: ParentNode, selector: string, max: number): T[] {
  const list = root.querySelectorAll<T>(selector);
  const out: T[] = [];
  for (let i = 0; i < list.length && i < max; i++) out.push(list[i]!);
  return out;
}

/** textContent, cut: a page cannot make us copy megabytes. */
export function textOf(el: Element | null | undefined, max: number = BOUNDS.cardText): string {
  const t = el?.textContent ?? '';
  return t.length > max ? t.slice(0, max) : t;
}

/** The first non-empty text node under `el` (a name before its badges and icons), bounded walk. */
export function firstText(el: Element, maxNodes = 40): string {
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  for (let i = 0; i < maxNodes; i++) {
    const n = walker.nextNode();
    if (!n) break;
    const t = (n.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (t) return t;
  }
  return '';
}

/** Some element under `root` (or root) whose whole text is exactly `wanted` (a badge, a button), bounded. */
function hasExactText(root: Element, wanted: readonly string[] | string, max = 200): Element | undefined {
  const want = typeof wanted === 'string' ? [wanted] : wanted;
  if (want.includes(norm(textOf(root, 200)))) return root;
  const all = root.getElementsByTagName('*');
  for (let i = 0; i < all.length && i < max; i++) {
    const el = all[i]!;
    if (el.children.length > 3) continue;
    const t = el.textContent ?? '';
    if (t.length <= 60 && want.includes(norm(t))) return el;
  }
  return undefined;
}

const tableName = (link: Element): string => {
  const title = link.getAttribute('title');
  if (title?.trim()) return title.trim();
  const aria = /^view\s+(.+)$/i.exec(link.getAttribute('aria-label') ?? '')?.[1];
  return aria?.trim() || firstText(link);
};

// ─── table list (table editor sidebar) and table editor ────────────────────────────────────────────────────────

interface ListedTable {
  table: TableIn;
  link: Element;
  id: string;
}

/** Sidebar entries: links to /editor/<id> of this project that are not headings (the policies page has those). */
function listedTables(doc: Document, page: DashboardPage, base: string): ListedTable[] {
  const out: ListedTable[] = [];
  for (const link of take(doc, 'a[href*="/editor/"]', BOUNDS.links)) {
    const target = linkTarget(link.getAttribute('href'), base);
    const id = target ? /^\/editor\/(\d+)/.exec(target.path)?.[1] : undefined;
    if (!target || target.ref !== page.ref || !id) continue;
    if (link.querySelector('h1, h2, h3, h4, h5, h6') || link.closest('h1, h2, h3, h4, h5, h6')) continue;
    const name = tableName(link);
    if (!name) continue;
    const schema = target.params.get('schema') || page.schema || 'public';
    const unrestricted = !!hasExactText(link, SAYS.unrestricted, 60);
    let exposedIcon = false;
    for (const el of take(link, '[aria-label]', 20)) if (norm(el.getAttribute('aria-label')).includes(SAYS.exposedIcon)) exposedIcon = true;
    out.push({
      id,
      link,
      table: {
        schema,
        name,
        // "Unrestricted": RLS off on a table the Data API reaches. The globe: reachable (RLS state not shown).
        rls: unrestricted ? 'disabled' : 'unknown',
        exposed: unrestricted || exposedIcon ? 'yes' : 'unknown',
      },
    });
  }
  return out;
}

export function readTableList(doc: Document, page: DashboardPage, base: string): Extract {
  const anchors = new Map<AnchorKey, Element>();
  const tables = listedTables(doc, page, base).map(({ table, link }) => {
    anchors.set(tableAnchor(table.schema, table.name), link);
    return table;
  });
  return { observation: { page: 'table-list', source: 'dom', ...(page.schema ? { schema: page.schema } : {}), tables }, anchors };
}

export function readTableEditor(doc: Document, page: DashboardPage, base: string): Extract {
  const listed = listedTables(doc, page, base);
  const anchors = new Map<AnchorKey, Element>();
  for (const { table, link } of listed) anchors.set(tableAnchor(table.schema, table.name), link);
  const current = listed.find((l) => l.id === page.tableId);
  let name = current?.table.name;
  let schema = current?.table.schema ?? page.schema ?? 'public';
  const facts: Partial<TableIn> = {};
  // Header controls only: buttons, and links to the policies page (the sidebar's table links are not read here).
  for (const el of take(doc, 'button, [role="button"]:not(a), a[href*="/policies"]', BOUNDS.buttons)) {
    const raw = el.textContent ?? '';
    if (raw.length > 60) continue;
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

// ─── policies (per-table cards) ────────────────────────────────────────────────────────────────────────────────

/** The largest ancestor of `el` (a few levels up) that holds no other card marker: the card `el` heads. */
function cardOf(el: Element, isMarker: (e: Element) => boolean, markers: Element[], depth = 8): Element {
  let card: Element = el;
  for (let i = 0, up = el.parentElement; up && i < depth; i++, up = up.parentElement) {
    if (up.tagName === 'BODY' || up.tagName === 'MAIN') break;
    if (markers.some((m) => m !== el && up.contains(m) && isMarker(m))) break;
    card = up;
  }
  return card;
}

const COMMAND_SET = new Set<string>(COMMANDS);

/** Policy rows of a card: Name | Command | Applied to (roles as <code>, at most two, then "+ n more"). */
function policyRows(card: Element): Omit<PolicyIn, 'schema' | 'table'>[] {
  const out: Omit<PolicyIn, 'schema' | 'table'>[] = [];
  for (const row of take(card, 'tr, [role="row"]', 500)) {
    if (row.querySelector('th, [role="columnheader"]')) continue;
    const cells = take(row, 'td, [role="cell"], [role="gridcell"]', 8);
    if (cells.length < 3) continue;
    const name = firstText(cells[0]!) || norm(textOf(cells[0]!, 200));
    const command = textOf(cells[1]!, 40).replace(/\s+/g, '').toUpperCase();
    if (!name || !COMMAND_SET.has(command)) continue;
    const codes = take(cells[2]!, 'code', 10).map((c) => (c.textContent ?? '').trim()).filter(Boolean);
    const rolesText = codes.length ? codes : textOf(cells[2]!, 300).split(',').map((r) => r.trim()).filter(Boolean);
    const more = rolesText.some((r) => /^\+\s*\d+\s*more$/i.test(r));
    const roles = rolesText.filter((r) => !/^\+\s*\d+\s*more$/i.test(r) && /^[\w-]{1,63}$/.test(r) && r !== 'anonymous');
    out.push({ name, command: command as PolicyIn['command'], roles, rolesTruncated: more });
  }
  return out;
}

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
    const card = cardOf(head, () => true, heads);
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
  // An open policy editor shows the policy as SQL: the only place the dashboard shows USING / WITH CHECK.
  for (const p of policiesInDialogs(doc)) {
    if (!policies.some((x) => x.schema === p.schema && x.table === p.table && x.name === p.name && x.using === undefined)) policies.push(p);
    else Object.assign(policies.find((x) => x.schema === p.schema && x.table === p.table && x.name === p.name)!, { using: p.using, check: p.check });
  }
  return {
    observation: { page: 'policies', source: 'dom', schema, tables, tablesComplete: !page.filtered && heads.length > 0, policies, policyTables },
    anchors,
  };
}

// ─── policy SQL (policy editor dialogs) ────────────────────────────────────────────────────────────────────────

/** A parenthesised expression starting at `open` ('('), balanced, quotes respected; returns inner text and end. */
function balanced(s: string, open: number): { inner: string; end: number } | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < s.length && i < open + 4000; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return { inner: s.slice(open + 1, i).trim(), end: i + 1 };
  }
  return undefined;
}

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)`;
const unquote = (s: string) => (s.startsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s.toLowerCase());

/** `create policy "name" on schema.table [as permissive] [for cmd] [to roles] [using (…)] [with check (…)]`. */
export function parseCreatePolicies(sql: string): PolicyIn[] {
  const out: PolicyIn[] = [];
  const head = new RegExp(String.raw`create\s+policy\s+(${IDENT})\s+on\s+(?:(${IDENT})\s*\.\s*)?(${IDENT})`, 'gi');
  for (const m of sql.matchAll(head)) {
    let rest = sql.slice(m.index! + m[0].length, m.index! + m[0].length + 8000);
    const stop = /\bcreate\s+policy\b/i.exec(rest);
    if (stop) rest = rest.slice(0, stop.index);
    const permissive = !/^\s*as\s+restrictive/i.test(rest);
    const cmd = /^\s*(?:as\s+\w+\s+)?for\s+(all|select|insert|update|delete)\b/i.exec(rest)?.[1]?.toUpperCase() ?? 'ALL';
    const to = /\bto\s+((?:[\w"]+\s*,\s*)*[\w"]+)/i.exec(rest.split(/\busing\b|\bwith\s+check\b/i)[0] ?? '');
    const roles = to ? to[1]!.split(',').map((r) => unquote(r.trim())) : ['public'];
    let using: string | null = null;
    let check: string | null = null;
    const u = /\busing\s*\(/i.exec(rest);
    if (u) using = balanced(rest, u.index + u[0].length - 1)?.inner ?? null;
    const w = /\bwith\s+check\s*\(/i.exec(rest);
    if (w) check = balanced(rest, w.index + w[0].length - 1)?.inner ?? null;
    out.push({ schema: m[2] ? unquote(m[2]) : 'public', table: unquote(m[3]!), name: unquote(m[1]!), command: cmd as PolicyIn['command'], roles, permissive, using, check });
    if (out.length >= 50) break;
  }
  return out;
}

function policiesInDialogs(doc: Document): PolicyIn[] {
  const out: PolicyIn[] = [];
  for (const d of take(doc, '[role="dialog"], dialog', 5)) out.push(...parseCreatePolicies(textOf(d, BOUNDS.dialogText).replace(/\s+/g, ' ')));
  return out;
}

// ─── Security Advisor ──────────────────────────────────────────────────────────────────────────────────────────

type LintIn = NonNullable<ObservationDraft['advisors']>['lints'][number];

/** Splits a Studio entity cell ("public.profiles", "storage.avatars", "Auth") into schema and name. */
function entityOf(text: string): { schema?: string; entity?: string } {
  const t = text.replace(/\s+/g, ' ').trim();
  if (!t || t.length > 200) return {};
  const dot = /^([^.\s]+)\.(.+)$/.exec(t);
  return dot ? { schema: dot[1]!, entity: dot[2]! } : { entity: t };
}

/** The open lint detail: policy name, command and roles of a policy lint (Studio renders `code` spans). */
function lintDetail(doc: Document): { schema: string; table: string; policy: string; command?: string; roles?: string[]; text: string } | undefined {
  for (const el of take(doc, 'p, div, li', 4000)) {
    if (el.children.length > 12) continue;
    const text = textOf(el, 1200).replace(/\s+/g, ' ').trim();
    if (!/has an? (rls|row level security) policy/i.test(text)) continue;
    const codes = take(el, 'code', 6).map((c) => (c.textContent ?? '').trim());
    const ticks = [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    const parts = codes.length >= 2 ? codes : ticks;
    if (parts.length < 2) continue;
    const { schema, entity } = entityOf(parts[0]!);
    if (!schema || !entity) continue;
    const roles = /bypasses row-level security for ([^.]+)\./i.exec(text)?.[1]?.split(',').map((r) => r.trim()).filter((r) => /^[\w-]{1,63}$/.test(r));
    return { schema, table: entity, policy: parts[1]!, ...(parts[2] ? { command: parts[2].toUpperCase() } : {}), ...(roles?.length ? { roles } : {}), text };
  }
  return undefined;
}

export function readAdvisors(doc: Document, page: DashboardPage, base: string): Extract {
  void base;
  const level: Level = page.level ?? 'ERROR';
  const lints: LintIn[] = [];
  const detail = lintDetail(doc);
  for (const row of take(doc, '[role="row"], tr', BOUNDS.rows)) {
    if (row.querySelector('[role="columnheader"], th')) continue;
    const cells = take(row, '[role="gridcell"], [role="cell"], td', 6);
    if (cells.length < 2) continue;
    const title = firstText(cells[0]!);
    if (!title || title.length > 120) continue;
    const name = lintNameFor(title);
    const { schema, entity } = entityOf(textOf(cells[1]!, 300));
    // A level word in the row (newer lists mix levels) wins over the tab.
    const rowLevel = LEVEL_OF_PRESET[norm(textOf(row, 600)).match(/\b(error|warning|warn|info)\b/)?.[1] ?? ''] ?? level;
    const isDetail = detail && detail.schema === schema && detail.table === entity && /always true|permissive|user.?metadata/i.test(title);
    const cacheKey = [name, schema, entity, isDetail ? detail.policy : undefined].filter((x) => x !== undefined).join('_');
    lints.push({
      name,
      title,
      level: rowLevel,
      cacheKey,
      ...(schema ? { schema } : {}),
      ...(entity ? { entity } : {}),
      ...(isDetail ? { policy: detail.policy, ...(detail.roles ? { roles: detail.roles } : {}), detail: detail.text } : {}),
      ...(cells[2] ? { detail: (isDetail ? detail.text : textOf(cells[2], 600)).replace(/\s+/g, ' ').trim() } : {}),
    });
  }
  const empty = SAYS.noIssues.test(norm(textOf(doc.querySelector('main') ?? doc.body, BOUNDS.text)));
  const complete = lints.length > 0 || empty;
  return {
    observation: { page: 'advisors', source: 'dom', ...(complete ? { advisors: { levels: [level], lints } } : {}) },
    anchors: new Map(),
  };
}

// ─── storage ───────────────────────────────────────────────────────────────────────────────────────────────────

export function readBuckets(doc: Document, page: DashboardPage, base: string): Extract {
  const anchors = new Map<AnchorKey, Element>();
  const buckets: { id: string; name: string; public: boolean }[] = [];
  for (const link of take(doc, 'a[href*="/storage/buckets/"], a[href*="/storage/files/buckets/"]', BOUNDS.links)) {
    const target = linkTarget(link.getAttribute('href'), base);
    const raw = target?.ref === page.ref ? /\/storage\/(?:files\/)?buckets\/([^/?#]+)/.exec(target.path)?.[1] : undefined;
    if (!raw) continue;
    let id: string;
    try {
      id = decodeURIComponent(raw);
    } catch {
      continue;
    }
    if (buckets.some((b) => b.id === id)) continue;
    const name = link.querySelector('[title]')?.getAttribute('title')?.trim() || firstText(link) || id;
    const row = link.closest('tr, [role="row"], li') ?? link.parentElement ?? link;
    buckets.push({ id, name, public: !!hasExactText(row, 'public', 80) });
    anchors.set(bucketAnchor(id), link);
  }
  return { observation: { page: 'storage', source: 'dom', buckets, bucketsComplete: buckets.length > 0 }, anchors };
}

/** Storage → Policies: one card per bucket (its name as heading), rows as on the policies page. */
export function readStoragePolicies(doc: Document, page: DashboardPage, base: string): Extract {
  void page;
  void base;
  const heads = take(doc, 'h2, h3, h4, h5', BOUNDS.cards);
  const policies: PolicyIn[] = [];
  for (const head of heads) {
    const bucket = firstText(head);
    if (!bucket || /polic|storage\.|^buckets?$/i.test(bucket)) continue;
    const card = cardOf(head, () => true, heads);
    for (const r of policyRows(card)) policies.push({ schema: 'storage', table: 'objects', bucket, ...r });
  }
  return { observation: { page: 'storage-policies', source: 'dom', policies }, anchors: new Map() };
}

// ─── cron ──────────────────────────────────────────────────────────────────────────────────────────────────────

const CRON_EXPR = /^(\S+\s+){4}\S+$|^\d+\s+seconds?$/i;
const SQLISH = /\b(select|delete|call|update|insert|truncate|perform|drop|vacuum|refresh)\b|net\.http/i;

export function readCron(doc: Document, page: DashboardPage, base: string): Extract {
  void page;
  void base;
  const region = doc.querySelector('main') ?? doc.body;
  const jobs: { name: string; schedule: string; command: string }[] = [];
  for (const row of take(region, 'tr, [role="row"]', 400)) {
    if (row.querySelector('th, [role="columnheader"]')) continue;
    const cells = take(row, 'td, [role="gridcell"], [role="cell"]', 10).map((c) => textOf(c, 2000).replace(/\s+/g, ' ').trim());
    if (cells.length < 2) continue;
    const schedule = cells.find((c) => CRON_EXPR.test(c)) ?? '';
    const command = cells.filter((c) => SQLISH.test(c)).sort((a, b) => b.length - a.length)[0] ?? '';
    if (!schedule && !command) continue;
    jobs.push({ name: cells[0]!.slice(0, 128), schedule, command });
  }
  const text = norm(textOf(region, BOUNDS.text));
  let cron: ObservationDraft['cron'];
  if (jobs.length) cron = { state: 'jobs', jobs };
  else if (SAYS.noJobs.some((s) => text.includes(s))) cron = { state: 'no-jobs', jobs: [] };
  else if (SAYS.cronOff.some((s) => text.includes(s))) cron = { state: 'extension-off', jobs: [] };
  return { observation: { page: 'cron', source: 'dom', ...(cron ? { cron } : {}) }, anchors: new Map() };
}

/** API keys: we only note that the page was seen. Keys on it (publishable in full, secret ones masked) are never read. */
export function readApiKeys(): Extract {
  return { observation: { page: 'api-keys', source: 'dom' }, anchors: new Map() };
}

export function readPage(doc: Document, page: DashboardPage, base: string): Extract {
  switch (page.kind) {
    case 'table-list':
      return readTableList(doc, page, base);
    case 'table-editor':
      return readTableEditor(doc, page, base);
    case 'policies':
      return readPolicies(doc, page, base);
    case 'advisors':
      return readAdvisors(doc, page, base);
    case 'storage':
      return readBuckets(doc, page, base);
    case 'storage-policies':
      return readStoragePolicies(doc, page, base);
    case 'cron':
      return readCron(doc, page, base);
    case 'api-keys':
    case 'deep-audit':
      return readApiKeys();
  }
}
