import { describe, expect, it } from 'vitest';
import { type CpuProfile, type ProfileNode, ProfileSummary, scriptTimeByOwner } from '../../scripts/lib/cpu-profile';

const EXT = 'chrome-extension://abcdefghijklmnop/content-scripts/glide.js';
const frame = (functionName: string, url: string, lineNumber = 0): ProfileNode['callFrame'] => ({ functionName, url, lineNumber, columnNumber: 0 });

/** root → page script → pass (ext) → read (ext) → pass (ext, recursion) ; samples given as [node id, ms]. */
function profile(samples: [number, number][]): CpuProfile {
  const nodes: ProfileNode[] = [
    { id: 1, callFrame: frame('(root)', ''), children: [2, 6] },
    { id: 2, callFrame: frame('tick', 'https://go.glideapps.com/app/x/data'), children: [3] },
    { id: 3, callFrame: frame('pass', EXT, 10), children: [4] },
    { id: 4, callFrame: frame('read', EXT, 20), children: [5] },
    { id: 5, callFrame: frame('pass', EXT, 10) },
    { id: 6, callFrame: frame('(garbage collector)', '') },
  ];
  return { nodes, samples: samples.map(([id]) => id), timeDeltas: samples.map(([, ms]) => ms * 1000) };
}

describe('ProfileSummary', () => {
  it('self time per function and per script; inclusive time counts a recursive function once per sample', () => {
    const s = new ProfileSummary(/^https:\/\/go\.glideapps\.com\/.*/);
    s.add(
      profile([
        [2, 1],
        [3, 2],
        [4, 3],
        [5, 4],
        [6, 5],
      ]),
    );
    const { byUrl, self, inclusive } = s.means();
    expect(byUrl.get('page')).toBe(1);
    expect(byUrl.get('ext:/content-scripts/glide.js')).toBe(9);
    expect(byUrl.get('((garbage collector))')).toBe(5);
    expect(self.get(`pass ext:/content-scripts/glide.js:11:1`)).toBe(6); // nodes 3 and 5: the same function
    expect(self.get(`read ext:/content-scripts/glide.js:21:1`)).toBe(3);
    expect(inclusive.get(`pass ext:/content-scripts/glide.js:11:1`)).toBe(9); // 2 + 3 + 4, the recursion once
    expect(inclusive.get(`read ext:/content-scripts/glide.js:21:1`)).toBe(7); // 3 + 4
    expect([...inclusive.keys()].some((k) => k.startsWith('tick'))).toBe(false); // page code: not ours
  });

  it('the extension’s time by the function the browser called, and by function with the DOM work it called', () => {
    // The page's tick calls pass (ext) → read (ext) → querySelectorAll (native, no address) under read.
    const nodes: ProfileNode[] = [
      { id: 1, callFrame: frame('(root)', ''), children: [2, 7] },
      { id: 2, callFrame: frame('tick', 'https://go.glideapps.com/app/x/data'), children: [3] },
      { id: 3, callFrame: frame('pass', EXT, 10), children: [4] },
      { id: 4, callFrame: frame('read', EXT, 20), children: [5] },
      { id: 5, callFrame: frame('querySelectorAll', ''), children: [6] },
      { id: 6, callFrame: frame('onMutation', 'https://go.glideapps.com/app/x/data') }, // the page's code again, inside ours
      { id: 7, callFrame: frame('onPaste', EXT, 30) },
    ];
    const s = new ProfileSummary(/^https:\/\/go\.glideapps\.com\/.*/);
    s.add({ nodes, samples: [2, 3, 4, 5, 6, 7], timeDeltas: [1, 2, 3, 4, 5, 6].map((ms) => ms * 1000) });
    const { entries, own } = s.means();
    expect(entries.get(`pass ext:/content-scripts/glide.js:11:1`)).toBe(2 + 3 + 4); // not the page's code under it
    expect(entries.get(`onPaste ext:/content-scripts/glide.js:31:1`)).toBe(6);
    expect(own.get(`read ext:/content-scripts/glide.js:21:1`)).toBe(3 + 4); // the DOM call it made counted as its own
    expect(own.get(`pass ext:/content-scripts/glide.js:11:1`)).toBe(2);
    expect([...entries.keys()].some((k) => k.startsWith('tick'))).toBe(false);
  });

  it('averages over the profiles added; a function absent from one counts 0 there', () => {
    const s = new ProfileSummary(/^https:\/\/go\.glideapps\.com\/.*/);
    s.add(profile([[4, 4]]));
    s.add(profile([[2, 2]]));
    const { self, byUrl } = s.means();
    expect(self.get(`read ext:/content-scripts/glide.js:21:1`)).toBe(2);
    expect(byUrl.get('page')).toBe(1);
  });
});

describe('scriptTimeByOwner', () => {
  it('a sample is the innermost scripted frame’s: DOM work under our code is ours, under the page’s is the page’s; no script, no owner', () => {
    const p = profile([
      [2, 1],
      [3, 2],
      [4, 3],
      [6, 5],
    ]);
    // Native frames (no address) under the page's tick and under our read: a querySelectorAll each.
    p.nodes.push({ id: 7, callFrame: frame('(querySelectorAll)', '') }, { id: 8, callFrame: frame('(querySelectorAll)', '') });
    p.nodes[1]!.children!.push(7);
    p.nodes[3]!.children!.push(8);
    p.samples.push(7, 8);
    p.timeDeltas.push(10_000, 20_000);
    expect(scriptTimeByOwner(p)).toEqual({ page: 11, extension: 25 });
  });
});
