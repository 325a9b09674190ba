import { defineRule } from '../../engine/rule';
import { cookieDraft, cookieFix, isAntiCsrf, isSessionLike, storedCookies } from '../../utils/http/cookies';
import { pageHsts, preloadedHost } from '../../utils/http/hsts';
import { isHttps } from '../../utils/http/http';

/**
 * Cookies that are neither sessions nor anti-CSRF tokens (cookie-session-no-secure judges those) set without Secure on
 * an HTTPS page. Without Secure the browser also sends the cookie on plain-HTTP requests to the host, which a network
 * attacker can make any visitor's browser issue, and a plain-HTTP response may overwrite it (RFC 6265bis §5.7: only
 * Secure cookies are shielded from that). Whether that can happen depends on HSTS (RFC 6797 §8.3: the browser rewrites
 * every http:// URL of a Known HSTS Host to https before any request): the cookie arrives in the same response as the
 * site's HSTS header, so on an HSTS host it never travels in clear; without HSTS it does. A cookie set for the whole
 * domain (Domain=) is also sent to subdomains, which HSTS covers only with includeSubDomains (RFC 6797 §14.4).
 * Our name heuristics cannot know what a cookie holds, so an exposed one is low, a protected one info.
 */
export default defineRule({
  meta: {
    id: 'cookie-no-secure',
    title: 'Cookie without Secure on an HTTPS site',
    severity: 'low',
    category: 'cookies',
    checklist: 'sessions',
    surfaces: ['cookies'],
    confidence: 'medium',
    rationale:
      'Without Secure the browser also sends the cookie over plain HTTP, where anyone on the network can read or replace it; HSTS (with includeSubDomains for domain cookies) keeps it off plain HTTP.',
    messages: {
      exposed:
        'Cookie "{name}" is not marked Secure and the site sends no valid HSTS header, so a plain-HTTP request to the site (which a network attacker can trigger) carries it in clear, and a plain-HTTP response can replace it.',
      subdomains:
        'Cookie "{name}" is not marked Secure and is set for the whole domain; HSTS here lacks includeSubDomains, so a plain-HTTP request to any subdomain carries it in clear.',
      protected: 'Cookie "{name}" is not marked Secure; HSTS keeps browsers from sending it over plain HTTP to this site, so this is hardening only.',
    },
    fix: cookieFix('Mark every cookie Secure on an HTTPS site (and send HSTS).', [
      'Find where the cookie is set (your code, a library or the platform).',
      'Add the Secure attribute; nothing changes for visitors on HTTPS.',
      'Deploy and re-run the audit.',
    ]),
  },
  check(evidence) {
    if (!isHttps(evidence.url)) return [];
    const hsts = pageHsts(evidence);
    const preloaded = preloadedHost(evidence) !== undefined;
    const hostProtected = preloaded || hsts?.state === 'valid';
    const subdomainsProtected = preloaded || (hsts?.state === 'valid' && hsts.includeSubDomains);
    const out = [];
    for (const c of storedCookies(evidence)) {
      // Session and anti-CSRF cookies are cookie-session-no-secure's, SameSite=None without Secure is
      // cookie-samesite-none-insecure's; Secure is unknown for cookies read by scripts.
      if (c.secure || c.source === 'page' || c.sameSite === 'none' || isSessionLike(c) || isAntiCsrf(c)) continue;
      if (!hostProtected) out.push(cookieDraft(c, 'exposed', evidence.url));
      else if (c.hostOnly === false && !subdomainsProtected) out.push(cookieDraft(c, 'subdomains', evidence.url));
      else out.push({ ...cookieDraft(c, 'protected', evidence.url), severity: 'info' as const });
    }
    return out;
  },
});
