/** Advice shared by many providers, in the terms of the builders our users work with. */

const SECRET_STORE =
  "a 'Private' header or parameter in Bubble's API Connector, a Glide Secret used by a Call API action, a Supabase Edge Function secret (or Vault), or a server-only environment variable of your host";

/** For secrets: rotate, then keep the new value where the browser never sees it. */
export const rotateThen = (extra?: string): string => `Rotate it now and keep the new one server-side: ${SECRET_STORE}.${extra ? ` ${extra}` : ''}`;

/** For capability URLs: anyone holding the URL can use it. */
export const capabilityUrl = (what: string): string =>
  `Anyone who has this URL can ${what}. Regenerate it and call it only from server-side code (a Bubble backend workflow, a Glide Call API action with the URL in a Secret, a Supabase Edge Function).`;

/** For publishable keys: nothing to rotate, but the protection that replaces secrecy must be in place. */
export const publishable = (check: string): string => `Meant for browsers; nothing to rotate. ${check}`;

/** For test-mode secrets. */
export const testSecret = (extra?: string): string =>
  `A test-mode secret: no real money or data at stake, but it should not ship either; a live key is likely handled the same way. Rotate it and keep keys server-side.${extra ? ` ${extra}` : ''}`;

/** For identifiers that ship next to a secret (Twilio's Account SID): not a credential by itself. */
export const identifier = (secret: string): string => `An identifier, not a credential: it cannot be used alone and there is nothing to rotate. ${secret}`;
