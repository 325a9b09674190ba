/**
 * The Workflows screen (`/workflows`): each workflow's trigger (glide-code: Manual / Schedule / Email / Slack /
 * Webhook), whether a "Delete row" step is on screen, the webhook URL of an open webhook trigger (as a hash only),
 * and keys in open step panels. The list's empty-state wording is not documented, so "no workflows" is never said:
 * an empty screen reads as "unknown".
 */
import type { GlideObservationDraft } from '@/utils/glide/builder-evidence';
import type { Trigger } from '@/utils/glide/constants';
import { hash64 } from '@/utils/hash';
import { ROLES, WORKFLOWS, norm } from '../anchors';
import { BOUNDS, byText, fieldValue, take, textOf } from './dom';
import { readPanels, type ScreenRead } from './panels';

type Workflow = NonNullable<NonNullable<GlideObservationDraft['workflows']>['items']>[number];

export function readWorkflows(doc: Document): ScreenRead {
  const main = doc.querySelector('main, [role="main"]') ?? doc.body;
  const items: Workflow[] = [];
  const seen = new Set<string>();
  for (const el of take(main, '[role="listitem"], [role="row"], [role="treeitem"], li', BOUNDS.items)) {
    if (el.querySelector('[role="listitem"], [role="row"], li')) continue;
    const text = norm(textOf(el, 600));
    const trigger: Trigger | undefined = WORKFLOWS.triggers.find((t) => t.words.test(text))?.trigger;
    if (!trigger) continue;
    const name = (el.getAttribute('aria-label') ?? textOf(el, 200)).replace(/\s+/g, ' ').trim().slice(0, 120);
    if (!name || seen.has(name)) continue;
    seen.add(name);
    const deletes = WORKFLOWS.deleteRow.test(text);
    items.push({
      name,
      trigger,
      ...(deletes ? { deletesRows: true } : {}),
      ...(el.getAttribute('aria-selected') === 'true' || el.getAttribute('aria-current') ? { selected: true } : {}),
    } as Workflow);
  }
  // An open webhook trigger: the URL next to "Webhook URL", attached to the selected (or only) workflow.
  const label = byText(doc, 'label, span, div, p, h2, h3, h4, dt', WORKFLOWS.webhookUrl, 3000)[0];
  if (label) {
    const box = label.closest('section, [role="group"], [role="dialog"], div') ?? label.parentElement;
    const input = box
      ? take(box, 'input, textarea, code, a[href]', 20)
          .map((e) => (e instanceof HTMLAnchorElement ? e.href : fieldValue(e)))
          .find((v) => /^https?:\/\//.test(v.trim()))
      : undefined;
    const target = items.find((w) => (w as Workflow & { selected?: boolean }).selected) ?? (items.length === 1 ? items[0] : undefined);
    if (input && target) target.webhookHash = hash64(input.trim());
  }
  // A step panel's own "Delete row" step, for the selected workflow.
  const selected = items.find((w) => (w as Workflow & { selected?: boolean }).selected);
  const stepsText = norm(
    take(doc, ROLES.dialog, 5)
      .map((d) => textOf(d, 4000))
      .join(' '),
  );
  if (selected && WORKFLOWS.deleteRow.test(stepsText)) selected.deletesRows = true;
  for (const w of items) delete (w as Workflow & { selected?: boolean }).selected;
  const panels = readPanels(doc, 'workflow');
  return {
    screen: 'workflows',
    status: items.length ? 'read' : 'unreadable',
    ...(items.length ? {} : { missing: 'a workflow list with triggers (Schedule, Webhook, Manual, Email, Slack)' }),
    workflows: { state: items.length ? 'list' : 'unknown', items },
    secrets: panels.secrets.map((s) => ({ ...s, place: s.place === 'column' ? 'workflow' : s.place })),
    urlHashes: [],
    tokenCandidates: panels.tokenCandidates.map((c) => ({ ...c, place: c.place === 'column' ? 'workflow' : c.place })),
    ...(panels.unread ? { panelsUnread: true as const } : {}),
  };
}
