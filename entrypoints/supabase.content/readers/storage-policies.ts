/**
 * Storage → Policies (/storage/policies, /storage/files/policies): one card per bucket with its name as heading
 * (Studio Storage/StoragePolicies/StoragePoliciesBucketRow.tsx), rows as on the policies page (PolicyRow.tsx).
 */
import type { DashboardPage } from '../studio';
import { BOUNDS, cardOf, firstText, take, type Extract, type PolicyIn } from './dom';
import { policyRows } from './policy-rows';

export function readStoragePolicies(doc: Document, page: DashboardPage, base: string): Extract {
  void page;
  void base;
  const heads = take(doc, 'h2, h3, h4, h5', BOUNDS.cards);
  const policies: PolicyIn[] = [];
  for (const head of heads) {
    const bucket = firstText(head);
    if (!bucket || /polic|storage\.|^buckets?$/i.test(bucket)) continue;
    const card = cardOf(head, heads);
    for (const r of policyRows(card)) policies.push({ schema: 'storage', table: 'objects', bucket, ...r });
  }
  return { observation: { page: 'storage-policies', source: 'dom', policies }, anchors: new Map() };
}
