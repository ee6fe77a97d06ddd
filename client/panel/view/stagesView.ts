/** The Stages tab: what each stage of a Debug run emitted, dropped and sent to the DLQ. */
import type { StageTrace } from '../../../shared/protocol/shapes';
import { el } from '../../webview/dom';
import { jsonTree } from './tree';

export function renderStages(root: HTMLElement, stages: StageTrace[], gotoStage: (index: number, innerIndex?: number) => void): void {
  root.textContent = '';
  for (const s of stages) {
    const box = el('section', `stage${s.dlqCount > 0 ? ' has-dlq' : ''}`);
    const head = el('div', 'stage-head');
    const title = el('span', 'stage-name', `${s.innerIndex !== undefined ? `${s.index}.${s.innerIndex}` : s.index}  ${s.stage}`);
    const counts = el('span', 'stage-counts', `in ${s.inCount} → out ${s.outCount} · dropped ${s.droppedCount} · DLQ ${s.dlqCount}`);
    const go = el('button', undefined, 'Go to stage');
    go.addEventListener('click', () => gotoStage(s.index, s.innerIndex));
    head.append(title, counts, go);
    box.appendChild(head);
    const groups: [string, unknown[], string][] = [
      ['emitted', s.emitted, 'emitted'],
      ['dropped', s.dropped, 'dropped'],
      ['DLQ', s.dlq, 'dlq'],
    ];
    for (const [label, docs, cls] of groups) {
      if (docs.length === 0) continue;
      const group = el('details', `stage-docs ${cls}`);
      group.open = cls === 'dlq';
      group.appendChild(el('summary', undefined, `${label} (first ${docs.length})`));
      for (const d of docs) group.appendChild(jsonTree(d, 2));
      box.appendChild(group);
    }
    root.appendChild(box);
  }
  if (stages.length === 0) root.textContent = 'The run recorded no stages.';
}
