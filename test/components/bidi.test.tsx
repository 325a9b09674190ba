/** Issue 10 item 15: bidi controls and invisible characters in page strings are shown escaped, never applied. */
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { FindingItem } from '@/components/FindingItem';
import { renderFieldWarnings } from '@/components/builder/field-warning';
import type { Finding } from '@/engine/finding';

afterEach(() => cleanup());

const EVIL = 'evil\u202Egnp.session';
const SHOWN = 'evil\\u202Egnp.session';

describe('page strings with bidi controls', () => {
  it('a finding shows its location, title, message and evidence with \\u202E as text', () => {
    const f: Finding = {
      ruleId: 'secret-exposed',
      severity: 'critical',
      title: `Key in ${EVIL}`,
      message: `A key is in ${EVIL}\u2066x\u2069.`,
      messageId: 'secret',
      evidence: `${EVIL}: sk_live_…AbCd`,
      location: { kind: 'page', name: EVIL },
      fingerprint: '0123456789abcdef',
    };
    const { container } = render(<FindingItem finding={f} guide={undefined} onOpen={() => undefined} onCopy={async () => undefined} />);
    (container.querySelector('.finding-toggle') as HTMLButtonElement).click();
    return Promise.resolve().then(() => {
      const text = container.textContent ?? '';
      expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
      expect(container.querySelector('.finding-where')?.textContent).toBe(SHOWN);
      expect(text).toContain('\\u2066x\\u2069');
    });
  });

  it('the in-page builder warning shows the field label escaped', () => {
    const container = document.createElement('div');
    renderFieldWarnings(
      container,
      [
        {
          id: 'w1',
          rect: () => undefined,
          field: `API key ${EVIL}`,
          providerName: 'Stripe',
          exposure: 'secret',
          masked: 'sk_live_…AbCd',
          why: 'w',
          safePlace: 's',
          rotateUrl: 'https://dashboard.stripe.com/apikeys',
        },
      ],
      () => undefined,
    );
    expect(container.textContent).toContain(`API key ${SHOWN}`);
    expect(container.textContent).not.toContain('\u202E');
  });
});
