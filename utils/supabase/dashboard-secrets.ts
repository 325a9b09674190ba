/**
 * Keys in what the Supabase dashboard readers collected (issue 10 item 11). A cron command such as
 * `select net.http_post(url := '…', headers := '{"Authorization": "Bearer <service_role JWT>"}')` carries the
 * key it was written with: the readers collect that text, and it used to be stored raw with no finding. Every
 * string of an observation is scanned with the secret engine; each key is replaced by its mask before anything is
 * stored, and reported as a builder secret (a secret in a scheduled job is critical: it runs unattended and is
 * stored in `cron.job`, readable by every teammate and kept in the database's backups). Pure.
 * Facts: shared/reference/supabase-studio.md (cron jobs list shows the command), shared/reference/secrets.md.
 */
import { scanSecrets, type SecretMatch } from '../secrets';
import { maskMatches } from '../secrets/redact';

export interface DashboardSecret {
  /** Where it was seen, for the finding's "field" (≤ 120 characters, page text quoted and cut). */
  where: string;
  match: SecretMatch;
  /** Severity to report: critical for a non-publishable key in a cron job, else the engine's. */
  severity: SecretMatch['severity'];
}

type Path = (string | number)[];
const MIN_LEN = 8;
const MAX_FOUND = 50;

const quoteText = (s: unknown, max = 40) => {
  const t = typeof s === 'string' ? s.replace(/[\u0000-\u001f\u007f]/g, '') : '';
  return `“${t.length > max ? `${t.slice(0, max - 1)}…` : t}”`;
};

/** A human name for where a string sat in the observation. */
function whereOf(root: unknown, path: Path, scan: (text: string) => SecretMatch[]): string {
  // Names are page text too: masked before they are quoted (and cut), so no part of a key reaches the label.
  const quote = (s: unknown) => quoteText(typeof s === 'string' && s.length >= MIN_LEN ? maskMatches(s, scan(s)) : s);
  const at = (p: Path) => p.reduce<unknown>((o, k) => (o as Record<string | number, unknown> | undefined)?.[k], root) as Record<string, unknown> | undefined;
  const [top, , , field] = path;
  const item = path.length >= 3 ? at(path.slice(0, top === 'cron' || top === 'advisors' ? 3 : 2)) : undefined;
  let label: string;
  if (top === 'cron') label = `cron job ${quote(item?.name)} ${field ?? 'command'}`;
  else if (top === 'policies') label = `policy ${quote(item?.name)} on ${quote(item?.table)} (${String(path[2] ?? 'text')})`;
  else if (top === 'advisors') label = `Security Advisor ${quote(item?.title)}`;
  else if (top === 'tables') label = `table ${quote(item?.name)}`;
  else if (top === 'buckets') label = `bucket ${quote(item?.name)}`;
  else label = `dashboard ${path.join('.')}`;
  return `Supabase dashboard: ${label}`.slice(0, 120);
}

/**
 * The observation with every key masked, and the keys found (at most MAX_FOUND, one per key and place). The
 * observation's shape is kept as it is: only string values change.
 */
export function maskDashboardSecrets<T>(
  observation: T,
  scan: (text: string) => SecretMatch[] = (t) => scanSecrets(t),
): { observation: T; found: DashboardSecret[] } {
  const found: DashboardSecret[] = [];
  const seen = new Set<string>();
  const walk = (value: unknown, path: Path): unknown => {
    if (typeof value === 'string') {
      if (value.length < MIN_LEN) return value;
      const matches = scan(value);
      if (!matches.length) return value;
      const where = whereOf(observation, path, scan);
      for (const m of matches) {
        const id = `${m.fingerprint}|${where}`;
        if (seen.has(id) || found.length >= MAX_FOUND) continue;
        seen.add(id);
        const severity = path[0] === 'cron' && m.exposure !== 'publishable' ? 'critical' : m.severity;
        found.push({ where, match: m, severity });
      }
      return maskMatches(value, matches);
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, i]));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = walk(v, [...path, k]);
      return out;
    }
    return value;
  };
  return { observation: walk(observation, []) as T, found };
}
