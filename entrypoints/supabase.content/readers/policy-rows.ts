/**
 * Policy rows of one card (Studio Auth/Policies/PolicyTableRow/PolicyRow.tsx, also used by the storage policies
 * page): Name | Command | Applied to (roles as <code>, at most two, then "+ n more"; a pseudo-role "anonymous
 * sign-ins" that is not a database role).
 */
import { COMMANDS } from '@/utils/supabase/dashboard-constants';
import { firstText, take, textOf, type PolicyIn } from './dom';
import { norm, SAYS } from '../studio';

const COMMAND_SET = new Set<string>(COMMANDS);
const MORE = /^\+\s*\d+\s*more$/i;

export function policyRows(card: Element): Omit<PolicyIn, 'schema' | 'table'>[] {
  const out: Omit<PolicyIn, 'schema' | 'table'>[] = [];
  for (const row of take(card, 'tr, [role="row"]', 500)) {
    if (row.querySelector('th, [role="columnheader"]')) continue;
    const cells = take(row, 'td, [role="cell"], [role="gridcell"]', 8);
    if (cells.length < 3) continue;
    const name = firstText(cells[0]!) || norm(textOf(cells[0]!, 200));
    const command = textOf(cells[1]!, 40).replace(/\s+/g, '').toUpperCase();
    if (!name || !COMMAND_SET.has(command)) continue;
    const codes = take(cells[2]!, 'code', 10)
      .map((c) => (c.textContent ?? '').trim())
      .filter(Boolean);
    const rolesText = codes.length
      ? codes
      : textOf(cells[2]!, 300)
          .split(',')
          .map((r) => r.trim())
          .filter(Boolean);
    const more = rolesText.some((r) => MORE.test(r));
    const roles = rolesText.filter((r) => !MORE.test(r) && /^[\w-]{1,63}$/.test(r) && r !== 'anonymous' && norm(r) !== SAYS.anonymousSignIns);
    out.push({ name, command: command as PolicyIn['command'], roles, rolesTruncated: more });
  }
  return out;
}
