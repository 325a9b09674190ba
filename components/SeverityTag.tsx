import type { Severity } from '@/engine/severity';

export const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

export function SeverityTag({ severity }: { severity: Severity }) {
  return <span class={`sev sev-${severity}`}>{SEVERITY_LABEL[severity]}</span>;
}
