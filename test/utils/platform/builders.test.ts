/**
 * utils/platform/builders.ts: the editors' match patterns and page tests are exactly the editor pages (issue 10
 * item 8: the Bubble script also ran on bubble.io/pagex, the Supabase script on the sign-in page, where it filed
 * keys under `builder:https://supabase.com`), and an audit's scope is derived from the full address.
 */
import { describe, expect, it } from 'vitest';
import { BUILDERS, auditScope, builderForUrl } from '@/utils/platform/builders';

/**
 * Chrome's match-pattern semantics for the URL parts we use: scheme and host literal, the path pattern (with `*`
 * as the only wildcard) matched against the URL's path plus query string.
 */
function chromeMatches(pattern: string, url: string): boolean {
  const m = /^(https?):\/\/([^/]+)(\/.*)$/.exec(pattern)!;
  const u = new URL(url);
  if (`${u.protocol}` !== `${m[1]}:` || u.host !== m[2]) return false;
  const re = new RegExp(
    `^${m[3]!
      .split('*')
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(u.pathname + u.search);
}
const runsOn = (id: keyof typeof BUILDERS, url: string) => BUILDERS[id].matches.some((p) => chromeMatches(p, url));

describe('builder match patterns', () => {
  it.each([
    ['bubble', 'https://bubble.io/page?id=tinypoll&tab=Plugins', true],
    ['bubble', 'https://bubble.io/page', true],
    ['bubble', 'https://bubble.io/pagex', false],
    ['bubble', 'https://bubble.io/pagex?id=tinypoll', false],
    ['bubble', 'https://bubble.io/pages/pricing', false],
    ['glide', 'https://go.glideapps.com/app/a1B2c3D4e5F6g7H8i9J0/layout', true],
    ['glide', 'https://go.glideapps.com/pricing', false],
    ['supabase', 'https://supabase.com/dashboard/project/abcdefghijklmnopqrst/sql/new', true],
    ['supabase', 'https://supabase.com/dashboard/sign-in', false],
    ['supabase', 'https://supabase.com/dashboard/projects', false],
    ['supabase', 'https://supabase.com/dashboard/org/acme', false],
  ] as const)('%s runs on %s: %s', (id, url, yes) => {
    expect(runsOn(id, url)).toBe(yes);
    expect(builderForUrl(url)?.id === id).toBe(yes);
  });

  it('never files a key under a builder host’s bare origin', () => {
    for (const url of ['https://supabase.com/dashboard/sign-in', 'https://bubble.io/pagex']) expect(builderForUrl(url)).toBeUndefined();
  });
});

describe('auditScope', () => {
  it('derives the project from the full address (Bubble’s ?id=), dropping everything else in the query', () => {
    expect(auditScope('https://bubble.io/page?id=TinyPoll&tab=Plugins&token=abc#x')).toBe('https://bubble.io/page?id=tinypoll');
    expect(auditScope('https://supabase.com/dashboard/project/abcdefghijklmnopqrst/sql/new?token=abc')).toBe(
      'https://supabase.com/dashboard/project/abcdefghijklmnopqrst',
    );
    expect(auditScope('https://app.example.com/x?token=abc')).toBe('https://app.example.com');
  });
});
