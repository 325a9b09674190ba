import { render } from 'preact';
import { browserApi } from '@/components/api';
import { Popup } from '@/components/Popup';
import { ALL_RULES, ruleById } from '@/rules';
import { checklist } from '@/rules/core/checklist';
import { guideForFinding } from '@/rules/core/fix';
import './style.css';

const opened = performance.now();
const root = document.getElementById('app')!;

render(
  <Popup
    api={browserApi()}
    guideFor={(finding, audit) => guideForFinding(finding, audit, ruleById)}
    checklistFor={(audit) => checklist(audit, ALL_RULES)}
    onShown={(what) => {
      // Read by the benchmark and the end-to-end tests: time from the popup opening to content on screen.
      root.dataset[what === 'stored' ? 'storedShownMs' : 'freshShownMs'] = String(Math.round(performance.now() - opened));
    }}
  />,
  root,
);
