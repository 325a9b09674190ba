/**
 * Every text anchor and accessibility role the Glide builder readers use, in one place, each naming its source.
 * Glide's own automation notes (glideapps/glide-code, glide/browser/selectors/*.md, EXECUTOR.md) find the builder's
 * parts by visible text through accessibility snapshots, never by CSS classes or test ids: so do we. Facts:
 * shared/reference/bubble-glide.md §4 (glide-code wording), §6 (Glide docs wording), builders.md "Glide".
 * Matching is loose (case, whitespace and curly quotes ignored). Where no public source gives the wording of a
 * screen (the Users and Secrets screens, how the grid marks a Row Owner column, the Workflows empty state, the
 * Integrations screen, the webhook URL's format) there is NO anchor here: the reader reports "could not read this
 * screen" instead of guessing. Searched again on 2026-12-06 (glideapps/glide-code, Glide's docs old and new, the
 * community forum): see ./SOURCES.md for what was searched and found.
 */
import type { AccessMode, GlideScreen, SignIn, Trigger, Who } from '@/utils/glide/constants';
import { normWords } from '@/utils/text';

/** Lower-case, whitespace collapsed, curly quotes and arrows straightened (utils/text.ts, shared with Supabase's readers). */
export const norm = normWords;

/** Builder URLs → screen (glide-code navigation.md and skills/app-sharing/SKILL.md: /data, /workflows, /settings/privacy). */
export const SCREEN_PATHS: { screen: GlideScreen; path: RegExp }[] = [
  { screen: 'access', path: /^\/settings\/privacy(\/|$)/ },
  { screen: 'data', path: /^\/data(\/|$)/ },
  { screen: 'workflows', path: /^\/workflows(\/|$)/ },
  // The Secrets screen: only its existence is documented ("Open the project. Go to Secrets.", GlideOS docs); the path
  // is the one the builder guard already treats as the safe store (utils/platform/builders.ts). Its wording is not.
  { screen: 'secrets', path: /^\/secrets(\/|$)/ },
  // The Users screen: no public source documents its path or wording. Matched loosely so a visit says "could not read".
  { screen: 'users', path: /^\/(settings\/)?users(\/|$)/ },
];

/** ARIA roles read (WAI-ARIA; glide-data-grid renders an accessible grid with column headers). */
export const ROLES = {
  heading: 'h1, h2, h3, h4, h5, h6, [role="heading"]',
  grid: '[role="grid"], table',
  columnHeader: '[role="columnheader"], th',
  menu: '[role="menu"], [role="listbox"]',
  menuItem: '[role="menuitem"], [role="option"], [role="menuitemcheckbox"], [role="menuitemradio"]',
  dialog: '[role="dialog"], [role="alertdialog"], dialog[open], [aria-modal="true"]',
  /** Items of the Data Sources list (tables): a tree, a list box or a plain list. */
  listItem: '[role="treeitem"], [role="option"], [role="listitem"], li',
  /** Controls whose selected / checked state the Access reader reads. */
  choice:
    '[role="radio"], [role="tab"], [role="checkbox"], [role="switch"], [role="option"], [role="menuitemradio"], input[type="radio"], input[type="checkbox"], button, label',
  field: 'input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"]), textarea, [contenteditable="true"], [role="textbox"]',
} as const;

export const DATA = {
  /**
   * The table lists' headings: glide-code selectors/data-editor.md "Data Sources"; skills/glide-builder-navigation
   * SKILL.md: left sidebar "**Tables** section: Lists all Glide Tables", "**Data Sources** section: External data connections".
   */
  sources: ['data sources', 'tables'],
  /** glide-code data-editor.md: the column menu. */
  columnMenu: ['add column right', 'edit', 'delete'],
  /** Old docs (docs.glideapps.com …/row-owners): "click the dropdown menu on a column … select Make Row Owner". */
  makeRowOwner: ['make row owner'],
  /**
   * The "Show API" button: glide-code skills/api/SKILL.md ("bottom of data grid"), get-api-key.md ("toolbar above the
   * table"); old docs (docs.glideapps.com …/glide-table-api): "right-click on the table icon on the left > show API usage".
   */
  showApi: ['show api', 'show api usage'],
  /** glide-code skills/api/SKILL.md: "Click Copy secret token". */
  copyToken: ['copy secret token'],
  /**
   * glide-code skills/glide-builder-navigation SKILL.md "Working with the API Panel": code samples, operations "Get rows,
   * Add rows, Edit rows, Delete rows", "Copy secret token", "Copy code". A dialog with "Copy code" and those operations
   * is the panel even before its token button renders.
   */
  copyCode: ['copy code'],
  operations: ['get rows', 'add rows', 'edit rows', 'delete rows'],
} as const;

/**
 * The "Show API" panel (glide-code selectors/data-editor.md "API Panel": code examples, "Token area — token text or
 * masked string", "Copy" near the token; get-api-key.md: "Text starting with "Bearer " followed by a long string",
 * "A masked/hidden token with a "Show" or "Copy" button", the @glideapps/tables snippet `glide.table({ token, app,
 * table, columns })` in skills/api/SKILL.md and fetch-app-data.md).
 * Token shape: a UUID, "a long sequence of random numbers and letters that looks like this:
 * 2F2733E2-2B70-4291-8250-633B9E8F16AF" (docs.glideapps.com …/glide-tables-api-for-beginners); API docs: "unique to
 * your Glide user… scoped to your Glide team" (apidocs.glideapps.com …/authentication).
 */
export const API_PANEL = {
  /** Where the token sits in the panel's code: `Authorization: Bearer <token>` or `token: "<token>"`. */
  tokenIn: [/\bbearer\s+([A-Za-z0-9._~+/=-]{16,200})/i, /\btoken\s*[:=]\s*["'`]([^"'`\s]{16,200})["'`]/i],
  /** The documented shape. */
  uuid: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  /** A masked token ("asterisks or dots", get-api-key.md "Token Appears Masked"). */
  masked: /^[*•●·xX.]+$|[*•●]{4,}/,
} as const;

/** Token-shaped values in the app's fields and cells: a UUID anywhere, or whatever follows "Bearer ". */
export const TOKEN_LIKE = [/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g, /\bbearer\s+([A-Za-z0-9._~+/=-]{16,200})/gi];
/**
 * TOKEN_LIKE without its word boundary, as one test: it matches any text in which a TOKEN_LIKE value could start,
 * and any concatenation of such texts (an element's textContent glues its children's texts together). The data grid
 * is tested with it once per pass before its cells are visited one by one (readers/data.ts). Must stay a superset of
 * TOKEN_LIKE (property test in test/entrypoints/glide.content/readers.test.ts).
 */
export const TOKEN_SOMEWHERE = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|bearer\s+[A-Za-z0-9._~+/=-]{16}/i;

/** Where a panel's key sits, by the words the panel shows (glide-code: Integrations "Call API, Claude, OpenAI, Google Maps"). */
export const PLACES: { place: 'call-api' | 'ai' | 'column'; words: RegExp }[] = [
  { place: 'call-api', words: /\bcall api\b/ },
  // glide-code skills/data-modeling SKILL.md, Integration columns "AI Services: Claude, OpenAI, Google Gemini, OpenRouter, Replicate".
  { place: 'ai', words: /\b(openai|claude|anthropic|gemini|openrouter|replicate|ai)\b/ },
  { place: 'column', words: /\b(template|if -> then -> else|column)\b/ },
];

export const ACCESS = {
  /** glide-code procedures/app/set-app-settings.md: the Settings section is "Access". */
  heading: ['access'],
  /** Current wording (glide-code skills/app-sharing/SKILL.md): "Public — Anyone with link can access", "Private — Only users you choose can access". */
  modesNew: [
    { mode: 'public', words: ['anyone with link can access', 'anyone with the link'] },
    { mode: 'private', words: ['only users you choose can access'] },
  ] as { mode: AccessMode; words: string[] }[],
  /** Old wording (docs.glideapps.com …/controlling-who-can-access-your-app). Order matters: longest first. */
  modesOld: [
    { mode: 'public-email', words: ['public with email'] },
    { mode: 'private', words: ['only i can sign in', 'limit access by password', 'allowed email list'] },
    { mode: 'public', words: ['public'] },
  ] as { mode: AccessMode; words: string[] }[],
  /** Bare labels "Public" / "Private" (both wordings). */
  bare: [
    { mode: 'public', words: ['public'] },
    { mode: 'private', words: ['private'] },
  ] as { mode: AccessMode; words: string[] }[],
  who: [
    { who: 'users-table', words: ['users table'] },
    { who: 'team-members', words: ['team members'] },
    { who: 'email-domains', words: ['allowed email domains'] },
    { who: 'emails-in-table', words: ['all emails in table'] },
    { who: 'only-me', words: ['only i can sign in'] },
    { who: 'password', words: ['limit access by password'] },
    { who: 'email-list', words: ['allowed email list'] },
  ] as { who: Who; words: string[] }[],
  signIn: [
    { signIn: 'magic-link', words: ['include magic link to sign in without pin'] },
    { signIn: 'glide-pin', words: ['pin emails from glide'] },
    { signIn: 'google', words: ['sign in with google'] },
    { signIn: 'sso', words: ['single sign-on (sso)', 'single sign-on'] },
    { signIn: 'twilio-pin', words: ['pin texts from twilio'] },
    { signIn: 'gmail-pin', words: ['pin emails from gmail'] },
    { signIn: 'microsoft-pin', words: ['pin emails from microsoft'] },
  ] as { signIn: SignIn; words: string[] }[],
  requestAccess: ['allow visitors to request access'],
} as const;

export const WORKFLOWS = {
  /** glide-code navigation.md: triggers Manual / Schedule / Email / Slack / Webhook. */
  triggers: [
    { trigger: 'schedule', words: /\bschedule(d)?\b/ },
    // glideapps.com/docs/workflows: "App Interaction workflows are triggered by a user doing something in the app".
    { trigger: 'manual', words: /\bapp interaction\b/ },
    { trigger: 'webhook', words: /\bwebhook\b/ },
    { trigger: 'manual', words: /\bmanual\b/ },
    { trigger: 'email', words: /\bemail\b/ },
    { trigger: 'slack', words: /\bslack\b/ },
  ] as { trigger: Trigger; words: RegExp }[],
  /** glide-code: a webhook trigger shows "Webhook URL". */
  webhookUrl: ['webhook url'],
  /** Glide's action name (docs "Delete row" action). */
  deleteRow: /\bdelete rows?\b/,
} as const;

/** Tag names of our own UI in the page (mutations there are ours, not the builder's). */
export const OWN_HOSTS = ['micro-app-auditor-warning', 'micro-app-auditor-markers'];
