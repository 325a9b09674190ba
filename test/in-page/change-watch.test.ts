import { afterEach, describe, expect, it } from 'vitest';
import { watchChanges } from '@/in-page/change-watch';

const flush = () => new Promise((r) => setTimeout(r, 0));

/** A watch that counts what it reports (every change matters). */
const counting = (doc: Document = document, init: MutationObserverInit = { childList: true, subtree: true }) => {
  const calls: number[] = [];
  const w = watchChanges(
    doc,
    init,
    () => false,
    () => calls.push(1),
  );
  return { w, calls };
};

afterEach(() => {
  document.body.innerHTML = '';
});

describe('watchChanges', () => {
  it('reports the first relevant change once, then stops observing until armed again', async () => {
    const { w, calls } = counting(document, { childList: true, subtree: true, characterData: true });
    expect(w.armed).toBe(false);
    document.body.append(document.createElement('p')); // not armed yet: not seen
    await flush();
    expect(calls).toHaveLength(0);

    w.arm();
    w.arm(); // idempotent
    expect(w.armed).toBe(true);
    document.body.append(document.createElement('div'));
    await flush();
    expect(calls).toHaveLength(1);
    expect(w.armed).toBe(false);

    // Disconnected: the page's next changes are not observed at all (no records queued for them).
    for (let i = 0; i < 5; i++) document.body.append(document.createElement('span'));
    await flush();
    expect(calls).toHaveLength(1);

    w.arm();
    document.body.firstElementChild!.textContent = 'changed';
    await flush();
    expect(calls).toHaveLength(2);
  });

  it('irrelevant changes keep it connected and unreported; a relevant one after them is reported', async () => {
    const grid = document.createElement('div');
    grid.setAttribute('role', 'gridcell');
    document.body.append(grid);
    const calls: number[] = [];
    const inGrid = (records: MutationRecord[]) =>
      records.every((r) => (r.target as Element).closest?.('[role="gridcell"]') ?? r.target.parentElement?.closest('[role="gridcell"]'));
    const w = watchChanges(
      document,
      { childList: true, subtree: true, characterData: true },
      (r) => !!inGrid(r),
      () => calls.push(1),
    );
    w.arm();
    grid.textContent = 'v1';
    await flush();
    grid.textContent = 'v2';
    await flush();
    expect(calls).toHaveLength(0);
    expect(w.armed).toBe(true);
    document.body.append(document.createElement('h2'));
    await flush();
    expect(calls).toHaveLength(1);
  });

  it('stop disconnects: nothing is reported after it', async () => {
    const { w, calls } = counting();
    w.arm();
    w.stop();
    expect(w.armed).toBe(false);
    document.body.append(document.createElement('div'));
    await flush();
    expect(calls).toHaveLength(0);
  });

  it('follows a replaced <body>: the replacement is reported, and the next arm watches the new body', async () => {
    const { w, calls } = counting(document, { childList: true, subtree: true, characterData: true });
    const old = document.body;
    try {
      w.arm();
      const fresh = document.createElement('body');
      document.documentElement.replaceChild(fresh, old);
      await flush();
      expect(calls).toHaveLength(1);
      w.arm();
      fresh.append(document.createElement('section')); // a change in the new body
      await flush();
      expect(calls).toHaveLength(2);
      w.arm();
      old.append(document.createElement('p')); // the detached old body: not watched
      await flush();
      expect(calls).toHaveLength(2);
      expect(w.armed).toBe(true);
    } finally {
      w.stop();
      document.documentElement.replaceChild(old, document.body);
    }
  });

  it('reports a replaced <html> element, and watches the new one after the next arm', async () => {
    const doc = document.implementation.createHTMLDocument('page');
    const { w, calls } = counting(doc);
    w.arm();
    const html = doc.createElement('html');
    html.append(doc.createElement('body'));
    doc.removeChild(doc.documentElement);
    doc.append(html);
    await flush();
    expect(calls).toHaveLength(1);
    w.arm();
    doc.body.append(doc.createElement('div'));
    await flush();
    expect(calls).toHaveLength(2);
    w.stop();
  });
});
