/**
 * Plain constants of the Glide evidence, apart from the zod schemas so the Glide content script can use them without
 * loading zod (utils/glide/builder-evidence.ts builds the schemas from these). Facts: shared/reference/bubble-glide.md
 * §4 (glide-code's screens and wording), §6 (Glide docs), builders.md "Glide".
 */

/** The builder screens we read, one reader each (entrypoints/glide.content/readers/). */
export const GLIDE_SCREENS = ['data', 'access', 'users', 'workflows', 'integrations', 'secrets', 'api'] as const;
export type GlideScreen = (typeof GLIDE_SCREENS)[number];

/** Glide app ids are 20 alphanumeric characters (builders.md); we accept 10-64 to stay tolerant of format drift. */
export const APP_ID = /^[A-Za-z0-9]{10,64}$/;

/** Who may open the app (Settings → Access). 'public-email' is the old "Public with email" (anyone, after an email PIN). */
export const ACCESS_MODES = ['public', 'public-email', 'private', 'unknown'] as const;
export type AccessMode = (typeof ACCESS_MODES)[number];

/** Private apps: who can sign in (new wording) or the old private options. */
export const WHO = ['users-table', 'team-members', 'email-domains', 'emails-in-table', 'only-me', 'password', 'email-list'] as const;
export type Who = (typeof WHO)[number];

/** How users prove who they are. */
export const SIGN_IN = ['glide-pin', 'magic-link', 'google', 'sso', 'twilio-pin', 'gmail-pin', 'microsoft-pin'] as const;
export type SignIn = (typeof SIGN_IN)[number];

export const TRI = ['yes', 'no', 'unknown'] as const;
export type Tri = (typeof TRI)[number];

/** Where in the builder a key was seen (for the fix guide's "where to click"). */
export const SECRET_PLACES = ['call-api', 'ai', 'column', 'workflow', 'other'] as const;
export type SecretPlace = (typeof SECRET_PLACES)[number];

export const TRIGGERS = ['schedule', 'webhook', 'manual', 'email', 'slack', 'unknown'] as const;
export type Trigger = (typeof TRIGGERS)[number];

/** 'list': the workflow list was on screen; 'none': its empty state; 'unknown': the screen did not say. */
export const WORKFLOW_STATES = ['list', 'none', 'unknown'] as const;

export const GLIDE_LIMITS = { tables: 300, columns: 200, secrets: 100, workflows: 200, text: 200, urls: 50, teamTokens: 5, tokenCandidates: 50 } as const;

/**
 * How the "Show API" panel showed the team token: 'uuid' (the documented shape, e.g. `2F2733E2-2B70-4291-8250-633B9E8F16AF`
 * in Glide's Tables API guide), 'other' (some other shape: Glide changed it), 'hidden' (masked, or not on screen).
 */
export const TOKEN_SHAPES = ['uuid', 'other', 'hidden'] as const;
export type TokenShape = (typeof TOKEN_SHAPES)[number];

/** The app id in a Glide builder URL (go.glideapps.com/app/<appId>/…): the only place it is taken from. */
export function glideAppId(url: string | undefined): string | undefined {
  const id = url ? /^https:\/\/go\.glideapps\.com\/app\/([A-Za-z0-9]+)(?:[/?#]|$)/.exec(url)?.[1] : undefined;
  return id && APP_ID.test(id) ? id : undefined;
}
