/**
 * Policy SQL as Studio's policy editor shows it (Auth/Policies/PolicyEditorPanel/LockedQuerySection.tsx and the
 * Monaco editor of RLSCodeEditor.tsx): `create policy "<name>"` for a new policy, `alter policy "<name>"` when
 * editing one (then without the `as` and `for` lines), each line behind a line-number element. The only place the
 * dashboard shows USING / WITH CHECK. The text is read line by line with the gutter dropped (dom.ts codeLines).
 */
import { SAYS } from '../studio';
import { BOUNDS, codeLines, take, type PolicyIn } from './dom';

/** A parenthesised expression starting at `open` ('('), balanced, quotes respected; returns inner text and end. */
function balanced(s: string, open: number): { inner: string; end: number } | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < s.length && i < open + 4000; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0)
      return {
        inner: s
          .slice(open + 1, i)
          .replace(/\s+/g, ' ')
          .trim(),
        end: i + 1,
      };
  }
  return undefined;
}

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)`;
const unquote = (s: string) => (s.startsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s.toLowerCase());

/** An expression clause: `null` when the statement has none and says so (create), undefined when unknown. */
function clause(rest: string, re: RegExp, absent: null | undefined): { value: string | null | undefined; unreadable: boolean } {
  const m = re.exec(rest);
  if (!m) return { value: absent, unreadable: false };
  const b = balanced(rest, m.index + m[0].length - 1);
  // Unclosed, or closed with nothing inside (the editor's text was not in the page): unknown, never "no condition".
  return b?.inner ? { value: b.inner, unreadable: false } : { value: undefined, unreadable: true };
}

/**
 * `create policy "name" on schema.table [as permissive] [for cmd] [to roles] [using (…)] [with check (…)]` and
 * `alter policy "name" on schema.table [to roles] [using (…)] [with check (…)]`. A `create` states every clause (a
 * missing one is `null`); an `alter` states only what it changes (a missing one is unknown, its command unknown).
 * A clause whose parentheses do not close in the text read is unknown and the policy is marked `exprUnread`.
 */
export function parsePolicySql(sql: string): PolicyIn[] {
  const out: PolicyIn[] = [];
  const head = new RegExp(String.raw`\b(create|alter)\s+policy\s+(${IDENT})\s+on\s+(?:(${IDENT})\s*\.\s*)?(${IDENT})`, 'gi');
  for (const m of sql.matchAll(head)) {
    const create = m[1]!.toLowerCase() === 'create';
    let rest = sql.slice(m.index! + m[0].length, m.index! + m[0].length + 8000);
    const stop = SAYS.policyHead.exec(rest);
    if (stop) rest = rest.slice(0, stop.index);
    if (/^\s*rename\s+to\b/i.test(rest)) continue; // a rename shows no expression
    const permissive = !/^\s*as\s+restrictive/i.test(rest);
    const cmd = create ? (/^\s*(?:as\s+\w+\s+)?for\s+(all|select|insert|update|delete)\b/i.exec(rest)?.[1]?.toUpperCase() ?? 'ALL') : 'unknown';
    const to = /\bto\s+((?:[\w"]+\s*,\s*)*[\w"]+)/i.exec(rest.split(/\busing\b|\bwith\s+check\b/i)[0] ?? '');
    const roles = to ? to[1]!.split(',').map((r) => unquote(r.trim())) : create ? ['public'] : undefined;
    const absent = create ? null : undefined;
    const using = clause(rest, /\busing\s*\(/i, absent);
    const check = clause(rest, /\bwith\s+check\s*\(/i, absent);
    const unread = using.unreadable || check.unreadable || (!create && using.value === undefined && check.value === undefined);
    out.push({
      schema: m[3] ? unquote(m[3]) : 'public',
      table: unquote(m[4]!),
      name: unquote(m[2]!),
      command: cmd as PolicyIn['command'],
      ...(roles ? { roles } : {}),
      ...(create ? { permissive } : {}),
      ...(using.value !== undefined ? { using: using.value } : {}),
      ...(check.value !== undefined ? { check: check.value } : {}),
      ...(unread ? { exprUnread: true } : {}),
    });
    if (out.length >= 50) break;
  }
  return out;
}

/** Kept for the helpers that apply fix snippets in tests: `create policy` statements only. */
export const parseCreatePolicies = (sql: string): PolicyIn[] => parsePolicySql(sql).filter((p) => p.command !== 'unknown');

/** Policies shown in open policy editors (dialogs and side panels), read line by line without the gutter. */
export function policiesInEditors(doc: Document): PolicyIn[] {
  const out: PolicyIn[] = [];
  for (const d of take(doc, '[role="dialog"], dialog', 5)) {
    const text = codeLines(d, BOUNDS.dialogText).join('\n');
    if (SAYS.policyHead.test(text)) out.push(...parsePolicySql(text));
  }
  return out;
}
