import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { ExportAudit } from '@/components/bubble/ExportAudit';
import type { Audit } from '@/engine/audit-schema';

const finding = (message: string) => ({
  ruleId: 'bubble-type-public',
  severity: 'high',
  title: 'Anyone can read this Bubble data type',
  message,
  messageId: 'no-rules',
  evidence: 'user_types.x',
  location: { kind: 'builder', name: 'x' },
  fingerprint: '0123456789abcdef',
});

describe('ExportAudit', () => {
  it('hands the chosen file to the page and shows progress', () => {
    const onFile = vi.fn();
    const { rerender } = render(<ExportAudit state={{ kind: 'idle' }} onFile={onFile} />);
    const file = new File(['{}'], 'app.bubble');
    fireEvent.change(screen.getByTestId('bubble-file'), { target: { files: [file] } });
    expect(onFile).toHaveBeenCalledWith(file);
    rerender(<ExportAudit state={{ kind: 'working', phase: 'reading', done: 5 * 1048576, total: 20 * 1048576, name: 'app.bubble' }} onFile={onFile} />);
    expect(screen.getByTestId('progress').textContent).toContain('5.0 MB of 20.0 MB');
  });

  it('renders names from the file as text, never as markup', () => {
    const evil = '<img src=x onerror="alert(1)">';
    const audit = {
      findings: [finding(`Type ${evil} has no privacy rules`)],
      gaps: [{ collector: 'bubble-export', message: 'No reusables.' }],
    } as unknown as Audit;
    const { container } = render(<ExportAudit state={{ kind: 'done', audit, name: evil, ms: 1200 }} onFile={() => undefined} />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByTestId('export-result').textContent).toContain(evil);
  });

  it('shows the error message', () => {
    render(<ExportAudit state={{ kind: 'error', message: 'the file ends early: it is truncated' }} onFile={() => undefined} />);
    expect(screen.getByRole('alert').textContent).toContain('truncated');
  });
});
