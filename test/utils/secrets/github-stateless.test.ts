/**
 * GitHub App installation tokens in the stateless format GitHub issues since 2026 (`ghs_APPID_JWT`, about 520
 * characters; github.blog/changelog/2026-04-24-notice-about-upcoming-new-format-for-github-app-installation-tokens/):
 * found in every context the classic `ghs_` token is, as the same provider, at the whole token's span.
 */
import { describe, expect, it } from 'vitest';
import { scanSecrets } from '../../../utils/secrets/index';
import { CONTEXTS } from './contexts';
import { githubStatelessInstallationToken, seeded } from './fake-keys';
import { matchAt } from './helpers';

const value = githubStatelessInstallationToken(seeded(42));
const key = { provider: 'github-app-token' as const, exposure: 'secret' as const, value, snippet: value };

describe('stateless GitHub App installation token', () => {
  it('has the documented shape: ghs_ + app id + _ + a three-part JWT, about 520 characters', () => {
    expect(value).toMatch(/^ghs_[1-9][0-9]{6}_eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/);
    expect(value.length).toBeGreaterThan(450);
    expect(value.length).toBeLessThan(650);
  });

  it.each(CONTEXTS.map((c) => [c.name, c] as const))('is found whole as a secret in context %s', (_, context) => {
    const { text, start, end } = context.embed(key);
    const matches = scanSecrets(text);
    const match = matchAt(matches, 'github-app-token', start, end - start);
    expect(match, JSON.stringify(matches.map((m) => [m.provider, m.start, m.end]))).toBeDefined();
    expect(match!.exposure).toBe('secret');
  });

  it('is reported once, not also as a generic JWT', () => {
    expect(scanSecrets(`GITHUB_TOKEN=${value}`).map((m) => m.provider)).toEqual(['github-app-token']);
  });

  it('a stateless token cut before its JWT is not reported as an installation token', () => {
    expect(scanSecrets(`t="${value.slice(0, value.indexOf('.'))}"`).filter((m) => m.provider === 'github-app-token')).toEqual([]);
  });
});
