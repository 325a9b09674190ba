/**
 * The dashboard readers, one per page (this folder): DOM in, facts out (a DashboardObservation) plus the elements
 * the facts came from (anchors for the in-page markers). Each reads only its page's relevant region, visits a
 * bounded number of elements and a bounded amount of text, and ignores links to any project but the one in the
 * address (a page can show another project's ref; it never decides which project facts belong to). Studio's words
 * live in ../studio.ts with the Studio source file each comes from; class names are never used.
 */
import type { DashboardPage } from '../studio';
import type { Extract } from './dom';
import { readAdvisors } from './advisors';
import { readBuckets } from './buckets';
import { readCron } from './cron';
import { readPolicies } from './policies';
import { readStoragePolicies } from './storage-policies';
import { readTableEditor } from './table-editor';
import { type TableNames, readTableList } from './table-list';

export { bucketAnchor, tableAnchor, type AnchorKey, type Extract } from './dom';
export { TableNames } from './table-list';

/** API keys: we only note that the page was seen. Keys on it (publishable in full, secret ones masked) are never read. */
export function readApiKeys(): Extract {
  return { observation: { page: 'api-keys', source: 'dom' }, anchors: new Map() };
}

/** `names`: what the table list's rows said in earlier passes (the reader keeps it; see TableNames). */
export function readPage(doc: Document, page: DashboardPage, base: string, names?: TableNames): Extract {
  switch (page.kind) {
    case 'table-list':
      return readTableList(doc, page, base, names);
    case 'table-editor':
      return readTableEditor(doc, page, base, names);
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
