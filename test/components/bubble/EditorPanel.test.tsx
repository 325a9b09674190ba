/**
 * The quiet panel in the Bubble editor: collapsed to a count badge, opens to the findings (severity, title, name,
 * the editor tab to fix it in), keyboard-usable, closed for the session on request, nothing at all when there is
 * nothing to say; hostile names shown as text with invisible characters escaped. Markers beside type names.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EditorPanel, PrivacyMarkers } from '@/components/bubble/EditorPanel';
import type { PanelUpdate } from '@/utils/bubble/panel';

afterEach(cleanup);

const UPDATE: PanelUpdate = {
  type: 'bubble:panel',
  total: 3,
  publicTypes: ['User'],
  dismissed: false,
  items: [
    {
      id: 'a',
      severity: 'critical',
      title: 'Anyone can read this Bubble data type',
      name: 'User (user)',
      where: 'Data → Privacy',
      link: 'https://bubble.io/page?id=leaky-app&tab=Data&subtab=Privacy',
    },
    { id: 'b', severity: 'high', title: 'Key in an API Connector row that is not private', name: 'Stripe → Charge', where: 'Plugins → API Connector' },
    { id: 'c', severity: 'low', title: 'Swagger file visible', name: '<img src=x onerror=alert(1)>\u202Egnp.exe' },
  ],
};

function Harness({ update, onDismiss = () => undefined }: { update: PanelUpdate; onDismiss?(): void }) {
  const [open, setOpen] = useState(false);
  const [u, setU] = useState(update);
  return (
    <EditorPanel
      update={u}
      open={open}
      onToggle={() => setOpen(!open)}
      onDismiss={() => {
        setU({ ...u, dismissed: true });
        onDismiss();
      }}
    />
  );
}

describe('EditorPanel', () => {
  it('starts as a small count badge, opens to the list and closes again', () => {
    const { container } = render(<Harness update={UPDATE} />);
    const badge = screen.getByRole('button', { name: /3 findings, 2 high or critical\. Show the list/ });
    expect(badge.textContent).toBe('3');
    expect(badge.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(badge);
    const dialog = screen.getByRole('dialog');
    expect(container.querySelectorAll('[data-maa-item]').length).toBe(3);
    expect(dialog.textContent).toContain('Critical');
    expect(dialog.textContent).toContain('User (user)');
    const link = screen.getByRole('link', { name: 'Data → Privacy' });
    expect(link.getAttribute('href')).toBe('https://bubble.io/page?id=leaky-app&tab=Data&subtab=Privacy');
    expect(dialog.textContent).toContain('Fix in Plugins → API Connector'); // no link: shown as text
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows hostile names as text, invisible characters escaped', () => {
    const { container } = render(<Harness update={UPDATE} />);
    fireEvent.click(screen.getByRole('button'));
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>\\u202Egnp.exe');
    expect(container.textContent).not.toContain('\u202E');
  });

  it('closes for the session on request', () => {
    const onDismiss = vi.fn();
    const { container } = render(<Harness update={UPDATE} onDismiss={onDismiss} />);
    fireEvent.click(screen.getByRole('button'));
    fireEvent.click(screen.getByRole('button', { name: 'Close for this session' }));
    expect(onDismiss).toHaveBeenCalledOnce();
    expect(container.innerHTML).toBe('');
  });

  it('says nothing when there is nothing to say or it was closed', () => {
    expect(render(<Harness update={{ ...UPDATE, items: [], total: 0 }} />).container.innerHTML).toBe('');
    cleanup();
    expect(render(<Harness update={{ ...UPDATE, dismissed: true }} />).container.innerHTML).toBe('');
  });

  it('points to the popup for findings beyond the list', () => {
    render(<Harness update={{ ...UPDATE, total: 140 }} />);
    fireEvent.click(screen.getByRole('button'));
    expect(screen.getByText('137 more in the toolbar popup.')).toBeTruthy();
  });
});

describe('PrivacyMarkers', () => {
  it('a marker beside each visible type name, none for names off screen', () => {
    const rect = (top: number) => ({ top, bottom: top + 20, left: 10, right: 110, width: 100, height: 20, x: 10, y: top }) as DOMRect;
    const { container } = render(
      <PrivacyMarkers
        tick={1}
        views={[
          { id: 'm0', name: 'User', rect: () => rect(40) },
          { id: 'm1', name: 'Gone', rect: () => undefined },
          { id: 'm2', name: 'Far', rect: () => rect(window.innerHeight + 100) },
        ]}
      />,
    );
    const marks = container.querySelectorAll('[data-maa-marker]');
    expect(marks.length).toBe(1);
    expect(marks[0]!.getAttribute('data-maa-marker')).toBe('User');
    expect(marks[0]!.textContent).toBe('No privacy rules');
    expect((marks[0] as HTMLElement).style.left).toBe('116px');
  });
});
