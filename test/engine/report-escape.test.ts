import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codeSpan, escapeMarkdown, markdownLink, tableCell } from '@/engine/report-escape';
import { showInvisible } from '@/utils/text';

/**
 * A reader for the inline Markdown these helpers emit (CommonMark code spans, backslash escapes, the three entities
 * they use). It fails on anything a renderer could turn into markup: an unescaped `[ ] < > * _ | ~` or backtick,
 * another entity, a link-like run (scheme, www., e-mail) outside a code span. It returns the text a reader sees.
 */
function readInline(md: string): string {
  let out = '';
  let plain = '';
  const checkPlain = () => {
    expect(plain, 'link-like text outside a code span').not.toMatch(/[a-z][a-z0-9+.-]*:\S|www\.|@[^\s@]+\.[^\s@]/i);
    plain = '';
  };
  for (let i = 0; i < md.length; ) {
    const c = md[i]!;
    if (c === '\\' && i + 1 < md.length && /[!-/:-@[-`{-~]/.test(md[i + 1]!)) {
      out += md[i + 1];
      plain += md[i + 1];
      i += 2;
    } else if (c === '`') {
      checkPlain();
      const run = /^`+/.exec(md.slice(i))![0];
      const close = md.indexOf(run, i + run.length);
      expect(close, 'unclosed code span').toBeGreaterThan(-1);
      expect(md[close + run.length], 'code span closed by a longer run').not.toBe('`');
      let body = md.slice(i + run.length, close);
      if (body.length > 1 && body.startsWith(' ') && body.endsWith(' ') && body.trim() !== '') body = body.slice(1, -1);
      out += body;
      i = close + run.length;
    } else if (c === '&') {
      const ent = /^&(lt|gt|amp);/.exec(md.slice(i));
      expect(ent, `raw entity at ${i}`).not.toBeNull();
      out += { lt: '<', gt: '>', amp: '&' }[ent![1] as 'lt' | 'gt' | 'amp'];
      plain += ' ';
      i += ent![0].length;
    } else {
      expect('[]<>*_|~\\'.includes(c), `unescaped ${c} at ${i} in ${md}`).toBe(false);
      out += c;
      plain += c;
      i++;
    }
  }
  checkPlain();
  return out;
}

const oneLine = (s: string) => s.replace(/\r\n?|\n/g, ' ');
const hostile = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc
    .array(
      fc.constantFrom(
        '[',
        ']',
        '(',
        ')',
        '!',
        '<',
        '>',
        '`',
        '``',
        '*',
        '_',
        '|',
        '~',
        '&',
        '#',
        '-',
        '1.',
        '\\',
        ' ',
        '\n',
        'javascript:',
        'https://',
        'www.',
        'a@b.co',
        'x',
        '\u202E',
        'img src=x onerror=alert(1)',
      ),
      { maxLength: 30 },
    )
    .map((a) => a.join('')),
);

describe('escapeMarkdown', () => {
  it('neutralises links, images, raw HTML and javascript: links', () => {
    const md = escapeMarkdown('[click](javascript:alert(1)) ![i](https://evil.test/p.png) <img src=x onerror=alert(1)>');
    expect(md).not.toMatch(/(?<!\\)\[/);
    expect(md).not.toContain('<img');
    expect(md).toContain('`javascript:alert(1))`');
    expect(readInline(md)).toBe('[click](javascript:alert(1)) ![i](https://evil.test/p.png) <img src=x onerror=alert(1)>');
  });
  it('keeps block syntax at the start from making a heading, list or quote', () => {
    for (const s of ['# title', '- item', '+ item', '1. item', '> quote', '=== ']) expect(escapeMarkdown(s)).not.toBe(s);
    expect(escapeMarkdown('1. item')).toBe('1\\. item');
    expect(escapeMarkdown('# title')).toBe('\\# title');
  });
  it('keeps ordinary prose readable', () => {
    expect(escapeMarkdown('No Content-Security-Policy (page)')).toBe('No Content-Security-Policy (page)');
  });
  it('shows bidi controls escaped (a reader sees \\u202E, never the override)', () => {
    const md = escapeMarkdown('evil\u202Egnp.session');
    expect(md).not.toContain('\u202E');
    expect(readInline(md)).toBe('evil\\u202Egnp.session');
  });
  it('property: one inert line that reads back as the input', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const md = escapeMarkdown(s);
        expect(md).not.toMatch(/[\r\n]/);
        expect(readInline(md)).toBe(showInvisible(oneLine(s)));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('codeSpan', () => {
  it('holds backticks, pipes and links literally', () => {
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`x`')).toBe('`` `x` ``');
    expect(codeSpan('')).toBe('` `');
  });
  it('property: a single code span whose content is the input on one line', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const md = codeSpan(s);
        expect(md).not.toMatch(/[\r\n]/);
        expect(md.startsWith('`')).toBe(true);
        const expected = showInvisible(oneLine(s));
        if (expected.trim() !== '') expect(readInline(md)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('tableCell', () => {
  it('escapes every pipe, inside code spans too', () => {
    expect(tableCell(codeSpan('a|b'))).toBe('`a\\|b`');
    expect(tableCell(escapeMarkdown('a|b'))).toBe('a\\|b');
  });
});

describe('markdownLink', () => {
  it('keeps our plain https links clickable and puts anything else in a code span', () => {
    expect(markdownLink('https://supabase.com/dashboard/project/abc/settings/api-keys')).toBe('https://supabase.com/dashboard/project/abc/settings/api-keys');
    expect(markdownLink('javascript:alert(1)')).toBe('`javascript:alert(1)`');
    expect(markdownLink('https://x.test/a)[b](javascript:x)')).toMatch(/^`/);
    expect(markdownLink('https://x.test/<img>')).toMatch(/^`/);
  });
});
