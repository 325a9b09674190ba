import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { BubbleCheckPanel } from '@/components/bubble/BubbleCheckPanel';
import type { Audit } from '@/engine/audit-schema';

const audit = (over: Partial<Audit> = {}) =>
  ({
    origin: 'https://leaky-app.bubbleapps.io',
    context: 'deployed',
    platforms: [{ id: 'bubble', name: 'Bubble', kind: 'platform', confidence: 'high', signals: [] }],
    findings: [],
    gaps: [],
    ...over,
  }) as unknown as Audit;
const fakeApi = (consent = false) => ({
  hasConsent: vi.fn(async () => consent),
  setConsent: vi.fn(async () => undefined),
  cancel: vi.fn(async () => undefined),
});

describe('BubbleCheckPanel', () => {
  it('asks for consent for this origin before the check can run', async () => {
    const api = fakeApi();
    const onRerun = vi.fn();
    render(<BubbleCheckPanel audit={audit()} running={false} api={api} onRerun={onRerun} />);
    await waitFor(() => screen.getByTestId('bubble-check'));
    expect((screen.getByTestId('bubble-run') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('bubble-consent'), { target: { checked: true } });
    expect(api.setConsent).toHaveBeenCalledWith('https://leaky-app.bubbleapps.io', true);
    fireEvent.click(screen.getByTestId('bubble-run'));
    expect(onRerun).toHaveBeenCalled();
  });

  it('is not offered for editors, other platforms or a low-confidence guess', async () => {
    for (const a of [
      audit({ context: 'builder' }),
      audit({ platforms: [] }),
      audit({ platforms: [{ id: 'bubble', name: 'Bubble', kind: 'platform', confidence: 'low', signals: [] }] }),
    ]) {
      const { container, unmount } = render(<BubbleCheckPanel audit={a} running={false} api={fakeApi(true)} onRerun={() => undefined} />);
      await new Promise((r) => setTimeout(r, 0));
      expect(container.querySelector('[data-testid="bubble-check"]')).toBeNull();
      unmount();
    }
  });
});
