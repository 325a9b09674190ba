/**
 * `--policy <file>`: the organisation policy for the command line, in the same schema as the extension's managed
 * storage (utils/policy.ts, docs/policy.md). The file may be the policy itself (`{"severityOverrides": {...}}`), Chrome's
 * admin-console form (`{"severityOverrides": {"Value": {...}}}`, docs/examples/chrome-policy.json) or Firefox's
 * policies.json (docs/examples/firefox-policies.json). Unlike the extension, which drops a bad field and carries on,
 * the command stops on any problem: a CI gate must not run under half a policy.
 */
import { readFileSync } from 'node:fs';
import { parsePolicy, type Policy } from '../../utils/policy';

/** The Firefox extension id the policy is filed under (wxt.config.ts, browser_specific_settings.gecko.id). */
export const GECKO_ID = 'micro-app-auditor@example.org';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The policy object inside any of the three accepted forms. */
export function unwrapPolicy(raw: unknown): unknown {
  if (!isObject(raw)) return raw;
  const ff = raw.policies;
  if (isObject(ff)) {
    const third = ff['3rdparty'];
    const ext = isObject(third) && isObject(third.Extensions) ? third.Extensions[GECKO_ID] : undefined;
    if (ext === undefined) throw new Error(`the Firefox policies file has no policies.3rdparty.Extensions["${GECKO_ID}"]`);
    return ext;
  }
  // Chrome's admin-console file: every field is {"Value": x}.
  const entries = Object.entries(raw);
  if (entries.length && entries.every(([, v]) => isObject(v) && Object.keys(v).length === 1 && 'Value' in v))
    return Object.fromEntries(entries.map(([k, v]) => [k, (v as { Value: unknown }).Value]));
  return raw;
}

/** Reads and checks a policy file; throws one line saying what is wrong. */
export function loadPolicyFile(file: string, read: (f: string) => string = (f) => readFileSync(f, 'utf8')): Policy {
  let text: string;
  try {
    text = read(file);
  } catch (e) {
    throw new Error(`Cannot read the policy file ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (text.length > 1_000_000) throw new Error(`The policy file ${file} is larger than 1 MB.`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error(`The policy file ${file} is not JSON.`);
  }
  let inner: unknown;
  try {
    inner = unwrapPolicy(raw);
  } catch (e) {
    throw new Error(`The policy file ${file}: ${(e as Error).message}.`);
  }
  const { policy, problems } = parsePolicy(inner);
  if (problems.length) throw new Error(`The policy file ${file} is not a valid policy (docs/policy.md): ${problems.join('; ')}.`);
  return policy;
}
