/**
 * Storage bucket list (/storage/files, /storage/buckets): Studio Storage/FilesBuckets/BucketTable.tsx renders a
 * table whose rows are `<tr data-bucket-id="<id>">` that navigate on click (no links): the name in a <p>, then a
 * "Public" badge when the bucket is public; columns Name, Policies (a count), File size limit, Allowed MIME types.
 * Older Studio listed buckets as links to /storage/buckets/<id> (kept as a fallback).
 */
import { SAYS, linkTarget, norm, type DashboardPage } from '../studio';
import { BOUNDS, bucketAnchor, firstText, hasExactText, take, textOf, type AnchorKey, type Extract } from './dom';

interface BucketIn {
  id: string;
  name: string;
  public: boolean;
  policyCount?: number;
}

/** Index of the "Policies" column in the table holding `row`, from its header cells. */
function policiesColumn(row: Element): number {
  const table = row.closest('table');
  if (!table) return -1;
  return take(table, 'thead th, thead [role="columnheader"]', 12).findIndex((th) => norm(textOf(th, 60)) === SAYS.policiesColumn);
}

function fromRows(doc: Document, anchors: Map<AnchorKey, Element>): BucketIn[] {
  const out: BucketIn[] = [];
  let column: number | undefined;
  for (const row of take(doc, SAYS.bucketRow, BOUNDS.rows)) {
    const id = row.getAttribute('data-bucket-id') ?? '';
    if (!id || id.length > 128 || out.some((b) => b.id === id)) continue;
    const cells = take(row, 'td, [role="cell"], [role="gridcell"]', 8);
    const nameCell = cells[0] ?? row;
    const name = firstText(nameCell) || id;
    column ??= policiesColumn(row);
    const count = column >= 0 && cells[column] ? /^\s*(\d{1,6})\s*$/.exec(textOf(cells[column], 40))?.[1] : undefined;
    out.push({ id, name, public: !!hasExactText(nameCell, SAYS.publicBadge, 40), ...(count !== undefined ? { policyCount: Number(count) } : {}) });
    anchors.set(bucketAnchor(id), row);
  }
  return out;
}

function fromLinks(doc: Document, page: DashboardPage, base: string, anchors: Map<AnchorKey, Element>): BucketIn[] {
  const out: BucketIn[] = [];
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
    if (out.some((b) => b.id === id)) continue;
    const name = link.querySelector('[title]')?.getAttribute('title')?.trim() || firstText(link) || id;
    const row = link.closest('tr, [role="row"], li') ?? link.parentElement ?? link;
    out.push({ id, name, public: !!hasExactText(row, SAYS.publicBadge, 80) });
    anchors.set(bucketAnchor(id), link);
  }
  return out;
}

export function readBuckets(doc: Document, page: DashboardPage, base: string): Extract {
  const anchors = new Map<AnchorKey, Element>();
  const rows = fromRows(doc, anchors);
  const buckets = rows.length ? rows : fromLinks(doc, page, base, anchors);
  return { observation: { page: 'storage', source: 'dom', buckets, bucketsComplete: buckets.length > 0 }, anchors };
}
