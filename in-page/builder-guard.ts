/**
 * The builder content scripts' shared runtime: guard the editor's fields, show in-page warnings, report masked
 * findings to the background. Started by entrypoints/<builder>.content; everything is torn down with the content
 * script's context (extension reload or update) and warnings are cleared on single-page navigation.
 */
import { h, render } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { BuilderInfo } from '@/utils/platform/builders';
import type { ExtensionMessage } from '@/utils/messages';
import { scanSecrets } from '@/utils/secrets';
import { FIELD_WARNING_CSS, FieldWarnings, type WarningItem } from '../components/builder/FieldWarning';
import { inPrivateRow, startFieldGuard, type FieldMatch } from './guard';

const WHY: Record<BuilderInfo['id'], string> = {
  bubble: 'Text in elements, workflows and API Connector fields without "Private" is sent to every visitor’s browser and kept in the app’s history.',
  glide: 'Text in columns and integration fields is stored with the app and can reach every user’s device.',
  supabase: 'SQL, cron commands and function code are saved in the project, visible to every teammate and kept in logs and history.',
};

export async function runBuilderGuard(ctx: ContentScriptContext, builder: BuilderInfo): Promise<void> {
  const items: WarningItem[] = [];
  const dismissed = new Set<string>();
  let ui: ShadowRootContentScriptUi<void> | undefined;
  let tick = 0;
  let listening = false;

  const send = (msg: ExtensionMessage) => void browser.runtime.sendMessage(msg).catch(() => undefined);

  const rerender = () => {
    if (!ui) return;
    render(h(FieldWarnings, { items: [...items], onDismiss: dismiss, tick: ++tick }), ui.uiContainer);
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

  const ensureUi = async () => {
    if (ui) return;
    ui = await createShadowRootUi(ctx, {
      name: 'micro-app-auditor-warning',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      css: FIELD_WARNING_CSS,
      onMount: () => undefined,
    });
    ui.mount();
  };

  const stop = startFieldGuard(document, {
    scan: (text, fieldName) => scanSecrets(text, { fieldName }) as FieldMatch[],
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
        id: m.fingerprint,
        rect: () => (field.isConnected ? field.getBoundingClientRect() : undefined),
        field: label,
        providerName: m.providerName,
        exposure: m.exposure,
        masked: m.masked,
        why: WHY[builder.id],
        safePlace: builder.safePlace,
        rotateUrl: m.rotateUrl,
      });
      void ensureUi().then(rerender);
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
  });
  // Single-page navigation inside the editor: warnings belong to the fields of the previous view.
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    items.length = 0;
    rerender();
  });
}
