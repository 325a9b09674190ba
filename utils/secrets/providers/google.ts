/**
 * Google keys. The same `AIza` shape is a browser-safe Firebase or Maps key, or a Gemini key that bills the
 * owner: the host it is sent to, the config object around it and its name tell them apart.
 */
import { publishable, rotateThen } from '../advice';
import { nearby, tokenEnd } from '../context';
import { assignedName, defineProviders, type IdOf, prefixed, sticky } from '../define';
import type { Detector } from '../types';

const GEMINI_HOST = 'generativelanguage.googleapis.com';

export const GOOGLE_PROVIDERS = defineProviders([
  {
    id: 'google-api-key',
    name: 'Google API key (browser use)',
    category: 'google',
    exposure: 'publishable',
    format: '`AIza` + 35',
    prefixes: ['AIza'],
    rotateUrl: 'https://console.cloud.google.com/apis/credentials',
    advice: publishable(
      'Restrict it to your site (HTTP referrers) and to the APIs the page needs. If the Generative Language (Gemini) API is enabled for it, it is a secret: rotate it and call Gemini from the server.',
    ),
    docs: 'https://cloud.google.com/docs/authentication/api-keys',
  },
  {
    id: 'firebase-web-api-key',
    name: 'Firebase web API key',
    category: 'google',
    exposure: 'publishable',
    format: '`AIza` + 35 inside `{apiKey, authDomain, projectId, …}`',
    prefixes: ['AIza'],
    rotateUrl: 'https://console.cloud.google.com/apis/credentials',
    advice: publishable(
      'Data is protected by Firebase Security Rules and App Check, not by this key: check that the rules deny what a stranger should not read or write.',
    ),
    docs: 'https://firebase.google.com/docs/projects/api-keys',
  },
  {
    id: 'google-gemini-api-key',
    name: 'Google Gemini API key',
    category: 'google',
    exposure: 'secret',
    format: '`AIza` + 35 sent to generativelanguage.googleapis.com',
    prefixes: ['AIza'],
    rotateUrl: 'https://aistudio.google.com/app/apikey',
    advice: rotateThen('Call Gemini from a backend workflow or an Edge Function; anyone with the key spends your quota.'),
    docs: 'https://ai.google.dev/gemini-api/docs/api-key',
  },
  {
    id: 'google-oauth-client-secret',
    name: 'Google OAuth client secret',
    category: 'google',
    exposure: 'secret',
    format: '`GOCSPX-` + 28',
    prefixes: ['GOCSPX-'],
    rotateUrl: 'https://console.cloud.google.com/apis/credentials',
    advice: rotateThen('Only the OAuth client id belongs in the page; the token exchange happens on the server.'),
    docs: 'https://developers.google.com/identity/protocols/oauth2',
  },
  {
    id: 'fcm-server-key',
    name: 'Firebase Cloud Messaging legacy server key',
    category: 'google',
    exposure: 'secret',
    format: '`AAAA` + 7 + `:APA91b` + 100-200',
    rotateUrl: 'https://console.firebase.google.com/project/_/settings/cloudmessaging',
    advice: rotateThen('It lets anyone push notifications to all your users; migrate to the HTTP v1 API with a service account on the server.'),
    docs: 'https://firebase.google.com/docs/cloud-messaging/migrate-v1',
  },
]);

type Id = IdOf<typeof GOOGLE_PROVIDERS>;

const AIZA = /AIza[A-Za-z0-9_-]{35}/y;
const FIREBASE_CONFIG = /authdomain|firebaseapp\.com|messagingsenderid|storagebucket|firebaseio\.com/i;
const GEMINI_WORDS = /gemini|generativelanguage|genai|generative|palm/i;
const MAPS = /maps\.googleapis\.com|maps\/api\/js|google\.maps/i;
/** Case-insensitive GEMINI_HOST, or one of the two chars that lower-case to ASCII letters (see `nearby`). */
const MAYBE_GEMINI_HOST = /generativelanguage\.googleapis\.com|[\u212a\u0130]/i;

/** True when the key sits inside a URL on the Gemini host that starts within the 300 chars before it. */
function insideGeminiUrl(text: string, at: number): boolean {
  const raw = text.slice(Math.max(0, at - 300), at);
  // Almost never there: then the window is not lower-cased.
  if (!MAYBE_GEMINI_HOST.test(raw)) return false;
  const before = raw.toLowerCase();
  const h = before.lastIndexOf(GEMINI_HOST);
  return h >= 0 && !/[\s"'`<>]/.test(before.slice(h));
}

const googleApiKey: Detector<Id> = {
  anchors: ['AIza'],
  detect(text, at, _anchor, ctx) {
    const end = tokenEnd(AIZA, text, at);
    if (end < 0) return null;
    const hit = { start: at, end, bodyStart: at + 4 };
    if (ctx.host.includes(GEMINI_HOST) || insideGeminiUrl(text, at)) {
      return { ...hit, provider: 'google-gemini-api-key', confidence: 'high', reason: `sent to ${GEMINI_HOST}` };
    }
    if (nearby(text, at, end, 400, ctx, FIREBASE_CONFIG)) {
      return { ...hit, provider: 'firebase-web-api-key', confidence: 'high', reason: 'inside a Firebase web config' };
    }
    const name = assignedName(text, at);
    if (GEMINI_WORDS.test(name) || nearby(text, at, end, 400, ctx, GEMINI_WORDS)) {
      return { ...hit, provider: 'google-gemini-api-key', confidence: 'medium', reason: 'Gemini named or called nearby' };
    }
    if (nearby(text, at, end, 400, ctx, MAPS)) {
      return { ...hit, provider: 'google-api-key', confidence: 'high', reason: 'Google Maps key' };
    }
    return { ...hit, provider: 'google-api-key', confidence: 'low', reason: 'Google API key; no Gemini use seen' };
  },
};

const FCM = sticky(/AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{100,200}/);
const FCM_MARKER = ':APA91b';

/** Legacy FCM server keys: `AAAA` + 7 chars, then the marker `:APA91b`. */
const fcmServerKey: Detector<Id> = {
  anchors: [FCM_MARKER],
  detect(text, at) {
    const start = at - 11;
    if (start < 0) return null;
    const end = tokenEnd(FCM, text, start);
    if (end < 0) return null;
    return { provider: 'fcm-server-key', start, end, bodyStart: at + FCM_MARKER.length, confidence: 'high', reason: 'marker :APA91b' };
  },
};

export const GOOGLE_DETECTORS: readonly Detector<Id>[] = [
  googleApiKey,
  fcmServerKey,
  prefixed({ provider: 'google-oauth-client-secret', prefixes: ['GOCSPX-'], pattern: /GOCSPX-[A-Za-z0-9_-]{28}/ }),
];
