/**
 * The Data screen (`/data`): the "Data Sources" table list, the open table's column headers, an open column menu
 * ("Make Row Owner" offered → that column is not a Row Owner), and keys or URLs in open panels (column editors,
 * Call API / AI integrations). The "Show API" panel is where the team token belongs: it is never reported.
 * The grid's way of marking a Row Owner column is not documented: it is never guessed.
 */
import type { GlideObservationDraft } from '@/utils/glide/builder-evidence';
import { DATA, ROLES } from '../anchors';
import { BOUNDS, byText, heading, take, textOf } from './dom';
import { readPanels } from './panels';

type Table = NonNullable<GlideObservationDraft['tables']>[number];

/** The list under the "Data Sources" heading: its items' names, and the selected one. */
function sources(doc: Document): { names: string[]; selected?: string } | undefined {
  const h = heading(doc, DATA.sources);
  if (!h) return undefined;
  // The smallest ancestor of the heading that holds list items is the table list.
  let box: Element | null = h.parentElement;
  for (let i = 0; box && i < 6 && !box.querySelector(ROLES.listItem); i++) box = box.parentElement;
  if (!box) return { names: [] };
  const items = take(box, ROLES.listItem, BOUNDS.items).filter((el) => !el.querySelector(ROLES.listItem));
  const names: string[] = [];
  let selected: string | undefined;
  for (const el of items) {
    const name = (el.getAttribute('aria-label') ?? textOf(el, 200)).replace(/\s+/g, ' ').trim();
    if (!name) continue;
    names.push(name);
    if (el.getAttribute('aria-selected') === 'true' || el.getAttribute('aria-current') === 'true' || el.getAttribute('aria-current') === 'page')
      selected = name;
  }
  return { names: [...new Set(names)], ...(selected ? { selected } : {}) };
}

/** The open table's column headers (glide-data-grid's accessible grid); complete when aria-colcount says so. */
function columns(doc: Document): { names: string[]; complete: boolean; headers: Element[] } | undefined {
  const grid = take(doc, ROLES.grid, 20).find((g) => g.querySelector(ROLES.columnHeader));
  if (!grid) return undefined;
  const headers = take(grid, ROLES.columnHeader, BOUNDS.headers);
  const names = headers.map((h) => (h.getAttribute('aria-label') ?? textOf(h, 200)).replace(/\s+/g, ' ').trim()).filter(Boolean);
  const count = Number(grid.getAttribute('aria-colcount'));
  return { names, headers, complete: Number.isFinite(count) && count > 0 && count === names.length };
}

/** The column an open menu belongs to: the header marked expanded, selected or focused. Never guessed otherwise. */
function menuColumn(doc: Document, headers: Element[]): string | undefined {
  const h =
    headers.find((x) => x.getAttribute('aria-expanded') === 'true') ??
    headers.find((x) => x.getAttribute('aria-selected') === 'true') ??
    headers.find((x) => x === doc.activeElement || x.contains(doc.activeElement));
  return h ? (h.getAttribute('aria-label') ?? textOf(h, 200)).replace(/\s+/g, ' ').trim() : undefined;
}

export function readData(doc: Document): GlideObservationDraft {
  const list = sources(doc);
  const grid = columns(doc);
  const apiOpen = byText(doc, 'button, [role="button"]', DATA.copyToken).length > 0;
  if (!list && !grid) return { screen: 'data', status: 'unreadable', missing: 'the "Data Sources" table list and the table grid' };
  const tables: Table[] = (list?.names ?? []).map((name) => ({ name }));
  const current = list?.selected;
  if (current && grid) {
    const menu = take(doc, ROLES.menu, 10).find((m) => byText(m, ROLES.menuItem, [...DATA.columnMenu, ...DATA.makeRowOwner]).length > 0);
    const owner = menu ? menuColumn(doc, grid.headers) : undefined;
    const offersMake = menu ? byText(menu, ROLES.menuItem, DATA.makeRowOwner).length > 0 : false;
    const cols = grid.names.map((name) => ({ name, ...(owner === name && offersMake ? { rowOwner: 'no' as const } : {}) }));
    const t = tables.find((x) => x.name === current);
    if (t) Object.assign(t, { columns: cols, columnsComplete: grid.complete });
    else tables.push({ name: current, columns: cols, columnsComplete: grid.complete });
  }
  const panels = readPanels(doc, 'column');
  return {
    screen: apiOpen ? 'api' : 'data',
    status: 'read',
    tables,
    tablesComplete: false,
    secrets: panels.secrets,
    urlHashes: panels.urlHashes,
  };
}
