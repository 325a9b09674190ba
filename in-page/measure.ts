/**
 * Where elements are on screen, measured by the browser in its own rendering step instead of by a layout our code
 * forces. On an editor that re-renders all the time (the heavy builder page: 24,000 elements changing every 50 ms),
 * each getBoundingClientRect from a script forces a full layout of the page first (the field warning's was the largest
 * cost of the Glide content script there: 24.6 ms of 63 ms, CPU profile 2026-12-06). A new IntersectionObserver
 * reports every observed element's box at the next frame, after the layout the browser does anyway.
 *
 * The viewport's size comes from the same report (the observer's root is the document, so its bounds are this frame's
 * viewport): `window.innerWidth` and `innerHeight` force a layout too.
 *
 * Falls back to getBoundingClientRect and the window's size for what the observer has not reported after `fallbackMs`
 * (no rendering in a hidden tab; environments without the observer report at once). Disconnected elements have no box.
 */
export interface Measured {
  boxes: Map<Element, DOMRect>;
  /** The frame's viewport, as the browser last laid it out (what `position: fixed` is placed in). */
  viewport: { width: number; height: number };
}

export function measureBoxes(els: readonly Element[], fallbackMs = 250): Promise<Measured> {
  const boxes = new Map<Element, DOMRect>();
  let viewport: Measured['viewport'] | undefined;
  const wanted = els.filter((el) => el.isConnected);
  const done = (): Measured => ({ boxes, viewport: viewport ?? { width: window.innerWidth, height: window.innerHeight } });
  if (!wanted.length) return Promise.resolve(done());
  const direct = () => {
    for (const el of wanted) if (!boxes.has(el) && el.isConnected) boxes.set(el, el.getBoundingClientRect());
  };
  if (typeof IntersectionObserver !== 'function') {
    direct();
    return Promise.resolve(done());
  }
  return new Promise((resolve) => {
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      io.disconnect();
      clearTimeout(timer);
      direct(); // only what the observer did not report
      resolve(done());
    };
    const io = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          boxes.set(e.target, e.boundingClientRect);
          if (e.rootBounds) viewport = { width: e.rootBounds.width, height: e.rootBounds.height };
        }
        if (wanted.every((el) => boxes.has(el))) finish();
      },
      { root: wanted[0]!.ownerDocument },
    );
    const timer = setTimeout(finish, fallbackMs);
    for (const el of wanted) io.observe(el);
  });
}
