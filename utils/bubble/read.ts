/**
 * ONE reader for both serialisations of a Bubble app definition (shared/reference/bubble-glide.md 1a):
 * - the `.bubble` export, readable keys (`display`, `fields`, `value`, `condition`, `name`, `deleted`, `pages`, …);
 * - the editor's in-memory model and its write payloads, short codes (`%d`, `%f3`, `%v`, `%c`, `%nm`, `%del`, `%p`,
 *   `%el`, `%ed`, `%p1|%p2|%p3`, `%wf`, `%pw`, `%k`, `%x`).
 * Every lookup accepts either (`field()`), so one code path reads both and tests run it on both.
 *
 * The input is untrusted (a file from anywhere, or an object a page's main world handed over): only own properties
 * are read, walks are iterative and bounded, strings are cut, and the result goes through BubbleAppSchema. Values
 * are read only to be classified (secret engine, "is it a literal"); the model keeps names, flags and masked keys.
 */
import { scanSecretsDetailed, type SecretMatch } from '../secrets/index';
import { fingerprint, maskWithPrefix } from '../secrets/mask';
import {
  APP_ID,
  BUBBLE_LIMITS,
  BubbleAppSchema,
  ROW_GROUPS,
  type ApiCall,
  type ApiRow,
  type AppSecret,
  type BubbleApp,
  type BubbleAppInput,
  type BubbleType,
  type BubbleWorkflow,
  type FoundSecret,
  type PrivacyRule,
} from './model';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Readable key → the editor's short codes for it (reference 1a: BUBBLEEX, POWERUP decoder ring, BEFREE PATH_TOKEN_MAP),
 * for the keys this reader looks up. Elements (`%el`) and workflows (`%wf`) are not looked up: the text scan walks
 * every key of a page or reusable, whatever its name; the password (`%pw`) is never read.
 */
export const SHORT_CODES: Record<string, readonly string[]> = {
  display: ['%d'],
  fields: ['%f3'],
  value: ['%v'],
  condition: ['%c'],
  deleted: ['%del'],
  name: ['%nm'],
  properties: ['%p'],
  element_definitions: ['%ed'],
  pages: ['%p3', '%p2', '%p1'],
  key: ['%k'],
  type: ['%x'],
};

/** `o[name]` or `o[<short code of name>]`, own properties only. */
export function field(o: unknown, name: string): unknown {
  if (!isObj(o)) return undefined;
  if (Object.hasOwn(o, name)) return o[name];
  for (const code of SHORT_CODES[name] ?? []) if (Object.hasOwn(o, code)) return o[code];
  return undefined;
}
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const obj = (v: unknown): Obj | undefined => (isObj(v) ? v : undefined);
/** Own entries of an object, or of an array by index (Bubble keys lists by index: `{"0": …, "1": …}`). */
const entries = (v: unknown): [string, unknown][] => (Array.isArray(v) ? v.map((x, i) => [String(i), x]) : isObj(v) ? Object.entries(v) : []);
const isDeleted = (v: unknown) => field(v, 'deleted') === true;
const cut = (s: string, n: number = BUBBLE_LIMITS.name) => (s.length > n ? s.slice(0, n) : s);
/** A condition that is really there (Bubble writes `{"type":"Empty"}` for none). */
const hasCondition = (v: unknown) => isObj(v) && Object.keys(v).length > 0 && field(v, 'type') !== 'Empty';

/** Header and parameter names that say "credential". */
export const CREDENTIAL_NAME =
  /^(authorization|proxy-authorization|x-api-key|api[-_ ]?key|apikey|key|access[-_]?key|access[-_]?token|auth[-_]?token|token|secret|client[-_]?secret|app[-_]?secret|password|pass|bearer|x-auth-token|private[-_]?key)$/i;
/** Response keys that carry a session or access token. */
const TOKEN_KEY = /"(access_token|refresh_token|id_token|session_token|auth_token|token|api_key|apikey|secret|client_secret|jwt)"\s*:\s*"([^"\\]{8,})"/gi;
/** A value the editor fills at run time (`<param>`, `[param]`) or left empty is not a literal key. */
const isLiteral = (v: string) => v.trim().length > 0 && !/^\s*(<[^>]*>|\[[^\]]*\])\s*$/.test(v);

export interface ReadOptions {
  source: BubbleApp['source'];
  appId?: string;
}

const toFound = (m: SecretMatch): FoundSecret => ({
  provider: m.provider,
  providerName: m.providerName,
  exposure: m.exposure,
  severity: m.severity,
  masked: m.masked,
  fingerprint: m.fingerprint,
});

/** Reads either serialisation into the bounded model. Never throws on odd shapes: missing parts are left out. */
export function readBubbleApp(root: unknown, o: ReadOptions): BubbleApp {
  const missing: string[] = [];
  let truncated = false;
  const settings = obj(field(root, 'settings'));
  const clientSafe = obj(settings?.client_safe);
  const secure = obj(settings?.secure);
  if (!isObj(root)) throw new Error('Not a Bubble app: the file is not a JSON object.');
  // Data types are keyed by type id; a list of them (keyed by index, as `entries` reads it) is read as well.
  const hasTypes = isObj(root.user_types) || Array.isArray(root.user_types);
  if (!settings && !hasTypes && !field(root, 'pages') && !obj(root.api))
    throw new Error('Not a Bubble app: none of settings, user_types, pages or api is present.');
  if (!clientSafe) missing.push('settings.client_safe');
  if (!secure) missing.push('settings.secure');
  if (!obj(root.api)) missing.push('api');
  if (!hasTypes) missing.push('user_types');
  if (!obj(field(root, 'element_definitions')) || Object.keys(obj(field(root, 'element_definitions'))!).length === 0) missing.push('element_definitions');

  // --- Data types and privacy rules (1b) ---
  const types: BubbleType[] = [];
  const typeEntries = entries(root.user_types).filter(([, t]) => isObj(t) && !isDeleted(t));
  for (const [key, t] of typeEntries.slice(0, BUBBLE_LIMITS.types)) {
    const fields = entries(field(t, 'fields'))
      .filter(([, f]) => isObj(f) && !isDeleted(f))
      .slice(0, BUBBLE_LIMITS.fieldsPerType)
      .map(([fk, f]) => ({ key: cut(fk), display: cut(str(field(f, 'display')) ?? fk), type: cut(str(field(f, 'value')) ?? '') }));
    const role = obj((t as Obj).privacy_role);
    const rules: PrivacyRule[] = entries(role)
      .filter(([, r]) => isObj(r))
      .slice(0, BUBBLE_LIMITS.rulesPerType)
      .map(([rk, r]) => readRule(rk, r as Obj));
    const exposed = (t as Obj).exposed_api;
    types.push({
      key: cut(key),
      display: cut(str(field(t, 'display')) ?? key),
      fields,
      hasPrivacyRoles: role !== undefined && rules.length > 0,
      rules,
      ...(typeof exposed === 'boolean' ? { exposedApi: exposed } : {}),
    });
  }
  if (typeEntries.length > BUBBLE_LIMITS.types) truncated = true;

  // --- Settings (1e) ---
  const bool = (v: unknown) => (typeof v === 'boolean' ? v : undefined);
  const s = {
    exposesDataApi: bool(clientSafe?.exposes_get_api),
    exposesWorkflowApi: bool(clientSafe?.exposes_wf_api),
    hideSwagger: bool(clientSafe?.hide_swagger_api),
    appRights: str(clientSafe?.app_rights),
    pwProtection: bool(clientSafe?.pw_protection),
    pwProtectionDevOnly: bool(clientSafe?.pw_protection_dev_only),
    allowIframe: str(clientSafe?.allow_iframe),
  };
  const settingsOut = Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined));

  // --- Data/Workflow API tokens (1c "Other keys in settings.secure"): names kept, values only compared in memory ---
  const tokenValues = new Set<string>();
  const apiTokens: string[] = [];
  for (const [id, tok] of entries(secure?.api_tokens)) {
    apiTokens.push(cut(str(field(tok, 'name')) ?? id));
    const v = str(obj(tok)?.private_key);
    if (v && v.length >= 16) tokenValues.add(v);
  }

  // --- API Connector (1c): client-safe rows and calls ---
  const apiRows: ApiRow[] = [];
  const apiCalls: ApiCall[] = [];
  for (const [apiId, g] of entries(clientSafe?.apiconnector2)) {
    if (!isObj(g)) continue;
    const api = cut(str(g.human) ?? str(field(g, 'name')) ?? apiId);
    for (const group of ['shared_headers', 'shared_params'] as const) readRows(g[group], { api, group }, apiRows);
    for (const [callId, c] of entries(g.calls)) {
      if (!isObj(c) || isDeleted(c)) continue;
      const call = cut(str(field(c, 'name')) ?? callId);
      const url = str(c.url) ?? '';
      const host = hostOf(url);
      for (const group of ROW_GROUPS) if (group !== 'shared_headers' && group !== 'shared_params') readRows(c[group], { api, call, group, host }, apiRows);
      const urlKeys = queryKeys(url);
      const urlSecrets = url ? scanSecretsDetailed(url.slice(0, 8192), { sentToHost: host }).matches.map(toFound) : [];
      const response = [str(c.types), str(c.full_response), typeof c.full_response === 'object' ? safeJson(c.full_response) : undefined]
        .filter((x): x is string => !!x)
        .join('\n')
        .slice(0, 256 * 1024);
      const responseTokens = response ? [...new Set([...response.matchAll(TOKEN_KEY)].filter((m) => isLiteral(m[2]!)).map((m) => m[1]!.toLowerCase()))] : [];
      const responseSecrets = response ? scanSecretsDetailed(response).matches.map(toFound) : [];
      if (apiCalls.length < BUBBLE_LIMITS.apiCalls) apiCalls.push({ api, call, host, urlKeys, urlSecrets, responseTokens, responseSecrets });
      else truncated = true;
    }
  }
  if (apiRows.length > BUBBLE_LIMITS.apiRows) truncated = true;

  // --- Backend workflows (1d) ---
  const workflows: BubbleWorkflow[] = [];
  const wfEntries = entries(root.api).filter(([, w]) => isObj(w) && !isDeleted(w));
  for (const [wrapper, w] of wfEntries.slice(0, BUBBLE_LIMITS.workflows)) workflows.push(readWorkflow(wrapper, w as Obj));
  if (wfEntries.length > BUBBLE_LIMITS.workflows) truncated = true;

  // --- Keys typed into client-side parts: pages, reusables, workflow actions, client-safe settings ---
  const scan = scanClientText(root, clientSafe, tokenValues);
  if (scan.truncated) truncated = true;

  const appId = o.appId && APP_ID.test(o.appId) ? o.appId.toLowerCase() : undefined;
  const input: BubbleAppInput = {
    source: o.source,
    ...(appId ? { appId } : {}),
    types,
    typesFound: typeEntries.length,
    apiRows,
    apiCalls,
    workflows,
    settings: settingsOut,
    secrets: scan.secrets,
    apiTokens,
    missing,
    truncated,
  };
  return BubbleAppSchema.parse(input);
}

function readRule(key: string, r: Obj): PrivacyRule {
  const p = obj(r.permissions) ?? {};
  const t = (k: string) => p[k] === true;
  const opt = (k: string) => (typeof p[k] === 'boolean' ? { [k]: p[k] } : {});
  const viewFields = entries(p.view_fields)
    .map(([, v]) => str(v))
    .filter((v): v is string => !!v)
    .slice(0, BUBBLE_LIMITS.viewFields)
    .map((v) => cut(v));
  const w = { ...opt('create_via_api'), ...opt('modify_via_api'), ...opt('delete_via_api') } as Record<string, boolean>;
  return {
    key: cut(key),
    display: cut(str(field(r, 'display')) ?? key),
    conditional: key !== 'everyone' && hasCondition(field(r, 'condition')),
    viewAll: t('view_all'),
    searchFor: t('search_for'),
    viewAttachments: t('view_attachments'),
    autoBinding: t('auto_binding'),
    viewFields,
    ...(w.create_via_api !== undefined ? { createViaApi: w.create_via_api } : {}),
    ...(w.modify_via_api !== undefined ? { modifyViaApi: w.modify_via_api } : {}),
    ...(w.delete_via_api !== undefined ? { deleteViaApi: w.delete_via_api } : {}),
  };
}

interface RowWhere {
  api: string;
  call?: string;
  group: ApiRow['group'];
  host?: string;
}

/** Client-safe rows: a private row is only `{"private": true}` there (its value is in settings.secure) and is skipped. */
function readRows(rows: unknown, where: RowWhere, out: ApiRow[]): void {
  for (const [rowId, row] of entries(rows)) {
    if (!isObj(row) || row.private === true || isDeleted(row)) continue;
    const key = str(field(row, 'key')) ?? rowId;
    const raw = field(row, 'value');
    const value = typeof raw === 'string' ? raw.slice(0, 64 * 1024) : '';
    if (!isLiteral(value)) continue;
    const found = scanSecretsDetailed(value, { fieldName: key, ...(where.host ? { sentToHost: where.host } : {}) }).matches[0];
    const credentialName = CREDENTIAL_NAME.test(key.trim());
    if (!found && !credentialName) continue;
    if (out.length > BUBBLE_LIMITS.apiRows) return;
    out.push({
      api: where.api,
      ...(where.call ? { call: where.call } : {}),
      group: where.group,
      key: cut(key),
      ...(found ? { secret: toFound(found) } : {}),
      credentialName,
    });
  }
}

function hostOf(url: string): string {
  const m = /^\s*(?:https?:)?\/\/([^/?#\s[\]]+)/i.exec(url);
  return m ? cut(m[1]!.toLowerCase(), 253) : '';
}

/** Names of query parameters in a call URL whose name says credential and whose value is typed in (not `[param]`). */
export function queryKeys(url: string): string[] {
  const q = url.indexOf('?');
  if (q < 0) return [];
  const out: string[] = [];
  for (const pair of url
    .slice(q + 1)
    .split(/[&#]/)
    .slice(0, 100)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    let decoded = name;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      /* keep raw */
    }
    if (CREDENTIAL_NAME.test(decoded) && isLiteral(value) && !out.includes(decoded)) out.push(cut(decoded, 100));
  }
  return out.slice(0, 20);
}

const safeJson = (v: unknown): string | undefined => {
  try {
    return JSON.stringify(v)?.slice(0, 256 * 1024);
  } catch {
    return undefined;
  }
};

/**
 * Bubble action types, as they appear in real exports (public code found by search: `NewThing` with `thing_type`,
 * `ChangeThing`, `DeleteThing` with `to_delete`, `DeleteListOfThings` with `type_to_delete`); scheduling actions
 * `ScheduleAPIEvent(OnList)` with `properties.api_event` (reference 1d).
 */
export const ACTION_TYPES = {
  create: ['NewThing'],
  change: ['ChangeThing', 'ChangeListOfThings'],
  deleteOne: ['DeleteThing'],
  deleteList: ['DeleteListOfThings'],
  schedule: ['ScheduleAPIEvent', 'ScheduleAPIEventOnList'],
} as const;
const KINDS = new Set(['APIEvent', 'RecurringEvent', 'DatabaseTriggerEvent', 'CustomEvent']);
const typeName = (v: string) => v.replace(/^custom\./, '');

function readWorkflow(wrapper: string, w: Obj): BubbleWorkflow {
  const p = obj(field(w, 'properties')) ?? {};
  const id = str(w.id) ?? wrapper;
  const kindRaw = str(field(w, 'type')) ?? '';
  const creates: string[] = [];
  const deletes: string[] = [];
  let changes = false;
  let schedulesItself = false;
  for (const [, a] of entries(w.actions).slice(0, 500)) {
    const t = str(field(a, 'type')) ?? '';
    const ap = obj(field(a, 'properties')) ?? {};
    if ((ACTION_TYPES.create as readonly string[]).includes(t)) creates.push(typeName(str(ap.thing_type) ?? '(a thing)'));
    else if ((ACTION_TYPES.change as readonly string[]).includes(t)) changes = true;
    else if ((ACTION_TYPES.deleteList as readonly string[]).includes(t)) deletes.push(typeName(str(ap.type_to_delete) ?? '(a list of things)'));
    else if ((ACTION_TYPES.deleteOne as readonly string[]).includes(t)) deletes.push('(a thing)');
    else if ((ACTION_TYPES.schedule as readonly string[]).includes(t)) {
      const target = str(ap.api_event);
      if (target && (target === id || target === wrapper)) schedulesItself = true;
    }
  }
  const uniq = (l: string[]) => [...new Set(l)].slice(0, 20).map((x) => cut(x));
  return {
    id: cut(id),
    name: cut(str(p.wf_name) ?? str(field(w, 'name')) ?? id),
    kind: (KINDS.has(kindRaw) ? kindRaw : 'other') as BubbleWorkflow['kind'],
    exposed: p.expose !== false,
    noAuth: p.auth_unecessary === true,
    ignorePrivacy: p.ignore_privacy_rules === true,
    detectData: p.parameter_def === 'auto' || p.raw_data !== undefined,
    conditional: hasCondition(field(p, 'condition')),
    creates: uniq(creates),
    changes,
    deletes: uniq(deletes),
    schedulesItself,
  };
}

/**
 * Collects the string leaves of each client-side part (a page, a reusable, a backend workflow, the client-safe
 * settings without the API Connector, which has its own rule) and scans them once per part with the secret engine;
 * also notes any of the app's own API token values found there. Iterative, depth- and budget-bounded (`scanChars`:
 * characters over all parts, approximately: the leaf that crosses it is still read; exported for its tests).
 */
export function scanClientText(
  root: Obj,
  clientSafe: Obj | undefined,
  tokens: Set<string>,
  scanChars: number = BUBBLE_LIMITS.scanChars,
): { secrets: AppSecret[]; truncated: boolean } {
  const parts: { where: string; value: unknown; skip?: string }[] = [];
  for (const [id, p] of entries(field(root, 'pages'))) parts.push({ where: `page ${str(field(p, 'name')) ?? id}`, value: p });
  for (const [id, p] of entries(field(root, 'element_definitions'))) parts.push({ where: `reusable ${str(field(p, 'name')) ?? id}`, value: p });
  for (const [id, w] of entries(root.api)) parts.push({ where: `backend workflow ${str(obj(field(w, 'properties'))?.wf_name) ?? id}`, value: w });
  if (clientSafe) parts.push({ where: 'settings (client-safe)', value: clientSafe, skip: 'apiconnector2' });
  let budget = scanChars;
  let truncated = false;
  const secrets: AppSecret[] = [];
  const seen = new Set<string>();
  for (const part of parts) {
    if (budget <= 0) {
      truncated = true;
      break;
    }
    const leaves: string[] = [];
    let size = 0;
    const stack: { v: unknown; d: number }[] = [{ v: part.value, d: 0 }];
    while (stack.length) {
      const { v, d } = stack.pop()!;
      if (typeof v === 'string') {
        if (v.length >= 16) {
          const s = v.length > 64 * 1024 ? v.slice(0, 64 * 1024) : v;
          // The joined text's length: a separator before every leaf but the first.
          size += s.length + (leaves.length ? 1 : 0);
          leaves.push(s);
          if (size > budget) break;
        }
        continue;
      }
      if (d > 64 || typeof v !== 'object' || v === null) continue;
      for (const [k, c] of entries(v)) if (!(d === 0 && k === part.skip)) stack.push({ v: c, d: d + 1 });
    }
    if (!leaves.length) continue;
    const text = leaves.join('\n');
    // Over the budget only when a leaf crossed it, and the walk stopped there.
    if (text.length > budget) truncated = true;
    budget -= text.length;
    const where = cut(part.where);
    for (const t of tokens) {
      if (text.includes(t)) {
        const key = `${fingerprint('bubble-api-token', t)}:${where}`;
        if (!seen.has(key)) {
          seen.add(key);
          secrets.push({
            provider: 'bubble-api-token',
            providerName: 'Bubble Data/Workflow API token',
            exposure: 'secret',
            severity: 'critical',
            masked: maskWithPrefix(t, ''),
            fingerprint: fingerprint('bubble-api-token', t),
            where,
            apiToken: true,
          });
        }
      }
    }
    for (const m of scanSecretsDetailed(text, { maxBytes: text.length }).matches) {
      const key = `${m.fingerprint}:${where}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (secrets.length >= BUBBLE_LIMITS.secrets) {
        truncated = true;
        break;
      }
      secrets.push({ ...toFound(m), where, apiToken: m.provider === 'bubble-api-token' });
    }
  }
  return { secrets, truncated };
}
