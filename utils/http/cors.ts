/** CORS facts about collected responses, and the fix guide shared by the CORS rules. */
import type { HttpResponse } from '../evidence/evidence';
import { headerValues } from './http';
import { isSessionLike } from './cookies';
import type { FixGuide } from '../../engine/rule';

export interface CorsView {
  allowOrigin?: string;
  allowCredentials: boolean;
  setsCookie: boolean;
}

/**
 * A header as the browser's CORS check reads it (Fetch, "get" a header): every value of the name, trimmed, joined with
 * ", ". Two Access-Control-Allow-Origin lines thus read as "a, b", which matches no origin: browsers refuse it.
 */
function combined(r: HttpResponse, name: string): string | undefined {
  const values = headerValues(r.headers, name);
  return values.length ? values.map((v) => v.trim()).join(', ') : undefined;
}

/** The name of a Set-Cookie line; a line without "=" is a value with an empty name (RFC 6265bis §5.6). */
const cookieName = (line: string): string => {
  const eq = line.indexOf('=');
  return eq === -1 ? '' : line.slice(0, eq).trim();
};

export function corsView(r: HttpResponse): CorsView {
  const allowOrigin = combined(r, 'access-control-allow-origin');
  return {
    ...(allowOrigin !== undefined ? { allowOrigin } : {}),
    // Fetch's CORS check wants exactly `true` (case-sensitive): browsers refuse "TRUE" or "true, true".
    allowCredentials: combined(r, 'access-control-allow-credentials') === 'true',
    // Only a session-like cookie makes a response "authenticated": a CDN's bot-management cookie does not.
    setsCookie: headerValues(r.headers, 'set-cookie').some((v) => isSessionLike({ name: cookieName(v) })),
  };
}

export const corsFix: FixGuide = {
  summary: 'Allow only your own front-end origins, from a fixed list, and never combine a wildcard or an echoed origin with credentials.',
  steps: [
    'List the exact origins that may call this endpoint (e.g. https://app.example.com).',
    'Send `Access-Control-Allow-Origin` only when the request’s Origin is on that list, with that exact value; otherwise send none.',
    'Send `Access-Control-Allow-Credentials: true` only for those listed origins, and add `Vary: Origin`.',
    'Re-run the audit.',
  ],
  snippet: {
    language: 'js',
    code: "// Express: allow a fixed list, never reflect arbitrary origins\nimport cors from 'cors';\napp.use(cors({ origin: ['https://app.example.com'], credentials: true }));",
  },
  docs: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS',
  platforms: {
    supabase: {
      steps: [
        'Supabase’s Data API answers every origin by design; access is controlled by Row Level Security, not CORS.',
        'Check RLS is on for every table the app reads (Supabase dashboard → Database → Tables).',
        'For Edge Functions, set `Access-Control-Allow-Origin` to your app’s origin in the function’s response headers.',
      ],
      docs: 'https://supabase.com/docs/guides/functions/cors',
    },
  },
};
