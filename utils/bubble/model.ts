/**
 * The Bubble app model rules read: a typed, bounded summary of the app definition, read from either serialisation
 * (export keys or the editor's short codes, see ./read.ts). Names, flags and counts only: a key found in the app is
 * kept masked and fingerprinted (utils/secrets), never raw; record values are never read.
 *
 * Facts: shared/reference/bubble-glide.md section 1 (1a shapes, 1b privacy rules, 1c API Connector, 1d backend
 * workflows, 1e settings paths).
 */
import { z } from 'zod';
import { bounded, boundedList } from '../evidence/bounded';

export const BUBBLE_LIMITS = {
  types: 500,
  fieldsPerType: 300,
  rulesPerType: 50,
  viewFields: 300,
  apiRows: 1000,
  apiCalls: 1000,
  workflows: 1000,
  secrets: 200,
  /** Characters of client-side text (pages, reusables, workflow actions) scanned for keys per app. */
  scanChars: 32 * 1024 * 1024,
  name: 200,
} as const;

/** A name from the app (type, field, rule, call, workflow): any text, bounded; shown as text only. */
const Name = bounded(BUBBLE_LIMITS.name);
/** Bubble app ids as they appear in editor URLs (`?id=<app>`) and on `<app>.bubbleapps.io`. */
export const APP_ID = /^[a-z0-9-]{1,100}$/;

export const PrivacyRuleSchema = z.object({
  /** Rule key (`owner_`, `no_access_`; `everyone` is the fallback). */
  key: Name,
  display: Name,
  /** The rule has a "When" condition; the `everyone` fallback and a rule without one apply to every visitor. */
  conditional: z.boolean(),
  viewAll: z.boolean(),
  searchFor: z.boolean(),
  viewAttachments: z.boolean(),
  autoBinding: z.boolean(),
  /** Field keys visible when `viewAll` is false (the index-keyed `view_fields` map, as a list). */
  viewFields: boundedList(Name, BUBBLE_LIMITS.viewFields).default([]),
  /** Data API write permissions, when present (`create_via_api`, `modify_via_api`, `delete_via_api`). */
  createViaApi: z.boolean().optional(),
  modifyViaApi: z.boolean().optional(),
  deleteViaApi: z.boolean().optional(),
});
export type PrivacyRule = z.output<typeof PrivacyRuleSchema>;

export const FieldSchema = z.object({ key: Name, display: Name, type: Name.default('') });
export type BubbleField = z.output<typeof FieldSchema>;

export const TypeSchema = z.object({
  /** `user` or the custom type's key (without `custom.`). */
  key: Name,
  display: Name,
  fields: boundedList(FieldSchema, BUBBLE_LIMITS.fieldsPerType).default([]),
  /** False when the type has no `privacy_role` at all (readable by anyone). */
  hasPrivacyRoles: z.boolean(),
  rules: boundedList(PrivacyRuleSchema, BUBBLE_LIMITS.rulesPerType).default([]),
  /** Per-type Data API checkbox (`user_types.<type>.exposed_api`); absent when not in the model. */
  exposedApi: z.boolean().optional(),
});
export type BubbleType = z.output<typeof TypeSchema>;

/** A key the secret engine found: masked, fingerprinted, classified (utils/secrets). */
export const FoundSecretSchema = z.object({
  provider: z.string().regex(/^[a-z0-9-]{1,64}$/),
  providerName: Name,
  exposure: z.enum(['secret', 'publishable', 'capability', 'test']),
  severity: z.enum(['critical', 'high', 'medium', 'low', 'info']),
  masked: z.string().max(64),
  fingerprint: z.string().regex(/^[0-9a-f]{8,32}$/),
});
export type FoundSecret = z.output<typeof FoundSecretSchema>;

export const ROW_GROUPS = ['shared_headers', 'shared_params', 'headers', 'params', 'url_params', 'body_params'] as const;

/** One API Connector row (header or parameter) that is NOT private: its value is in the client-safe definition. */
export const ApiRowSchema = z.object({
  api: Name,
  call: Name.optional(),
  group: z.enum(ROW_GROUPS),
  /** The row's key (header or parameter name). */
  key: Name,
  /** What the secret engine found in the value (the value itself is never kept). */
  secret: FoundSecretSchema.optional(),
  /** The key name says credential (`Authorization`, `api_key`, `token`…) and the value is a literal, not empty. */
  credentialName: z.boolean().default(false),
});
export type ApiRow = z.output<typeof ApiRowSchema>;

export const ApiCallSchema = z.object({
  api: Name,
  call: Name,
  /** Host the call goes to (no path, no query). */
  host: Name.default(''),
  /** Query parameters of the call's URL whose name says credential and whose value is a literal (names only). */
  urlKeys: boundedList(Name, 20).default([]),
  /** Secrets found in the URL itself. */
  urlSecrets: boundedList(FoundSecretSchema, 10).default([]),
  /** Token-like names (access_token, refresh_token, id_token…) with values in the initialised test response. */
  responseTokens: boundedList(Name, 20).default([]),
  responseSecrets: boundedList(FoundSecretSchema, 10).default([]),
});
export type ApiCall = z.output<typeof ApiCallSchema>;

export const WORKFLOW_KINDS = ['APIEvent', 'RecurringEvent', 'DatabaseTriggerEvent', 'CustomEvent', 'other'] as const;

export const WorkflowSchema = z.object({
  id: Name,
  name: Name,
  kind: z.enum(WORKFLOW_KINDS),
  /** "Expose as a public API workflow" (absent in the JSON means exposed: reference 1d). */
  exposed: z.boolean(),
  /** "This workflow can be run without authentication" (`auth_unecessary`, sic). */
  noAuth: z.boolean(),
  /** "Ignore privacy rules". */
  ignorePrivacy: z.boolean(),
  /** "Detect request data" (`parameter_def: "auto"` / `raw_data`): a webhook. */
  detectData: z.boolean(),
  /** An "Only when" condition. */
  conditional: z.boolean(),
  creates: boundedList(Name, 20).default([]),
  changes: z.boolean().default(false),
  /** Types deleted (from `type_to_delete`), or '(a thing)' for DeleteThing. */
  deletes: boundedList(Name, 20).default([]),
  /** It schedules itself (a recursive workflow: the usual way to repeat a clean-up). */
  schedulesItself: z.boolean().default(false),
});
export type BubbleWorkflow = z.output<typeof WorkflowSchema>;

export const SettingsSchema = z.object({
  exposesDataApi: z.boolean().optional(),
  exposesWorkflowApi: z.boolean().optional(),
  hideSwagger: z.boolean().optional(),
  /** `app_rights` as found (only "private" is documented; anything else is treated as not private). */
  appRights: Name.optional(),
  pwProtection: z.boolean().optional(),
  pwProtectionDevOnly: z.boolean().optional(),
  allowIframe: Name.optional(),
});
export type BubbleSettings = z.output<typeof SettingsSchema>;

/** A key typed into client-side parts of the app (page elements, reusables, workflow actions). */
export const AppSecretSchema = FoundSecretSchema.extend({
  /** Where: `page <name>`, `reusable <name>`, `backend workflow <name>`, `settings` (client-safe). */
  where: Name,
  /** It is one of the app's own Data/Workflow API tokens (`settings.secure.api_tokens`). */
  apiToken: z.boolean().default(false),
});
export type AppSecret = z.output<typeof AppSecretSchema>;

export const BubbleAppSchema = z.object({
  source: z.enum(['export', 'editor']),
  appId: z.string().regex(APP_ID).optional(),
  types: boundedList(TypeSchema, BUBBLE_LIMITS.types).default([]),
  typesFound: z.number().int().min(0).default(0),
  apiRows: boundedList(ApiRowSchema, BUBBLE_LIMITS.apiRows).default([]),
  apiCalls: boundedList(ApiCallSchema, BUBBLE_LIMITS.apiCalls).default([]),
  workflows: boundedList(WorkflowSchema, BUBBLE_LIMITS.workflows).default([]),
  settings: SettingsSchema.default({}),
  secrets: boundedList(AppSecretSchema, BUBBLE_LIMITS.secrets).default([]),
  /** Names of the Data/Workflow API tokens in `settings.secure.api_tokens` (never their values). */
  apiTokens: boundedList(Name, 50).default([]),
  /** Sections the model did not have (`element_definitions` in large exports, `settings.secure` in the editor…). */
  missing: boundedList(bounded(64), 20).default([]),
  /** A list hit its cap or the scan budget ran out. */
  truncated: z.boolean().default(false),
});
export type BubbleApp = z.output<typeof BubbleAppSchema>;
export type BubbleAppInput = z.input<typeof BubbleAppSchema>;
