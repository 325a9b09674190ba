/**
 * Summaries of V8 CPU profiles (CDP `Profiler.stop`) taken by the benchmarks (bench-supabase, bench-builders): self
 * time per script, self time per extension function, inclusive time per extension function (each extension
 * function on a sample's stack counted once), the extension's time by the function the browser called (its entry
 * points) and by function with the browser work it called, averaged over the profiles added. Names are readable with a build made
 * with MAA_NO_MINIFY=1 (wxt.config.ts).
 */
export interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const EXT = /^(chrome|moz)-extension:\/\/[^/]+\//;

/**
 * Whose script each sample ran, in milliseconds: a sample belongs to the innermost frame on its stack that has a
 * script address (so the DOM work a script asks for, `querySelectorAll` or `createElement`, counts as that
 * script's), "extension" for our scripts and "page" for any other; samples with no script on the stack (garbage
 * collection, idle, the browser's own work) count for neither. Within one launch, this splits script time between
 * the page and the extension without comparing two launches (whose page script time alone varies by ±100 ms on a
 * 24,000-element page).
 */
export function scriptTimeByOwner(profile: CpuProfile): { page: number; extension: number } {
  const parent = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const owner = new Map<number, 'page' | 'extension' | undefined>();
  const ownerOf = (id: number): 'page' | 'extension' | undefined => {
    if (owner.has(id)) return owner.get(id);
    let found: 'page' | 'extension' | undefined;
    for (let at = byId.get(id); at; at = parent.get(at.id))
      if (at.callFrame.url) {
        found = EXT.test(at.callFrame.url) ? 'extension' : 'page';
        break;
      }
    owner.set(id, found);
    return found;
  };
  const out = { page: 0, extension: 0 };
  for (const [k, id] of profile.samples.entries()) {
    const who = ownerOf(id);
    if (who) out[who] += (profile.timeDeltas[k] ?? 0) / 1000;
  }
  return out;
}

export class ProfileSummary {
  private readonly byUrl = new Map<string, number>();
  private readonly self = new Map<string, number>();
  private readonly inclusive = new Map<string, number>();
  /** Extension time by the function the browser called (the outermost extension frame: a listener, a timer, the script's start). */
  private readonly entries = new Map<string, number>();
  /** Extension time by function, the browser work it called directly (DOM calls, layout) included. */
  private readonly own = new Map<string, number>();
  private count = 0;

  /** `pageUrl` turns the page's own script addresses into one label ("page"). */
  constructor(private readonly pageUrl: RegExp) {}

  add(profile: CpuProfile): void {
    this.count++;
    const put = (m: Map<string, number>, k: string, ms: number) => m.set(k, (m.get(k) ?? 0) + ms);
    const byNode = new Map<number, number>();
    for (const [k, id] of profile.samples.entries()) byNode.set(id, (byNode.get(id) ?? 0) + (profile.timeDeltas[k] ?? 0) / 1000);
    const parent = new Map<number, ProfileNode>();
    for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node);
    const fnKey = (f: ProfileNode['callFrame']) =>
      `${f.functionName || '(anonymous)'} ${f.url.replace(EXT, 'ext:/')}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    for (const node of profile.nodes) {
      const ms = byNode.get(node.id) ?? 0;
      if (!ms) continue;
      const url = node.callFrame.url || `(${node.callFrame.functionName || 'program'})`;
      put(this.byUrl, url.replace(EXT, 'ext:/').replace(this.pageUrl, 'page'), ms);
      if (EXT.test(url)) put(this.self, fnKey(node.callFrame), ms);
      const seen = new Set<string>();
      let innermost: ProfileNode | undefined;
      let outermost: ProfileNode | undefined;
      for (let at: ProfileNode | undefined = node; at; at = parent.get(at.id)) {
        if (at.callFrame.url && !innermost) innermost = at;
        if (!EXT.test(at.callFrame.url)) continue;
        outermost = at;
        const k = fnKey(at.callFrame);
        if (!seen.has(k)) put(this.inclusive, k, ms);
        seen.add(k);
      }
      // As scriptTimeByOwner: the sample is the extension's when its innermost frame with an address is.
      if (innermost && EXT.test(innermost.callFrame.url)) {
        put(this.own, fnKey(innermost.callFrame), ms);
        put(this.entries, fnKey(outermost!.callFrame), ms);
      }
    }
  }

  /** Mean milliseconds per profile added (a function absent from a profile counts 0 there). */
  means(): {
    byUrl: Map<string, number>;
    self: Map<string, number>;
    inclusive: Map<string, number>;
    own: Map<string, number>;
    entries: Map<string, number>;
  } {
    const n = Math.max(1, this.count);
    const mean = (m: Map<string, number>) => new Map([...m].map(([k, ms]) => [k, ms / n]));
    return { byUrl: mean(this.byUrl), self: mean(this.self), inclusive: mean(this.inclusive), own: mean(this.own), entries: mean(this.entries) };
  }

  /** Markdown lists: by script, self by function, inclusive by function (top `k` each), for `what` ("one heavy load"). */
  print(what: string, k = 20): void {
    const { byUrl, self, inclusive, own, entries } = this.means();
    const top = (m: Map<string, number>, j: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, j);
    const per = this.count <= 1 ? what : `mean of ${this.count} profiles, ${what}`;
    console.log(`\n# CPU profile (${per}): self time by script\n`);
    for (const [u, ms] of top(byUrl, 10)) console.log(`- ${ms.toFixed(1)} ms  ${u}`);
    console.log(`\n# Extension code, self time by function (${per}; positions in the measured build)\n`);
    for (const [f, ms] of top(self, k)) console.log(`- ${ms.toFixed(1)} ms  ${f}`);
    console.log(`\n# Extension code, inclusive time by function (${per})\n`);
    for (const [f, ms] of top(inclusive, k)) console.log(`- ${ms.toFixed(1)} ms  ${f}`);
    const total = [...entries.values()].reduce((a, b) => a + b, 0);
    console.log(`\n# Extension time (${total.toFixed(1)} ms) by the function the browser called: listener, timer, message, start (${per})\n`);
    for (const [f, ms] of top(entries, k)) console.log(`- ${ms.toFixed(1)} ms  ${f}`);
    console.log(`\n# Extension code, self time with the browser work it called (DOM, layout, messaging) (${per})\n`);
    for (const [f, ms] of top(own, k)) console.log(`- ${ms.toFixed(1)} ms  ${f}`);
  }
}
