/** Run / Debug / Validate above the pipeline, and each stage's counts after a Debug run. */
import * as vscode from 'vscode';
import type { Ctx } from './ctx';
import { readPipelineFile } from './pipelineFile';

export class PipelineCodeLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly ctx: Ctx) {
    ctx.extCleanup(
      this.changed,
      ctx.onRunsChanged(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('asp.codeLens') && this.changed.fire()),
    );
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!this.ctx.config.codeLensEnabled) return [];
    const r = readPipelineFile(doc.getText());
    if (!r.ok) return [];
    const top = new vscode.Range(doc.positionAt(r.file.pipelineRange.offset), doc.positionAt(r.file.pipelineRange.offset));
    const running = this.ctx.activeRuns().some((x) => x.uri.toString() === doc.uri.toString());
    const lenses = [
      new vscode.CodeLens(top, { title: '$(play) Run', command: 'asp.run', arguments: [doc.uri] }),
      new vscode.CodeLens(top, { title: '$(debug-alt) Debug', command: 'asp.debug', arguments: [doc.uri] }),
      new vscode.CodeLens(top, { title: 'Validate', command: 'asp.validate', arguments: [doc.uri] }),
      new vscode.CodeLens(top, { title: 'Create processor', command: 'asp.createProcessor', arguments: [doc.uri] }),
    ];
    if (running) lenses.splice(2, 0, new vscode.CodeLens(top, { title: '$(debug-stop) Stop', command: 'asp.stop' }));
    const trace = [...this.ctx.runs.values()].reverse().find((x) => x.trace && x.uri.toString() === doc.uri.toString())?.trace;
    for (const s of trace ?? []) {
      const loc = s.innerIndex !== undefined ? r.file.stages[s.index]?.inner?.[s.innerIndex] : r.file.stages[s.index];
      if (!loc) continue;
      const at = doc.positionAt(loc.offset);
      const dlq = s.dlqCount > 0 ? ` · $(error) DLQ ${s.dlqCount}` : ' · DLQ 0';
      lenses.push(
        new vscode.CodeLens(new vscode.Range(at, at), {
          title: `${s.stage}: in ${s.inCount} → out ${s.outCount} · dropped ${s.droppedCount}${dlq}`,
          command: 'asp.showOutput',
          tooltip: 'Show what this stage emitted, dropped and sent to the DLQ',
        }),
      );
    }
    return lenses;
  }
}
