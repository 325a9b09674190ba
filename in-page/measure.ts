/**
 * Where elements are on screen, measured by the browser in its own rendering step instead of by a layout our code
 * forces. On an editor that re-renders all the time (the heavy builder page: 24,000 elements changing every 50 ms),
 * each getBoundingClientRect from a script forces a full layout of the page first (the field warning's was the largest
 * cost of the Glide content script there: 24.6 ms of 63 ms, CPU profile 2026-12-06). A new IntersectionObserver
 * reports every observed element's box at the next frame, after the layout the browser does anyway.
 *
 * Falls back to getBoundingClientRect for what the observer has not reported after `fallbackMs` (no rendering in a
 * hidden tab; environments without the observer report at once). Disconnected elements have no box.
 */
export function measureBoxes(els: readonly Element[], fallbackMs = 250): Promise<Map<Element, DOMRect>> {
  const out = new Map<Element, DOMRect>();
  const wanted = els.filter((el) => el.isConnected);
  if (!wanted.length) return Promise.resolve(out);
  const direct = () => {
    for (const el of wanted) if (!out.has(el) && el.isConnected) out.set(el, el.getBoundingClientRect());
  };
  if (typeof IntersectionObserver !== 'function') {
    direct();
    return Promise.resolve(out);
  }
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      io.disconnect();
      clearTimeout(timer);
      direct(); // only what the observer did not report
      resolve(out);
    };
    const io = new IntersectionObserver((entries) => {
      for (const e of entries) out.set(e.target, e.boundingClientRect);
      if (wanted.every((el) => out.has(el))) finish();
    });
    const timer = setTimeout(finish, fallbackMs);
    for (const el of wanted) io.observe(el);
  });
}
