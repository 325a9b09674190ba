/**
 * The builder content scripts' shared runtime: guard the editor's fields, show in-page warnings, report masked
 * findings to the background. Started by entrypoints/<builder>.content with our own context (./context.ts: nothing
 * the page dispatches can stop it); everything is torn down when the extension is reloaded or updated. On a
 * single-page navigation, warnings about fields that left the page (or no longer hold the key) go away.
 * The warning lives in a closed shadow root the page cannot read or rewrite, and is put back if the page removes it.
 */
import { browser } from '@/in-page/browser';
import type { BuilderInfo } from '@/utils/platform/builders';
import type { ExtensionMessage } from '@/utils/messages';
import { measureBoxes } from './measure';
import { scanInBackground, warmBackground } from './scanner';
import { FIELD_WARNING_CSS, renderFieldWarnings, type WarningItem } from '../components/builder/field-warning';
import type { OwnContext } from './context';
import { hostOnDemand, mountHost, type InPageHost } from './shadow-host';
import { fieldValue, inPrivateRow, partialField, startFieldGuard, type FieldMatch } from './guard';

export const WARNING_HOST = 'micro-app-auditor-warning';

/** Inline, important: a page stylesheet cannot hide the warning's host (an inline !important declaration wins). */
export const HOST_STYLE =
  'display:block !important;visibility:visible !important;opacity:1 !important;transform:none !important;filter:none !important;clip-path:none !important;position:static !important';

/** A closed shadow-root host appended to <body> with our host style: the in-page panel and markers share it. */
export function mountClosedHost(ctx: OwnContext, name: string, css: string): InPageHost {
  const ui = mountHost(ctx, name, css, 'closed');
  ui.shadowHost.setAttribute('style', HOST_STYLE);
  return ui;
}

/**
 * Keeps `host` in the document with its own attributes while `active()`: the page may remove it, replace <body> or
 * restyle it; each time it is put back. Observes only the host's parent's and <html>'s children (not the editor's
 * subtree) and the host's attributes. Returns a stop function.
 */
export function keepInDocument(host: HTMLElement, doc: Document = document): () => void {
  const attrs = new Map([...host.attributes].map((a) => [a.name, a.value]));
  let parent: Node | null = null;
  const observer = new MutationObserver(() => reassert());
  const observe = () => {
    observer.disconnect();
    parent = host.parentNode;
    observer.observe(doc.documentElement, { childList: true });
    if (parent && parent !== doc.documentElement) observer.observe(parent, { childList: true });
    observer.observe(host, { attributes: true });
  };
  const reassert = () => {
    for (const a of [...host.attributes]) if (!attrs.has(a.name)) host.removeAttribute(a.name);
    for (const [name, value] of attrs) if (host.getAttribute(name) !== value) host.setAttribute(name, value);
    if (!host.isConnected || host.parentNode !== parent) (doc.body ?? doc.documentElement).append(host);
    observe();
  };
  observe();
  return () => observer.disconnect();
}

const WHY: Record<BuilderInfo['id'], string> = {
  bubble: 'Text in elements, workflows and API Connector fields without "Private" is sent to every visitor’s browser and kept in the app’s history.',
  glide: 'Text in columns and integration fields is stored with the app and can reach every user’s device.',
  supabase: 'SQL, cron commands and function code are saved in the project, visible to every teammate and kept in logs and history.',
};

type ShownItem = WarningItem & { field: string; element: HTMLElement };

export async function runBuilderGuard(ctx: OwnContext, builder: BuilderInfo): Promise<void> {
  const items: ShownItem[] = [];
  const dismissed = new Set<string>();
  let ui: InPageHost | undefined;
  let unguard: (() => void) | undefined;
  let tick = 0;
  let listening = false;

  const send = (msg: ExtensionMessage) => void browser.runtime.sendMessage(msg).catch(() => undefined);

  // The fields' boxes, measured by the browser's own rendering step (./measure.ts), never by a forced layout.
  let boxes = new Map<Element, DOMRect>();
  let measuring = false;
  let remeasure = false;

  /** Measures the fields (one measurement at a time; a request meanwhile measures once more after it), then draws. */
  const rerender = () => {
    if (!ui) return;
    if (!items.length) {
      boxes = new Map(); // no field held for a warning that is gone
      return draw();
    }
    if (measuring) {
      remeasure = true;
      return;
    }
    measuring = true;
    void measureBoxes(items.map((i) => i.element)).then((measured) => {
      boxes = measured;
      measuring = false;
      draw();
      if (remeasure) {
        remeasure = false;
        rerender();
      }
    });
  };

  const draw = () => {
    if (!ui) return;
    renderFieldWarnings(ui.uiContainer, items, dismiss, ++tick);
    // The page may remove or restyle the warning: put it back while there is something to show.
    if (items.length && !unguard) unguard = keepInDocument(ui.shadowHost);
    else if (!items.length && unguard) {
      unguard();
      unguard = undefined;
    }
    // Follow the field while warnings are visible; no listeners otherwise.
    if (items.length && !listening) {
      window.addEventListener('scroll', rerender, { capture: true, passive: true });
      window.addEventListener('resize', rerender, { passive: true });
      listening = true;
    } else if (!items.length && listening) {
      window.removeEventListener('scroll', rerender, { capture: true });
      window.removeEventListener('resize', rerender);
      listening = false;
    }
  };

  const dismiss = (id: string) => {
    dismissed.add(id);
    const i = items.findIndex((w) => w.id === id);
    if (i >= 0) items.splice(i, 1);
    rerender();
  };

  // One host, however many keys arrive; mounted with the first warning (should that fail, the next key tries again;
  // the background has the finding either way).
  const host = hostOnDemand(() => mountClosedHost(ctx, WARNING_HOST, FIELD_WARNING_CSS));

  const stop = startFieldGuard(document, {
    // Fields are scanned in the background (in-page/scanner.ts): the first focus or input wakes it. An orphaned copy
    // (extension reloaded or updated) stops at its next event instead of scanning.
    ready: warmBackground,
    scan: (text, fieldName): FieldMatch[] | Promise<FieldMatch[]> => (ctx.isValid ? scanInBackground(text, fieldName) : []),
    isSafe: (field) => builder.safePages.some((p) => p.test(location.href)) || (builder.id === 'bubble' && inPrivateRow(field)),
    found(field, label, m, safe) {
      send({
        type: 'builder:secret',
        secret: {
          field: label,
          page: location.href,
          provider: m.provider,
          providerName: m.providerName,
          exposure: m.exposure,
          severity: m.severity,
          masked: m.masked,
          fingerprint: m.fingerprint,
          advice: m.advice,
          rotateUrl: m.rotateUrl,
          safe,
          seenAt: Date.now(),
        },
      });
      // Publishable keys get no alarm, and a key in the platform's safe store is where it belongs.
      if (safe || m.exposure === 'publishable' || dismissed.has(m.fingerprint)) return;
      items.push({
        element: field as HTMLElement,
        id: m.fingerprint,
        rect: () => (field.isConnected ? boxes.get(field) : undefined),
        field: label,
        providerName: m.providerName,
        exposure: m.exposure,
        masked: m.masked,
        why: WHY[builder.id],
        safePlace: builder.safePlace,
        rotateUrl: m.rotateUrl,
      });
      ui = host();
      rerender();
    },
    cleared(_field, fingerprint) {
      send({ type: 'builder:cleared', fingerprint });
      const i = items.findIndex((w) => w.id === fingerprint);
      if (i >= 0) {
        items.splice(i, 1);
        rerender();
      }
    },
  });

  ctx.onInvalidated(() => {
    stop();
    items.length = 0;
    rerender();
    unguard?.();
  });
  // Single-page navigation inside the editor (our own watcher, never a DOM event the page can dispatch): warnings
  // about fields that left the page, or that no longer hold the key, go; the others stay.
  ctx.onLocationChange(() => {
    const checked = [...items];
    void Promise.all(checked.map(stillShown)).then((keep) => {
      const gone = new Set(checked.filter((_, i) => !keep[i]));
      if (!gone.size) return;
      for (let i = items.length - 1; i >= 0; i--) if (gone.has(items[i]!)) items.splice(i, 1);
      rerender();
    });
  });
}

/** Is the item's key still in its field? When the field cannot be scanned now, yes: never drop a warning unread. */
async function stillShown(item: ShownItem): Promise<boolean> {
  const el = item.element;
  if (!el.isConnected) return false;
  if (partialField(el)) return true;
  try {
    return (await scanInBackground(fieldValue(el), item.field)).some((m) => m.fingerprint === item.id);
  } catch {
    return true;
  }
}
