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

/** `<name>-<16 random hex>`: a name the page cannot know before we create it. */
const unguessable = (name: string) => `${name}-${[...crypto.getRandomValues(new Uint8Array(8))].map((b) => b.toString(16).padStart(2, '0')).join('')}`;

function hostElement(doc: Document, name: string, mode: ShadowRootMode): { shadowHost: HTMLElement; shadow: ShadowRoot } {
  const shadowHost = doc.createElement(name);
  return { shadowHost, shadow: shadowHost.attachShadow({ mode }) };
}

/**
 * Mounts a host named `name` (a valid custom element name: lowercase, with a hyphen) at the end of <body>.
 * A page can define a custom element of that name (the page's registry upgrades the element we create, even from a
 * content script) whose constructor attaches a shadow root first or throws: ours could then not be attached and the
 * warning would never show. Then the host gets a name with a random suffix the page cannot have defined.
 */
export function mountHost(ctx: Pick<OwnContext, 'onInvalidated'>, name: string, css: string, mode: ShadowRootMode, doc: Document = document): InPageHost {
  let made: { shadowHost: HTMLElement; shadow: ShadowRoot };
  try {
    made = hostElement(doc, name, mode);
  } catch {
    made = hostElement(doc, unguessable(name), mode);
  }
  const { shadowHost, shadow } = made;
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
 * A host mounted on first use, once. Should mounting still throw (`mountHost` already steps around a name the page
 * took), it is undefined and the next call tries again: the UI is missing, nothing else breaks.
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
