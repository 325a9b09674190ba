/**
 * Passive discovery of the Supabase project behind a deployed app. Pure: reads the text the page shipped
 * (Evidence.sources: bundles, inline scripts, HTML, the addresses it requested) and the responses captured for the
 * tab; sends nothing.
 *
 * - Project: `https://<ref>.supabase.co` in the code or in the page's requests, or the `ref` claim of a legacy key.
 * - Keys: the secret scanner finds and classifies them (anon / service_role JWT, sb_publishable_ / sb_secret_);
 *   Evidence keeps their kind and masked preview only. The raw publishable key is handed back separately
 *   (`probeKeys`), for the consented exposure check to use in memory and drop: it never enters Evidence.
 * - Tables: `.from('…')` / `.from("…")` / `` .from(`…`) `` in code (not `storage.from('bucket')`, `Array.from`,
 *   `Buffer.from`…), `/rest/v1/<table>` in the page's requests, and embedded tables of their `select=`.
 */
import type { HttpResponse, Source } from '../evidence/evidence';
import { firstHeader } from '../http/http';
import { scanSecrets } from '../secrets/index';
import { readClaims } from '../secrets/jwt';
import { SUPABASE_LIMITS, type KeyKind, type ObservedRequest, type SupabaseApp, type SupabaseTable } from './app-evidence';
import { SUPABASE_HOST, isTableName, parseContentRange, parseSelect, restTableOf } from './app-classify';

/** A publishable key for the exposure check. In memory only: never put it in Evidence, storage or a log. */
export interface ProbeKey {
  ref: string;
  kind: 'anon-jwt' | 'publishable';
  value: string;
}

export interface DiscoveryInput {
  sources?: readonly Source[] | undefined;
  responses?: readonly HttpResponse[] | undefined;
  /** Addresses from the page's resource list (no query strings). */
  resources?: readonly string[] | undefined;
}

export interface Discovery {
  /** Undefined when the page shows no sign of a Supabase project. */
  app: SupabaseApp | undefined;
  probeKeys: ProbeKey[];
}

/** Unique table names remembered while scanning (a hostile bundle can name millions). */
const MAX_NAMES_SEEN = 10_000;
const PROVIDER_KIND: Record<string, KeyKind> = {
  'supabase-anon-jwt': 'anon-jwt',
  'supabase-service-role-jwt': 'service-role-jwt',
  'supabase-publishable-key': 'publishable',
  'supabase-secret-key': 'secret',
};
const RAW_SHAPE: Record<KeyKind, RegExp> = {
  'anon-jwt': /^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/,
  'service-role-jwt': /^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/,
  publishable: /^sb_publishable_[A-Za-z0-9_-]{20,80}$/,
  secret: /^sb_secret_[A-Za-z0-9_-]{20,80}$/,
};
/** `.from(` receivers that are not a Supabase client: standard library and stream/date helpers. */
const NOT_A_CLIENT =
  /^(Array|Buffer|[A-Za-z0-9]*Array|Set|Map|Promise|Observable|Rx|Iterator|AsyncIterator|Readable|Stream|Blob|Temporal|Plain[A-Za-z]*|Instant|Duration|ZonedDateTime|Intl|storage|String)$/;
/** A project URL as written in code, JSON (`https:\/\/…`) or a protocol-relative address. */
const PROJECT_URL = /(?:https?:)?(?:\/\/|\\\/\\\/)([a-z0-9]{20})\.supabase\.co(?![A-Za-z0-9-]|\.[A-Za-z0-9])/g;
const FROM_CALL = /\.from\(\s*(?:"([^"\\\n]{1,64})"|'([^'\\\n]{1,64})'|`([^`\\$\n]{1,64})`)\s*\)(\s*\.\s*(?:select|insert|update|upsert|delete)\s*\()?/g;

const CODE_KINDS = new Set<Source['kind']>(['script', 'inline-script', 'html', 'data-blob']);

interface ProjectAcc {
  ref: string;
  keys: Map<string, { kind: KeyKind; masked: string; fingerprint: string }>;
  /** table → facts; insertion order = priority (requested first, then code order). */
  requested: Map<string, { selected: Set<string>; requests: ObservedRequest[] }>;
}

export function discoverSupabase(input: DiscoveryInput): Discovery {
  const sources = input.sources ?? [];
  const responses = input.responses ?? [];
  const resources = input.resources ?? [];
  const mentions =
    sources.some((s) => s.text.includes('.supabase.co')) ||
    responses.some((r) => r.url.includes('.supabase.co')) ||
    resources.some((u) => u.includes('.supabase.co'));
  if (!mentions) return { app: undefined, probeKeys: [] };

  const projects = new Map<string, ProjectAcc>();
  const project = (ref: string): ProjectAcc | undefined => {
    let p = projects.get(ref);
    if (!p && projects.size < SUPABASE_LIMITS.projects) {
      p = { ref, keys: new Map(), requested: new Map() };
      projects.set(ref, p);
    }
    return p;
  };
  const requestedTable = (p: ProjectAcc, table: string) => {
    let t = p.requested.get(table);
    if (!t && p.requested.size < SUPABASE_LIMITS.tables) {
      t = { selected: new Set(), requests: [] };
      p.requested.set(table, t);
    }
    return t;
  };
  const noteSelect = (p: ProjectAcc, table: string, select: readonly string[] | undefined) => {
    const t = requestedTable(p, table);
    for (const c of select ?? []) if (c !== '*' && t && t.selected.size < SUPABASE_LIMITS.columns) t.selected.add(c);
  };

  // 1. Projects: the page's own requests first (the strongest sign), then addresses in its code.
  for (const r of responses) {
    const host = safeHost(r.url);
    const ref = host ? SUPABASE_HOST.exec(host)?.[1] : undefined;
    if (ref) project(ref);
  }
  for (const u of resources) {
    const ref = SUPABASE_HOST.exec(safeHost(u) ?? '')?.[1];
    if (ref) project(ref);
  }
  for (const s of sources) {
    if (!s.text.includes('.supabase.co')) continue;
    for (const m of s.text.matchAll(PROJECT_URL)) project(m[1]!);
  }

  // 2. Keys, classified by the secret scanner (the only place that knows key shapes and claims).
  const probeKeys: ProbeKey[] = [];
  const unassigned: { kind: KeyKind; masked: string; fingerprint: string; value: string }[] = [];
  for (const s of sources) {
    if (!s.text.includes('eyJ') && !s.text.includes('sb_')) continue;
    for (const m of scanSecrets(s.text)) {
      const kind = PROVIDER_KIND[m.provider];
      if (!kind) continue;
      const raw = s.text.slice(m.start, m.end);
      const fact = { kind, masked: m.masked, fingerprint: m.fingerprint };
      const usable = RAW_SHAPE[kind].test(raw) ? raw : undefined;
      if (kind === 'anon-jwt' || kind === 'service-role-jwt') {
        const claims = usable ? readClaims(raw.split('.')[1]!) : null;
        const ref = claims?.ref && /^[a-z0-9]{20}$/.test(claims.ref) ? claims.ref : undefined;
        // A legacy key names its project: that project is used even when only a custom domain is in the code.
        const p = ref ? project(ref) : undefined;
        if (p) {
          p.keys.set(m.fingerprint, fact);
          if (kind === 'anon-jwt' && usable && claims?.role === 'anon' && !probeKeys.some((k) => k.ref === p.ref))
            probeKeys.push({ ref: p.ref, kind, value: usable });
        } else unassigned.push({ ...fact, value: usable ?? '' });
      } else {
        unassigned.push({ ...fact, value: usable ?? '' });
      }
    }
  }
  // Keys without a ref (sb_… keys, JWTs without claims) belong to the project only when there is exactly one.
  if (projects.size === 1) {
    const p = [...projects.values()][0]!;
    for (const k of unassigned) {
      p.keys.set(k.fingerprint, { kind: k.kind, masked: k.masked, fingerprint: k.fingerprint });
      if (k.kind === 'publishable' && k.value && !probeKeys.some((x) => x.ref === p.ref)) probeKeys.push({ ref: p.ref, kind: 'publishable', value: k.value });
    }
  }
  if (projects.size === 0) return { app: undefined, probeKeys: [] };

  // 3. Tables the page requested (captured responses carry status, range and the select= list).
  for (const r of responses) {
    const hit = restTableOf(r.url);
    const p = hit ? projects.get(hit.ref) : undefined;
    if (!hit || !p) continue;
    const t = requestedTable(p, hit.table);
    if (!t) continue;
    noteSelect(p, hit.table, r.supabase?.select);
    if (r.source === 'webRequest' && t.requests.length < SUPABASE_LIMITS.requestsPerTable) {
      const range = parseContentRange(firstHeader(r.headers, 'content-range'));
      t.requests.push({
        method: r.supabase?.method ?? 'OTHER',
        status: r.status,
        ...(range ? { rows: range.rows, ...(range.total !== undefined ? { total: range.total } : {}) } : {}),
        ...(r.supabase?.select ? { select: r.supabase.select } : {}),
        ...(r.supabase?.anonymous !== undefined ? { anonymous: r.supabase.anonymous } : {}),
      });
    }
  }
  const fromUrls = [...resources, ...sources.filter((s) => s.kind === 'request-url').map((s) => s.text)];
  for (const u of fromUrls) {
    const hit = restTableOf(u.split(/[?#]/)[0]!);
    const p = hit ? projects.get(hit.ref) : undefined;
    if (!hit || !p) continue;
    requestedTable(p, hit.table);
    const select = selectParam(u);
    if (select !== undefined) {
      const parsed = parseSelect(select);
      noteSelect(p, hit.table, parsed.columns);
      for (const e of parsed.embeds) requestedTable(p, e);
    }
  }

  // 4. Tables named in code: `.from('…')`, in order of appearance, bounded. supabase-js calls are chained
  // (`.from('t').select(…)`), other libraries' `x.from("…")` rarely are: chained names come first, so a stray
  // library string can cost at most one "no such table" request after the real tables, never push them out.
  const chained = new Set<string>();
  const unchained = new Set<string>();
  scan: for (const s of sources) {
    if (!CODE_KINDS.has(s.kind) || !s.text.includes('.from(')) continue;
    for (const m of s.text.matchAll(FROM_CALL)) {
      const name = m[1] ?? m[2] ?? m[3] ?? '';
      if (!isTableName(name) || !clientReceiver(s.text, m.index)) continue;
      (m[4] ? chained : unchained).add(name);
      if (chained.size + unchained.size >= MAX_NAMES_SEEN) break scan;
    }
  }
  const inCode = new Set<string>([...chained, ...unchained]);

  const app: SupabaseApp = { projects: [] };
  for (const p of projects.values()) {
    // Tables named in code belong to every project found (an app almost always has one).
    const names = new Set<string>([...p.requested.keys(), ...inCode]);
    const tables: SupabaseTable[] = [];
    for (const name of names) {
      if (tables.length >= SUPABASE_LIMITS.tables) break;
      const req = p.requested.get(name);
      tables.push({
        name,
        inCode: inCode.has(name),
        requested: !!req,
        selected: [...(req?.selected ?? [])],
        requests: req?.requests ?? [],
      });
    }
    app.projects.push({
      ref: p.ref,
      url: `https://${p.ref}.supabase.co`,
      keys: [...p.keys.values()],
      tables,
      tablesFound: names.size,
    });
  }
  return { app, probeKeys };
}

function safeHost(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

function selectParam(url: string): string | undefined {
  const q = url.indexOf('?');
  if (q === -1) return undefined;
  try {
    return new URLSearchParams(url.slice(q + 1).split('#')[0]!).get('select') ?? undefined;
  } catch {
    return undefined;
  }
}

/** True unless the `.from(` is called on a standard-library object or on `storage` (a bucket, not a table). */
function clientReceiver(text: string, dotAt: number): boolean {
  const before = text.slice(Math.max(0, dotAt - 40), dotAt);
  const receiver = /([A-Za-z_$][\w$]*)\s*$/.exec(before)?.[1];
  return !receiver || !NOT_A_CLIENT.test(receiver);
}
