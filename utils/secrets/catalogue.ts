/** The provider catalogue and the detectors that report them, assembled from the families in `providers/`. */
import { AI_DETECTORS, AI_PROVIDERS } from './providers/ai';
import { BACKEND_DETECTORS, BACKEND_PROVIDERS } from './providers/backend';
import { CLIENT_SDK_DETECTORS, CLIENT_SDK_PROVIDERS } from './providers/client-sdks';
import { CODE_HOSTING_DETECTORS, CODE_HOSTING_PROVIDERS } from './providers/code-hosting';
import { DATABASE_DETECTORS, DATABASE_PROVIDERS } from './providers/databases';
import { EMAIL_DETECTORS, EMAIL_PROVIDERS } from './providers/email';
import { FORMS_DETECTORS, FORMS_PROVIDERS } from './providers/forms';
import { GOOGLE_DETECTORS, GOOGLE_PROVIDERS } from './providers/google';
import { INFRASTRUCTURE_DETECTORS, INFRASTRUCTURE_PROVIDERS } from './providers/infrastructure';
import { KEY_DETECTORS, KEY_PROVIDERS } from './providers/keys';
import { MESSAGING_DETECTORS, MESSAGING_PROVIDERS } from './providers/messaging';
import { PAYMENT_DETECTORS, PAYMENT_PROVIDERS } from './providers/payments';
import { WEBHOOK_DETECTORS, WEBHOOK_PROVIDERS } from './providers/webhooks';
import type { Detector, Provider } from './types';

const ALL = [
  ...AI_PROVIDERS,
  ...GOOGLE_PROVIDERS,
  ...PAYMENT_PROVIDERS,
  ...EMAIL_PROVIDERS,
  ...MESSAGING_PROVIDERS,
  ...WEBHOOK_PROVIDERS,
  ...CODE_HOSTING_PROVIDERS,
  ...INFRASTRUCTURE_PROVIDERS,
  ...BACKEND_PROVIDERS,
  ...FORMS_PROVIDERS,
  ...CLIENT_SDK_PROVIDERS,
  ...DATABASE_PROVIDERS,
  ...KEY_PROVIDERS,
] as const satisfies readonly Provider[];

export type ProviderId = (typeof ALL)[number]['id'];
export type CatalogueEntry = Provider & { readonly id: ProviderId };
/** Every credential type the engine reports. */
export const PROVIDERS: readonly CatalogueEntry[] = ALL;

export const DETECTORS: readonly Detector<ProviderId>[] = [
  ...AI_DETECTORS,
  ...GOOGLE_DETECTORS,
  ...PAYMENT_DETECTORS,
  ...EMAIL_DETECTORS,
  ...MESSAGING_DETECTORS,
  ...WEBHOOK_DETECTORS,
  ...CODE_HOSTING_DETECTORS,
  ...INFRASTRUCTURE_DETECTORS,
  ...BACKEND_DETECTORS,
  ...FORMS_DETECTORS,
  ...CLIENT_SDK_DETECTORS,
  ...DATABASE_DETECTORS,
  ...KEY_DETECTORS,
];

const BY_ID = new Map<string, CatalogueEntry>(PROVIDERS.map((p) => [p.id, p]));

export function providerById(id: string): CatalogueEntry {
  const provider = BY_ID.get(id);
  if (!provider) throw new Error(`unknown secret provider: ${id}`);
  return provider;
}

/** Every known literal prefix, longest first (for masking values whose provider is unknown). */
export const KNOWN_PREFIXES: readonly string[] = [...new Set(PROVIDERS.flatMap((p) => p.prefixes ?? []))].sort((a, b) => b.length - a.length);
