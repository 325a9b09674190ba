/**
 * Markdown for page-controlled strings (file names, cookie names, URLs, table names, messages quoting page data).
 * Nothing a page writes may become a link, an image, raw HTML or a block (heading, list, quote, table row) in a
 * report pasted into a ticket. Pure; property-tested in test/engine/report-escape.test.ts.
 */
import { showInvisible } from '../utils/text';

/** Inline syntax that can open a link or image (`[`), raw HTML or an autolink (`<`), an entity, emphasis, code or a cell. */
const INLINE = /[\\`*_[\]<>&|~]/g;
/** At the start of a line: block syntax (headings, lists, quotes, setext underlines, thematic breaks, numbered lists). */
const BLOCK_START = /^(\s*)([-+=#]|\d+(?=[.)]))/;
/** What a renderer might turn into a link by itself: a scheme (`https:`, `javascript:`…), a `www.` host, an e-mail address. */
const LINKISH = /[a-z][a-z0-9+.-]*:\S+|www\.\S*|[^\s@]*@[^\s@]+\.[^\s@]+/gi;

const oneLine = (s: string) => s.replace(/\r\n?|\n/g, ' ');

function escapeProse(s: string): string {
  return s.replace(INLINE, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

/**
 * One line of page-controlled text made inert: Markdown syntax escaped, anything link-like (a URL, `javascript:…`,
 * `www.…`, an e-mail address) put in a code span, bidi controls and invisible characters shown as `\uXXXX`,
 * newlines turned into spaces.
 */
export function escapeMarkdown(s: string): string {
  const line = showInvisible(oneLine(s));
  // Link-like runs, adjacent ones merged (two code spans side by side would read as one longer fence).
  const runs: [number, number][] = [];
  for (const m of line.matchAll(LINKISH)) {
    const last = runs[runs.length - 1];
    if (last && last[1] === m.index) last[1] = m.index + m[0].length;
    else runs.push([m.index, m.index + m[0].length]);
  }
  let out = '';
  let at = 0;
  for (const [start, end] of runs) {
    out += escapeProse(line.slice(at, start)) + codeSpan(line.slice(start, end));
    at = end;
  }
  out += escapeProse(line.slice(at));
  // Digits cannot be backslash-escaped: "1." stays a paragraph when the character after the digits is escaped.
  return out.replace(BLOCK_START, (_, sp: string, m: string) => (/\d/.test(m) ? `${sp}${m}\\` : `${sp}\\${m}`));
}

/**
 * A code span holding `s` literally (Markdown parses nothing inside one): the fence is one backtick longer than the
 * longest run inside, padded with a space when the text starts or ends with a backtick or a space.
 */
export function codeSpan(s: string): string {
  const text = showInvisible(oneLine(s));
  if (text.trim() === '') return `\`${text || ' '}\``;
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Inline Markdown (escapeMarkdown/codeSpan output) made safe inside a table cell: every pipe escaped, code spans included. */
export function tableCell(inline: string): string {
  return inline.replace(/(?<!\\)\|/g, '\\|');
}

/** A link from our own fix guides (possibly filled with page values): shown raw, clickable, only when it is a plain https URL. */
export function markdownLink(url: string): string {
  return /^https:\/\/[A-Za-z0-9.-]+(?:[/?#][A-Za-z0-9._~%/?#=&+:@$',;*-]*)?$/.test(url) ? url : codeSpan(url);
}
