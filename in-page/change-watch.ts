/**
 * "Has the page changed since my last read?" for the builder readers (entrypoints/glide.content/reader.ts,
 * entrypoints/supabase.content/reader.ts), at the least cost to the page.
 *
 * A MutationObserver is not free for the page that is observed: while it is connected, every DOM change the page
 * makes (each text, attribute, insertion) queues a MutationRecord inside the page's own call, so a busy editor's
 * framework runs slower. A reader only needs to know that *something* relevant changed since it last read, once:
 * so the observer is connected when a pass starts (`arm`), and disconnected at the first relevant change, which is
 * reported (`onChange`); until the next pass arms it again, the page's changes cost it nothing. Changes that cannot
 * matter (`irrelevant`: our own UI, a data grid's cells) keep it connected without reporting.
 */
export interface ChangeWatch {
  /** Start watching (again): call when a read starts, so nothing after it is missed. Idempotent. */
  arm(): void;
  /** Stop for good (or until the next `arm`). */
  stop(): void;
  /** Connected now (tests, benchmarks). */
  readonly armed: boolean;
}

/**
 * Watches `doc.body`'s subtree with `init` (the document element's when there is no body yet). A page may replace its
 * `<body>` (or `<html>`): a watch bound to the old one would never report again, and the reader would stop reading.
 * So the document's and the document element's own children are watched too: replacing either is a change that
 * matters, and the next `arm` watches the body the document has then.
 */
export function watchChanges(doc: Document, init: MutationObserverInit, irrelevant: (records: MutationRecord[]) => boolean, onChange: () => void): ChangeWatch {
  let armed = false;
  const observer = new MutationObserver((records) => {
    if (!armed || irrelevant(records)) return;
    armed = false;
    observer.disconnect();
    onChange();
  });
  return {
    arm() {
      if (armed) return;
      armed = true;
      const html = doc.documentElement;
      const root = doc.body ?? html;
      if (root) observer.observe(root, init);
      // Observing a node again replaces its options: the document element's children only when it is not the root.
      if (html && html !== root) observer.observe(html, { childList: true });
      observer.observe(doc, { childList: true });
    },
    stop() {
      armed = false;
      observer.disconnect();
    },
    get armed() {
      return armed;
    },
  };
}
