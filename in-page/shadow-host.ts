/**
 * The shadow-root host our in-page UI lives in (field warnings, the Bubble panel and privacy markers, Supabase's
 * markers): a custom-named element appended to <body>, its shadow root holding our stylesheet and one container.
 * The host resets every inherited style (`:host { all: initial }`), so no page CSS reaches in, and ours stays out.
 *
 * A few lines instead of WXT's createShadowRootUi, which builds the same thing (with an `<html>`/`<head>`/`<body>`
 * inside) but also validates the name with a large Unicode regular expression, generates ids and splits the CSS on
 * every mount: on the heavy editor benchmark its first mount was 10 ms of the page's main-thread script time.
 */
import type { OwnContext } from './context';

export interface InPageHost {
  /** The element in the page's document (its shadow root is not reachable from the page when closed). */
  shadowHost: HTMLElement;
  /** Where the UI is drawn, inside the shadow root. */
  uiContainer: HTMLElement;
  /** Takes the host out of the page and empties it (also done when the extension context goes). */
  remove(): void;
}

/** Mounts a host named `name` (a valid custom element name: lowercase, with a hyphen) at the end of <body>. */
export function mountHost(ctx: Pick<OwnContext, 'onInvalidated'>, name: string, css: string, mode: ShadowRootMode, doc: Document = document): InPageHost {
  const shadowHost = doc.createElement(name);
  const shadow = shadowHost.attachShadow({ mode });
  const style = doc.createElement('style');
  style.textContent = `:host{all:initial !important;}\n${css}`;
  const uiContainer = doc.createElement('div');
  shadow.append(style, uiContainer);
  (doc.body ?? doc.documentElement).append(shadowHost);
  const remove = () => {
    shadowHost.remove();
    uiContainer.replaceChildren();
  };
  ctx.onInvalidated(remove);
  return { shadowHost, uiContainer, remove };
}

/**
 * A host mounted on first use, once. Undefined while mounting fails (a page can make it throw, e.g. with a custom
 * element of that name that refuses a shadow root): the next call tries again, and nothing else breaks.
 */
export function hostOnDemand(mount: () => InPageHost): () => InPageHost | undefined {
  let host: InPageHost | undefined;
  return () => {
    try {
      return (host ??= mount());
    } catch {
      return undefined;
    }
  };
}
