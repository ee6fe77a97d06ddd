/**
 * Status bar: the target processor commands go to (the local instance, or an asp.targets.json
 * entry, coloured by environment so a production target stands out) and, for the local instance,
 * its state and how many processors run. Clicking it picks another target.
 */
import * as vscode from 'vscode';
import * as P from '../shared/protocol';
import type { Ctx } from './ctx';
import { targetLook } from './targetLaunch';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('asp.target', vscode.StatusBarAlignment.Left, 50);
  private started = new Set<string>();

  constructor(private readonly ctx: Ctx) {
    this.item.name = 'ASP target';
    this.item.command = 'asp.selectTarget';
    ctx.extCleanup(
      this.item,
      ctx.onEngineStarted(() => void this.reload()),
      ctx.onStateChanged((p) => {
        if (p.state === 'STARTED' && !p.dropped) this.started.add(p.name);
        else this.started.delete(p.name);
        this.render();
      }),
      ctx.onRunsChanged(() => this.render()),
      ctx.targets.onDidChange(() => this.render()),
    );
    this.render();
    this.item.show();
  }

  private async reload(): Promise<void> {
    try {
      const { streamProcessors } = await this.ctx.rpc(P.listStreamProcessors, {});
      this.started = new Set(streamProcessors.filter((p) => p.state === 'STARTED').map((p) => p.name));
    } catch {
      // The next state notification corrects the count.
    }
    this.render();
  }

  render(): void {
    const target = this.ctx.targets.current;
    if (target.name !== 'local') {
      const look = targetLook(target.environment);
      this.item.text = `${look.icon} ASP: ${target.name}${target.environment === 'production' ? ' · PRODUCTION' : ''}`;
      this.item.tooltip = `Target: ${target.name} (${look.label})\n${target.connectionString ?? ''}\nProcessor commands, the Processors view and Deploy go here. Click to pick another target.`;
      this.item.backgroundColor = look.background ? new vscode.ThemeColor(look.background) : undefined;
      this.item.color = look.foreground ? new vscode.ThemeColor(look.foreground) : undefined;
      return;
    }
    const state = this.ctx.engine.state;
    const runs = this.ctx.activeRuns().length;
    const n = this.started.size;
    const icon = state === 'running' ? '$(vm-running)' : state === 'starting' ? '$(loading~spin)' : state === 'failed' ? '$(error)' : '$(vm-outline)';
    const counts = state === 'running' ? ` · ${n} running${runs > 0 ? ` · ${runs} run${runs > 1 ? 's' : ''}` : ''}` : state === 'stopped' ? ' · idle' : ` · ${state}`;
    this.item.text = `${icon} ASP: local${counts}`;
    this.item.tooltip = `Target: the local instance (${this.ctx.config.stateDir})\nProcessors started: ${n}\nActive runs: ${runs}\nClick to pick another target.`;
    this.item.backgroundColor = state === 'failed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.color = undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
