/** The pre-publish checklist, ticked from an audit's evidence. Pure. */
import type { Audit } from './audit-schema';
import { CHECKLIST_ITEMS, type ChecklistItem, type Rule } from './rule';

export type ChecklistState = 'pass' | 'fail' | 'unchecked';

export interface ChecklistRow {
  item: ChecklistItem;
  label: string;
  state: ChecklistState;
  /** Findings (not info) that fail the item. */
  failing: number;
  /** Rules of this item that ran. */
  checked: number;
}

export function checklist(audit: Pick<Audit, 'findings' | 'evaluated'>, rules: readonly Rule[]): ChecklistRow[] {
  const itemOf = new Map(rules.map((r) => [r.meta.id, r.meta.checklist]));
  return (Object.keys(CHECKLIST_ITEMS) as ChecklistItem[]).map((item) => {
    const failing = audit.findings.filter((f) => f.severity !== 'info' && itemOf.get(f.ruleId) === item).length;
    const checked = audit.evaluated.filter((id) => itemOf.get(id) === item).length;
    const state: ChecklistState = failing > 0 ? 'fail' : checked > 0 ? 'pass' : 'unchecked';
    return { item, label: CHECKLIST_ITEMS[item], state, failing, checked };
  });
}
