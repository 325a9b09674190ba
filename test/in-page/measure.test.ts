/**
 * in-page/measure.ts: boxes come from an IntersectionObserver's first report (the browser's own layout), not from a
 * layout our code forces; what it does not report in time is measured directly; disconnected elements have none.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { measureBoxes } from '@/in-page/measure';

type Callback = (entries: { target: Element; boundingClientRect: DOMRect }[]) => void;

/** An observer that reports the elements it is given (or not, when `silent`), as the browser does at the next frame. */
function fakeObserver({ silent = false } = {}) {
  const made: { observed: Element[]; disconnected: boolean }[] = [];
  class FakeIO {
    observed: Element[] = [];
    disconnected = false;
    constructor(private cb: Callback) {
      made.push(this);
    }
    observe(el: Element) {
      this.observed.push(el);
      if (!silent && this.observed.length === 1)
        setTimeout(() => this.cb(this.observed.map((target, i) => ({ target, boundingClientRect: new DOMRect(10 * i, 20, 30, 40) }))), 0);
    }
    disconnect() {
      this.disconnected = true;
    }
  }
  vi.stubGlobal('IntersectionObserver', FakeIO);
  return made;
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('measureBoxes', () => {
  it('takes every box from the observer’s report and forces no layout', async () => {
    document.body.innerHTML = '<input id="a"><textarea id="b"></textarea>';
    const [a, b] = [document.getElementById('a')!, document.getElementById('b')!];
    const forced = vi.spyOn(Element.prototype, 'getBoundingClientRect');
    const made = fakeObserver();
    const boxes = await measureBoxes([a, b]);
    expect(boxes.get(a)).toMatchObject({ x: 0, y: 20, width: 30, height: 40 });
    expect(boxes.get(b)).toMatchObject({ x: 10, y: 20 });
    expect(forced).not.toHaveBeenCalled();
    expect(made[0]!.disconnected).toBe(true);
    forced.mockRestore();
  });

  it('measures directly what the observer has not reported in time (a hidden tab renders no frame)', async () => {
    document.body.innerHTML = '<input id="a">';
    const a = document.getElementById('a')!;
    const made = fakeObserver({ silent: true });
    const boxes = await measureBoxes([a], 20);
    expect(boxes.get(a)).toBeInstanceOf(DOMRect);
    expect(made[0]!.disconnected).toBe(true);
  });

  it('a field that left the page has no box, and nothing is observed for it', async () => {
    const gone = document.createElement('input');
    const made = fakeObserver();
    expect((await measureBoxes([gone])).size).toBe(0);
    expect(made).toHaveLength(0);
  });
});
