/** AI APIs: every key here bills the owner and can read their data; none is browser-safe. */
import { rotateThen } from '../advice';
import { TOKEN, endsClean, inClass, matchEnd, startsClean } from '../context';
import { defineProviders, type IdOf, prefixed } from '../define';
import type { Detector } from '../types';

const FROM_SERVER = 'Call the model from a backend workflow or an Edge Function, never from the page.';

export const AI_PROVIDERS = defineProviders([
  {
    id: 'openai-api-key',
    name: 'OpenAI API key (user key)',
    category: 'ai',
    exposure: 'secret',
    format: '`sk-` + 20 + `T3BlbkFJ` + 20, or `sk-None-…`',
    prefixes: ['sk-None-', 'sk-'],
    rotateUrl: 'https://platform.openai.com/api-keys',
    advice: rotateThen(FROM_SERVER),
    docs: 'https://platform.openai.com/docs/api-reference/authentication',
  },
  {
    id: 'openai-project-key',
    name: 'OpenAI project API key',
    category: 'ai',
    exposure: 'secret',
    format: '`sk-proj-` + 40+ (contains `T3BlbkFJ`)',
    prefixes: ['sk-proj-'],
    rotateUrl: 'https://platform.openai.com/api-keys',
    advice: rotateThen(FROM_SERVER),
    docs: 'https://platform.openai.com/docs/api-reference/authentication',
  },
  {
    id: 'openai-service-account-key',
    name: 'OpenAI service account key',
    category: 'ai',
    exposure: 'secret',
    format: '`sk-svcacct-` + 40+',
    prefixes: ['sk-svcacct-'],
    rotateUrl: 'https://platform.openai.com/settings/organization/service-accounts',
    advice: rotateThen(FROM_SERVER),
    docs: 'https://platform.openai.com/docs/api-reference/authentication',
  },
  {
    id: 'openai-admin-key',
    name: 'OpenAI admin key',
    category: 'ai',
    exposure: 'secret',
    format: '`sk-admin-` + 40+',
    prefixes: ['sk-admin-'],
    rotateUrl: 'https://platform.openai.com/settings/organization/admin-keys',
    advice: rotateThen('Admin keys manage the whole organisation: never use one from an app.'),
    docs: 'https://platform.openai.com/docs/api-reference/administration',
  },
  {
    id: 'anthropic-api-key',
    name: 'Anthropic API key',
    category: 'ai',
    exposure: 'secret',
    format: '`sk-ant-api03-` + 93 + `AA`',
    prefixes: ['sk-ant-api03-'],
    rotateUrl: 'https://console.anthropic.com/settings/keys',
    advice: rotateThen(FROM_SERVER),
    docs: 'https://docs.anthropic.com/en/api/overview',
  },
  {
    id: 'anthropic-admin-key',
    name: 'Anthropic admin key',
    category: 'ai',
    exposure: 'secret',
    format: '`sk-ant-admin01-` + 93 + `AA`',
    prefixes: ['sk-ant-admin01-'],
    rotateUrl: 'https://console.anthropic.com/settings/admin-keys',
    advice: rotateThen('Admin keys manage the whole organisation: never use one from an app.'),
    docs: 'https://docs.anthropic.com/en/api/administration-api',
  },
  {
    id: 'groq-api-key',
    name: 'Groq API key',
    category: 'ai',
    exposure: 'secret',
    format: '`gsk_` + 52',
    prefixes: ['gsk_'],
    rotateUrl: 'https://console.groq.com/keys',
    advice: rotateThen(FROM_SERVER),
    docs: 'https://console.groq.com/docs/quickstart',
  },
  {
    id: 'replicate-api-token',
    name: 'Replicate API token',
    category: 'ai',
    exposure: 'secret',
    format: '`r8_` + 37',
    prefixes: ['r8_'],
    rotateUrl: 'https://replicate.com/account/api-tokens',
    advice: rotateThen(FROM_SERVER),
    docs: 'https://replicate.com/docs/topics/security/api-tokens',
  },
  {
    id: 'perplexity-api-key',
    name: 'Perplexity API key',
    category: 'ai',
    exposure: 'secret',
    format: '`pplx-` + 48',
    prefixes: ['pplx-'],
    rotateUrl: 'https://www.perplexity.ai/account/api/keys',
    advice: rotateThen(FROM_SERVER),
    docs: 'https://docs.perplexity.ai/guides/getting-started',
  },
  {
    id: 'xai-api-key',
    name: 'xAI (Grok) API key',
    category: 'ai',
    exposure: 'secret',
    format: '`xai-` + 80',
    prefixes: ['xai-'],
    rotateUrl: 'https://console.x.ai/',
    advice: rotateThen(FROM_SERVER),
    docs: 'https://docs.x.ai/docs/overview',
  },
  {
    id: 'openrouter-api-key',
    name: 'OpenRouter API key',
    category: 'ai',
    exposure: 'secret',
    format: '`sk-or-v1-` + 64 hex',
    prefixes: ['sk-or-v1-'],
    rotateUrl: 'https://openrouter.ai/settings/keys',
    advice: rotateThen(FROM_SERVER),
    docs: 'https://openrouter.ai/docs/api-reference/authentication',
  },
  {
    id: 'huggingface-token',
    name: 'Hugging Face access token',
    category: 'ai',
    exposure: 'secret',
    format: '`hf_` + 34 letters',
    prefixes: ['hf_'],
    rotateUrl: 'https://huggingface.co/settings/tokens',
    advice: rotateThen(FROM_SERVER),
    docs: 'https://huggingface.co/docs/hub/security-tokens',
  },
  {
    id: 'huggingface-org-token',
    name: 'Hugging Face organization API token (legacy)',
    category: 'ai',
    exposure: 'secret',
    format: '`api_org_` + 34 letters',
    prefixes: ['api_org_'],
    rotateUrl: 'https://huggingface.co/settings/tokens',
    advice: rotateThen(FROM_SERVER),
    docs: 'https://huggingface.co/docs/hub/security-tokens',
  },
  {
    id: 'pinecone-api-key',
    name: 'Pinecone API key',
    category: 'ai',
    exposure: 'secret',
    format: '`pcsk_` + 4-8 + `_` + 40-90 (unverified lengths)',
    prefixes: ['pcsk_'],
    rotateUrl: 'https://app.pinecone.io/organizations/-/projects/-/keys',
    advice: rotateThen('Query the vector index from a server: the key can read and delete every vector.'),
    docs: 'https://docs.pinecone.io/guides/projects/manage-api-keys',
  },
  {
    id: 'langsmith-api-key',
    name: 'LangSmith API key',
    category: 'ai',
    exposure: 'secret',
    format: '`lsv2_pt_` or `lsv2_sk_` + 32 hex + `_` + 10 hex',
    prefixes: ['lsv2_pt_', 'lsv2_sk_'],
    rotateUrl: 'https://smith.langchain.com/settings',
    advice: rotateThen('Traces hold prompts and outputs: send them from the server.'),
    docs: 'https://docs.smith.langchain.com/administration/how_to_guides/organization_management/create_account_api_key',
  },
  {
    id: 'tavily-api-key',
    name: 'Tavily API key',
    category: 'ai',
    exposure: 'secret',
    format: '`tvly-` (+ `dev-`/`prod-`) + 32',
    prefixes: ['tvly-dev-', 'tvly-prod-', 'tvly-'],
    rotateUrl: 'https://app.tavily.com/home',
    advice: rotateThen(FROM_SERVER),
    docs: 'https://docs.tavily.com/documentation/quickstart',
  },
]);

type Id = IdOf<typeof AI_PROVIDERS>;

const MARKER = 'T3BlbkFJ';
const MAX_OPENAI = 300;
/** The rest of the token after the anchor (one char more than allowed, to see an overlong run). */
const REST = new RegExp(`[A-Za-z0-9_-]{0,${MAX_OPENAI + 1}}`, 'y');
const KIND = /^sk-(proj|svcacct|admin|None)-/;
const LEGACY = /^sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}$/;
const KINDS: Record<string, Id> = {
  proj: 'openai-project-key',
  svcacct: 'openai-service-account-key',
  admin: 'openai-admin-key',
  None: 'openai-api-key',
};

/**
 * OpenAI keys: `sk-proj-`, `sk-svcacct-`, `sk-admin-`, `sk-None-` and legacy `sk-…T3BlbkFJ…`. The marker
 * `T3BlbkFJ` (base64 of "OpenAI") sits in the middle, so the key start is found by walking back to `sk-`.
 */
const openai: Detector<Id> = {
  anchors: [MARKER, 'sk-proj-', 'sk-svcacct-', 'sk-admin-', 'sk-None-'],
  detect(text, at, anchor) {
    let start = at;
    if (anchor === MARKER) {
      while (start > 0 && at - start < MAX_OPENAI && inClass(TOKEN, text.charCodeAt(start - 1))) start--;
      // The key starts at the first clean `sk-` of the run before the marker.
      const run = text.slice(start, at);
      let sk = run.indexOf('sk-');
      while (sk >= 0 && !startsClean(text, start + sk)) sk = run.indexOf('sk-', sk + 1);
      if (sk < 0) return null;
      start += sk;
    } else if (!startsClean(text, start)) {
      return null;
    }
    const end = matchEnd(REST, text, at + anchor.length);
    if (end - start > MAX_OPENAI || !endsClean(text, end)) return null;
    const value = text.slice(start, end);
    const hasMarker = value.includes(MARKER);
    const kind = KIND.exec(value);
    if (kind) {
      if (value.length - kind[0].length < 40) return null;
      return {
        provider: KINDS[kind[1]!]!,
        start,
        end,
        bodyStart: start + kind[0].length,
        confidence: hasMarker ? 'high' : 'medium',
        reason: hasMarker ? `prefix "${kind[0]}", marker ${MARKER}` : `prefix "${kind[0]}"`,
      };
    }
    if (!LEGACY.test(value)) return null;
    return { provider: 'openai-api-key', start, end, bodyStart: start + 3, confidence: 'high', reason: `marker ${MARKER}` };
  },
};

export const AI_DETECTORS: readonly Detector<Id>[] = [
  openai,
  prefixed({ provider: 'anthropic-api-key', prefixes: ['sk-ant-api03-'], pattern: /sk-ant-api03-[A-Za-z0-9_-]{93}AA/ }),
  prefixed({ provider: 'anthropic-admin-key', prefixes: ['sk-ant-admin01-'], pattern: /sk-ant-admin01-[A-Za-z0-9_-]{93}AA/ }),
  prefixed({ provider: 'groq-api-key', prefixes: ['gsk_'], pattern: /gsk_[A-Za-z0-9]{52}/ }),
  prefixed({ provider: 'replicate-api-token', prefixes: ['r8_'], pattern: /r8_[A-Za-z0-9]{37}/ }),
  prefixed({ provider: 'perplexity-api-key', prefixes: ['pplx-'], pattern: /pplx-[A-Za-z0-9]{48}/ }),
  prefixed({ provider: 'xai-api-key', prefixes: ['xai-'], pattern: /xai-[A-Za-z0-9]{80}/ }),
  prefixed({ provider: 'openrouter-api-key', prefixes: ['sk-or-v1-'], pattern: /sk-or-v1-[a-f0-9]{64}/ }),
  prefixed({ provider: 'huggingface-token', prefixes: ['hf_'], pattern: /hf_[A-Za-z]{34}/ }),
  prefixed({ provider: 'huggingface-org-token', prefixes: ['api_org_'], pattern: /api_org_[A-Za-z]{34}/ }),
  prefixed({ provider: 'pinecone-api-key', prefixes: ['pcsk_'], pattern: /pcsk_[A-Za-z0-9]{4,8}_[A-Za-z0-9]{40,90}/ }),
  prefixed({
    provider: 'langsmith-api-key',
    prefixes: ['lsv2_pt_', 'lsv2_sk_'],
    pattern: /lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}/,
  }),
  prefixed({ provider: 'tavily-api-key', prefixes: ['tvly-'], pattern: /tvly-(?:dev-|prod-)?[A-Za-z0-9]{32}/ }),
];
