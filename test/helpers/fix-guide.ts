/**
 * Reads what a rule's own fix guide tells the user to ship (header lines, <meta> tags, a Set-Cookie line), so a
 * rule test's "fixed" case applies the guide's words rather than a value the test made up.
 */
import { parseSetCookie } from '@/utils/http/cookies';
import type { Cookie } from '@/utils/evidence/evidence';
import { resolveGuide } from '@/engine/fix';
import type { FixTarget } from '@/utils/platform/platforms';
import type { Rule, Snippet } from '@/engine/rule';
import { NOW, PAGE } from './evidence';

/** The snippet of the variant the guide shows first for `target` (the generic one without a target). */
export function snippetOf(rule: Rule, target?: FixTarget): Snippet {
  const snippet = resolveGuide(rule.meta.fix, target ? [target] : [], {}).primary.snippet;
  if (!snippet) throw new Error(`${rule.meta.id}: the ${target ?? 'generic'} fix has no snippet`);
  return snippet;
}

interface JsonHeaders {
  headers?: { headers: { key: string; value: string }[] }[];
  hosting?: { headers: { headers: { key: string; value: string }[] }[] };
}

/** Header [name, value] pairs a snippet sets: `Name: value` lines (incl. Netlify `_headers`), nginx `add_header`,
 * or a Vercel / Firebase JSON config. */
export function headersFromSnippet(code: string): [string, string][] {
  const trimmed = code.trim();
  if (trimmed.startsWith('{')) {
    const json = JSON.parse(trimmed) as JsonHeaders;
    const rules = json.headers ?? json.hosting?.headers ?? [];
    return rules.flatMap((r) => r.headers.map((h): [string, string] => [h.key, h.value]));
  }
  const out: [string, string][] = [];
  for (const line of code.split('\n')) {
    const nginx = /^\s*add_header\s+(\S+)\s+"((?:[^"\\]|\\.)*)"/.exec(line);
    if (nginx) {
      out.push([nginx[1]!, nginx[2]!.replace(/\\"/g, '"')]);
      continue;
    }
    const plain = /^\s*([A-Za-z][A-Za-z0-9-]*):\s*(.*\S)\s*$/.exec(line);
    if (plain) out.push([plain[1]!, plain[2]!]);
  }
  return out;
}

/** The response headers the guide's variant for `target` tells the user to add. */
export function fixHeaders(rule: Rule, target?: FixTarget): [string, string][] {
  const headers = headersFromSnippet(snippetOf(rule, target).code);
  if (headers.length === 0) throw new Error(`${rule.meta.id}: no header in the ${target ?? 'generic'} snippet`);
  return headers;
}

/** `<meta>` tags in an HTML snippet, shaped like the page snapshot's meta list. */
export function metaFromSnippet(code: string): { name?: string; httpEquiv?: string; content: string }[] {
  const out: { name?: string; httpEquiv?: string; content: string }[] = [];
  for (const [, attrs] of code.matchAll(/<meta\s+([^>]*)>/gi)) {
    const a = Object.fromEntries([...attrs!.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, k, v]) => [k!.toLowerCase(), v!]));
    out.push({
      ...(a['http-equiv'] !== undefined ? { httpEquiv: a['http-equiv'] } : {}),
      ...(a.name !== undefined ? { name: a.name } : {}),
      content: a.content ?? '',
    });
  }
  return out;
}

/** The cookie the guide's `Set-Cookie:` snippet describes, as the collector would record it for the test page. */
export function fixCookie(rule: Rule): Cookie {
  const line = snippetOf(rule)
    .code.split('\n')
    .find((l) => /^set-cookie:/i.test(l));
  if (!line) throw new Error(`${rule.meta.id}: the fix snippet sets no cookie`);
  const cookie = parseSetCookie(line.replace(/^set-cookie:\s*/i, ''), PAGE, Math.floor(NOW / 1000));
  if (!cookie) throw new Error(`${rule.meta.id}: the fix snippet's cookie has no name`);
  return cookie;
}

/** A Set-Cookie line as the collector records it (parsed against the test page at NOW). */
export function setCookie(line: string, url = PAGE): Cookie {
  const cookie = parseSetCookie(line, url, Math.floor(NOW / 1000));
  if (!cookie) throw new Error(`no cookie in "${line}"`);
  return cookie;
}
