/**
 * Table editor sidebar (Studio TableEditor/…/EntityListItem.tsx): links to /editor/<id> of this project, with the
 * "Unrestricted" badge (RLS off on a table the Data API reaches) or the "Table exposed via Data API" icon.
 */
import { SAYS, linkTarget, norm, type DashboardPage } from '../studio';
import { BOUNDS, firstText, hasExactText, tableAnchor, take, textOf, type AnchorKey, type Extract, type TableIn } from './dom';

export interface ListedTable {
  table: TableIn;
  link: Element;
  id: string;
}

const tableName = (link: Element): string => {
  const title = link.getAttribute('title');
  if (title?.trim()) return title.trim();
  const aria = /^view\s+(.+)$/i.exec(link.getAttribute('aria-label') ?? '')?.[1];
  return aria?.trim() || firstText(link);
};

const EDITOR_LINK = 'a[href*="/editor/"]';

/** The "Table exposed via Data API" icon inside this link (a few labelled elements at most: scoped, not the page). */
function hasExposedIcon(link: Element): boolean {
  const labelled = link.querySelectorAll('[aria-label]');
  for (let i = 0; i < labelled.length && i < 20; i++) if (norm(labelled[i]!.getAttribute('aria-label')).includes(SAYS.exposedIcon)) return true;
  return false;
}

/** Sidebar entries: links to /editor/<id> of this project that are not headings (the policies page has those). */
export function listedTables(doc: Document, page: DashboardPage, base: string): ListedTable[] {
  const out: ListedTable[] = [];
  const links = take(doc, EDITOR_LINK, BOUNDS.links);
  if (!links.length) return out;
  // Headings and icons are looked up once for the page, not once per link (a 500-table sidebar has 500 links).
  const inHeading = new Set<Element>();
  for (const hd of take(doc, 'h1, h2, h3, h4, h5, h6', BOUNDS.links)) {
    const up = hd.closest(EDITOR_LINK);
    if (up) inHeading.add(up);
    for (const a of take(hd, EDITOR_LINK, 20)) inHeading.add(a);
  }
  for (const link of links) {
    const target = linkTarget(link.getAttribute('href'), base);
    const id = target ? /^\/editor\/(\d+)/.exec(target.path)?.[1] : undefined;
    if (!target || target.ref !== page.ref || !id) continue;
    if (inHeading.has(link)) continue;
    const name = tableName(link);
    if (!name) continue;
    const schema = target.params.get('schema') || page.schema || 'public';
    // The badge's word must be in the link's text before any element is searched for it (most links have none).
    const unrestricted = textOf(link, 400).toLowerCase().includes(SAYS.unrestricted) && !!hasExactText(link, SAYS.unrestricted, 60);
    const exposedIcon = !unrestricted && hasExposedIcon(link);
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

/**
 * Table ids → names learned from the sidebar's links in earlier passes, for one project. Studio's table list is
 * virtualised (TableEditorMenu.tsx → InfiniteList.tsx: only the rows in view are in the DOM), so the open table's own
 * row is often not there (scrolled away, past the first 100 tables, opened from a tab or an address); its name is
 * then taken from here. Bounded; a newer link overrides an older name (a renamed table, once its row is seen).
 */
export class TableNames {
  static readonly MAX = 5000;
  private ref = '';
  private readonly byId = new Map<string, { schema: string; name: string }>();

  learn(ref: string, listed: readonly ListedTable[]): void {
    if (ref !== this.ref) {
      this.ref = ref;
      this.byId.clear();
    }
    for (const { id, table } of listed) if (this.byId.has(id) || this.byId.size < TableNames.MAX) this.byId.set(id, { schema: table.schema, name: table.name });
  }

  get(ref: string, id: string | undefined): { schema: string; name: string } | undefined {
    return ref === this.ref && id !== undefined ? this.byId.get(id) : undefined;
  }
}

export function readTableList(doc: Document, page: DashboardPage, base: string, names?: TableNames): Extract {
  const anchors = new Map<AnchorKey, Element>();
  const listed = listedTables(doc, page, base);
  names?.learn(page.ref, listed);
  const tables = listed.map(({ table, link }) => {
    anchors.set(tableAnchor(table.schema, table.name), link);
    return table;
  });
  return { observation: { page: 'table-list', source: 'dom', ...(page.schema ? { schema: page.schema } : {}), tables }, anchors };
}
