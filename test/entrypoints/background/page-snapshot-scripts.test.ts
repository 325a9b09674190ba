/**
 * Issue 10 item 3: what snapshotPage() tells the background about scripts and about text it could not read. Runs in
 * happy-dom (see page-snapshot.test.ts for its limits: Resource Timing is stubbed here).
 */
import nodeConsole from 'node:console';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { snapshotPage } from '@/entrypoints/background/page-snapshot';

interface Reply {
  texts: { kind: string; label: string; text: string; truncated: boolean }[];
  scriptsSeen: { loaded: { url: string; size: number }[]; listed: string[]; timingFull: boolean };
  textSkipped: number;
}
const happy = (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM;
function page(html: string) {
  happy.setURL('https://app.example.com/');
  document.head.innerHTML = '';
  // happy-dom logs (to Node's console) every file it may not load; muted while building pages.
  const mute = vi.spyOn(nodeConsole, 'error').mockImplementation(() => undefined);
  try {
    document.body.innerHTML = html;
  } finally {
    mute.mockRestore();
  }
}
const snap = async (total = 1_000_000) => (await snapshotPage({ refetch: false, textCap: { perItem: 100_000, total } })) as Reply;
afterEach(() => vi.restoreAllMocks());

describe('text budget', () => {
  it('a budget used up exactly by the first item counts what follows as not read', async () => {
    page('<script>var a = "0123456789";</script><script>var b = "skipped";</script>');
    const first = (document.scripts[0]!.textContent ?? '').length;
    const r = await snap(first);
    expect(r.texts).toHaveLength(1);
    expect(r.texts[0]!.truncated).toBe(false);
    expect(r.textSkipped).toBeGreaterThanOrEqual(2); // the second script and the page HTML
  });
  it('nothing skipped when everything fits', async () => {
    page('<script>var a = 1;</script>');
    expect((await snap()).textSkipped).toBe(0);
  });
});

describe('scripts the page loaded and listed', () => {
  it('reports Resource Timing scripts of every initiator (import() chunks, workers, preloads) with their sizes', async () => {
    page(
      '<link rel="modulepreload" href="/pre.js"><link rel="preload" as="script" href="/p2.js"><link rel="icon" href="/i.png"><script type="text/plain" src="http://127.0.0.1:9/admin.js"></script>',
    );
    vi.spyOn(performance, 'getEntriesByType').mockReturnValue([
      { name: 'https://app.example.com/main.js', initiatorType: 'script', decodedBodySize: 120 },
      { name: 'https://app.example.com/chunk-a.js?v=1', initiatorType: 'other', decodedBodySize: 80 },
      { name: 'https://app.example.com/worker', initiatorType: 'other', contentType: 'text/javascript', decodedBodySize: 0 },
      { name: 'https://app.example.com/s.css', initiatorType: 'link', decodedBodySize: 10 },
      { name: 'https://app.example.com/logo.png', initiatorType: 'img', decodedBodySize: 10 },
    ] as unknown as PerformanceEntryList);
    const { scriptsSeen } = await snap();
    expect(scriptsSeen.loaded).toEqual([
      { url: 'https://app.example.com/main.js', size: 120 },
      { url: 'https://app.example.com/chunk-a.js?v=1', size: 80 },
      { url: 'https://app.example.com/worker', size: 0 },
    ]);
    expect(scriptsSeen.listed).toEqual(['http://127.0.0.1:9/admin.js', 'https://app.example.com/pre.js', 'https://app.example.com/p2.js']);
    expect(scriptsSeen.timingFull).toBe(false);
  });
  it('says when the Resource Timing buffer is full', async () => {
    page('');
    vi.spyOn(performance, 'getEntriesByType').mockReturnValue(
      Array.from({ length: 250 }, (_, i) => ({ name: `https://app.example.com/i${i}.png`, initiatorType: 'img' })) as unknown as PerformanceEntryList,
    );
    expect((await snap()).scriptsSeen.timingFull).toBe(true);
  });
  it('decodes data: scripts for the key scan (percent-encoded and base64), never fetching them', async () => {
    page(`<script src="data:text/javascript,var%20k%3D'one'"></script><script src="data:text/javascript;base64,${btoa("var k='two'")}"></script>`);
    const { texts } = await snap();
    expect(texts.filter((t) => t.label.startsWith('data: script')).map((t) => t.text)).toEqual(["var k='one'", "var k='two'"]);
  });
});
