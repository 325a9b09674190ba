import { render } from 'preact';
import { browserApi } from '@/components/api';
import { Popup } from '@/components/Popup';
import { ALL_RULES, ruleById } from '@/rules';
import { checklist } from '@/rules/core/checklist';
import { guideForFinding } from '@/rules/core/fix';
import './style.css';

const root = document.getElementById('app')!;

render(
  <Popup
    api={browserApi()}
    guideFor={(finding, audit) => guideForFinding(finding, audit, ruleById)}
    checklistFor={(audit) => checklist(audit, ALL_RULES)}
    onShown={(what) => {
      // Read by the benchmark and the end-to-end tests: time since the popup page started loading (its time origin),
      // after the next frame, i.e. when the content is on screen.
      requestAnimationFrame(() => {
        root.dataset[what === 'stored' ? 'storedShownMs' : 'freshShownMs'] = String(Math.round(performance.now()));
      });
    }}
  />,
  root,
);
