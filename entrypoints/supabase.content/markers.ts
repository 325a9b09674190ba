/**
 * The marker layer in the page: one shadow-root UI (WXT createShadowRootUi), mounted on first use, following
 * scroll and resize only while markers are shown, emptied on navigation and removed with the content script.
 */
import { h, render } from 'preact';
import { hash64 } from '@/utils/hash';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { MARKERS_CSS, Markers, type MarkerView } from '../../components/supabase/Markers';
import type { MarkerLayer, PlacedMarker } from './reader';
import { labelMatches } from '@/utils/highlight';

export const MARKERS_HOST = 'micro-app-auditor-markers';

/** How long a "Show me" highlight stays on the element. */
export const HIGHLIGHT_MS = 4000;

export function createMarkerLayer(ctx: ContentScriptContext): MarkerLayer & { highlight(name: string): boolean } {
  let placed: PlacedMarker[] = [];
  let ui: ShadowRootContentScriptUi<void> | undefined;
  let mounting: Promise<void> | undefined;
  let views: MarkerView[] = [];
  let tick = 0;
  let listening = false;

  const paint = () => {
    if (ui) render(h(Markers, { views, tick: ++tick }), ui.uiContainer);
  };
  const follow = (on: boolean) => {
    if (on === listening) return;
    listening = on;
    if (on) {
      window.addEventListener('scroll', paint, { capture: true, passive: true });
      window.addEventListener('resize', paint, { passive: true });
    } else {
      window.removeEventListener('scroll', paint, { capture: true });
      window.removeEventListener('resize', paint);
    }
  };
  const ensure = () =>
    (mounting ??= createShadowRootUi(ctx, {
      name: MARKERS_HOST,
      position: 'inline',
      anchor: 'body',
      append: 'last',
      css: MARKERS_CSS,
      onMount: () => undefined,
    }).then((created) => {
      ui = created;
      ui.mount();
    }));

  ctx.onInvalidated(() => {
    follow(false);
    views = [];
    if (ui) {
      render(null, ui.uiContainer);
      ui.remove();
    }
  });

  return {
    render(items: PlacedMarker[]) {
      placed = items;
      views = items.map((p) => ({
        id: hash64(p.key).slice(0, 12),
        rect: () => (p.anchor.isConnected ? p.anchor.getBoundingClientRect() : undefined),
        markers: p.markers,
        label: p.key.startsWith('table:') ? p.key.slice(6).replace('\u0000', '.') : `bucket ${p.key.slice(7)}`,
      }));
      follow(views.length > 0);
      if (views.length) void ensure().then(paint);
      else paint();
    },
    /** "Show me" (utils/highlight.ts): scrolls to the marked element a finding names and outlines it for a moment. */
    highlight(name: string) {
      const hit = placed.find(
        (p) => p.anchor.isConnected && labelMatches(p.key.startsWith('table:') ? p.key.slice(6).replace('\u0000', '.') : `bucket ${p.key.slice(7)}`, name),
      );
      if (!hit) return false;
      const el = hit.anchor as HTMLElement;
      el.scrollIntoView({ block: 'center', behavior: 'smooth' });
      const before = el.style.outline;
      el.style.outline = '3px solid #d93f0b';
      setTimeout(() => {
        el.style.outline = before;
      }, HIGHLIGHT_MS);
      return true;
    },
    clear() {
      placed = [];
      views = [];
      follow(false);
      paint();
    },
  };
}
