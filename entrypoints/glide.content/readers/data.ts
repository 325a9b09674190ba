/**
 * The Data screen (`/data`): the "Data Sources" table list, the open table's column headers, an open column menu
 * ("Make Row Owner" offered → that column is not a Row Owner), and keys or URLs in open panels (column editors,
 * Call API / AI integrations). The "Show API" panel is where the team token belongs: it is never reported, but its
 * shape and fingerprint are read (./api.ts) so copies of it in the app's cells, columns and integrations are found.
 * The grid's way of marking a Row Owner column is not documented: it is never guessed.
 */
import type { GlideObservationDraft } from '@/utils/glide/builder-evidence';
import { DATA, ROLES, TOKEN_SOMEWHERE } from '../anchors';
import { apiPanelOf, readApiPanel, tokenFingerprints } from './api';
import { BOUNDS, byText, nameOf, take, textOf } from './dom';
import { readPanels, type ScreenRead } from './panels';

type Table = NonNullable<GlideObservationDraft['tables']>[number];

/**
 * The table lists under the "Tables" (Glide Tables) and "Data Sources" (external sources, the team's Big Tables)
 * headings: their items' names, and the selected one.
 */
function sources(doc: Document): { names: string[]; selected?: string } | undefined {
  const hs = take(doc, ROLES.heading, BOUNDS.headers)
    .filter((h) => (DATA.sources as readonly string[]).includes(nameOf(h)))
    .slice(0, 4);
  if (!hs.length) return undefined;
  const names: string[] = [];
  let selected: string | undefined;
  for (const h of hs) {
    // The smallest ancestor of the heading that holds list items is its list.
    let box: Element | null = h.parentElement;
    for (let i = 0; box && i < 6 && !box.querySelector(ROLES.listItem); i++) box = box.parentElement;
    if (!box) continue;
    for (const el of take(box, ROLES.listItem, BOUNDS.items)) {
      if (el.querySelector(ROLES.listItem)) continue;
      const name = (el.getAttribute('aria-label') ?? textOf(el, 200)).replace(/\s+/g, ' ').trim();
      if (!name) continue;
      names.push(name);
      if (el.getAttribute('aria-selected') === 'true' || el.getAttribute('aria-current') === 'true' || el.getAttribute('aria-current') === 'page')
        selected = name;
    }
  }
  return { names: [...new Set(names)].slice(0, BOUNDS.items), ...(selected ? { selected } : {}) };
}

/** The open table's column headers (glide-data-grid's accessible grid); complete when aria-colcount says so. */
function columns(doc: Document): { names: string[]; complete: boolean; headers: Element[]; grid: Element } | undefined {
  const grid = take(doc, ROLES.grid, 20).find((g) => g.querySelector(ROLES.columnHeader));
  if (!grid) return undefined;
  const headers = take(grid, ROLES.columnHeader, BOUNDS.headers);
  const names = headers.map((h) => (h.getAttribute('aria-label') ?? textOf(h, 200)).replace(/\s+/g, ' ').trim()).filter(Boolean);
  const count = Number(grid.getAttribute('aria-colcount'));
  return { names, headers, grid, complete: Number.isFinite(count) && count > 0 && count === names.length };
}

/** The column an open menu belongs to: the header marked expanded, selected or focused. Never guessed otherwise. */
function menuColumn(doc: Document, headers: Element[]): string | undefined {
  const h =
    headers.find((x) => x.getAttribute('aria-expanded') === 'true') ??
    headers.find((x) => x.getAttribute('aria-selected') === 'true') ??
    headers.find((x) => x === doc.activeElement || x.contains(doc.activeElement));
  return h ? (h.getAttribute('aria-label') ?? textOf(h, 200)).replace(/\s+/g, ' ').trim() : undefined;
}

/**
 * Whether any cell can hold a token-shaped value: one native copy of the grid's text tested once (a linear regex),
 * instead of a visit to each of up to 3,000 cells on every pass (most grids hold none). A superset test (anchors.ts
 * TOKEN_SOMEWHERE): a cell whose own text holds a token makes the grid's text hold it too.
 */
const mayHoldToken = (grid: Element): boolean => TOKEN_SOMEWHERE.test(grid.textContent ?? '');

/** Token-shaped cell values of the open table (the team token pasted into a column's rows), as fingerprints only. */
function cellCandidates(grid: Element | undefined, table: string | undefined, names: string[]): NonNullable<GlideObservationDraft['tokenCandidates']> {
  if (!grid || !mayHoldToken(grid)) return [];
  const out: NonNullable<GlideObservationDraft['tokenCandidates']> = [];
  for (const cell of take(grid, '[role="gridcell"], td', BOUNDS.cells)) {
    const text = textOf(cell, 300);
    if (text.length < 16) continue;
    const found = tokenFingerprints(text, 2);
    if (!found.length) continue;
    const index = Number(cell.getAttribute('aria-colindex')) - 1;
    const column = names[Number.isInteger(index) && index >= 0 ? index : [...(cell.parentElement?.children ?? [])].indexOf(cell)] ?? 'a column';
    for (const f of found) if (out.length < 10) out.push({ fingerprint: f, place: 'column', field: `${table ?? 'a table'} → ${column}` });
    if (out.length >= 10) break;
  }
  return out;
}

export function readData(doc: Document): ScreenRead {
  const list = sources(doc);
  const grid = columns(doc);
  // Before the panels are looked up (each lookup walks the whole editor): an unreadable screen reports nothing of them.
  if (!list && !grid) return { screen: 'data', status: 'unreadable', missing: 'the "Data Sources" table list and the table grid' };
  const dialogs = take(doc, ROLES.dialog, 10);
  const apiPanel = apiPanelOf(doc, dialogs);
  const apiOpen = apiPanel !== undefined;
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
  const panels = readPanels(doc, 'column', { dialogs, api: apiPanel });
  const cells = cellCandidates(grid?.grid, current, grid?.names ?? []);
  return {
    screen: apiOpen ? 'api' : 'data',
    status: 'read',
    tables,
    tablesComplete: false,
    secrets: panels.secrets,
    urlHashes: panels.urlHashes,
    ...(apiPanel ? { apiPanel: readApiPanel(apiPanel) } : {}),
    tokenCandidates: [...panels.tokenCandidates, ...cells],
    ...(panels.unread ? { panelsUnread: true as const } : {}),
  };
}
