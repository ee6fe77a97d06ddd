/**
 * Targets in a real VS Code: a second local instance (started by scripts/e2e.mjs with its wire
 * front door and SCRAM on) is the asp.targets.json target `second`. Its credentials go to
 * SecretStorage; the Processors view lists its processors; Diff opens VS Code's diff view on
 * the deployed definition; the wire setting starts this window's instance with a front door.
 */
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import * as vscode from 'vscode';
import type { ProcessorItem } from '../../../client/views/processors';
import * as P from '../../../shared/protocol';
import { waitFor } from '../../helpers/waitFor';
import { api, openFile, suite, test, wsFile } from './helpers';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address() as net.AddressInfo;
      s.close(() => resolve(a.port));
    });
  });
}

const listening = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });

suite('Targets', () => {
  test('a target with SecretStorage credentials: deploy, the Processors view of the target, the diff view', async () => {
    const a = await api();
    const user = process.env['ASP_E2E_SECOND_USER'];
    const password = process.env['ASP_E2E_SECOND_PASSWORD'];
    assert.ok(user && password, 'scripts/e2e.mjs passes the second instance credentials');
    await a.ctx.targets.setCredentials('second', { username: user, password });
    const listed = await a.ctx.reloadTargets();
    assert.deepEqual(listed.targets.map((t) => [t.name, t.environment]), [['local', 'local'], ['second', 'production']]);
    await a.ctx.targets.select('second');
    try {
      const doc = await openFile('orders.asp.json');
      // Deploy without the confirmation dialog: the same request the command sends after "Deploy".
      const done = await a.ctx.rpc(P.applyDeploy, { target: 'second', text: doc.getText(), file: doc.uri.fsPath });
      assert.deepEqual([done.action, done.done], ['create', ['create']]);
      const names = await waitFor(async () => {
        const items = (await a.views.processors.getChildren()) as ProcessorItem[];
        const n = items.map((i) => i.processor?.name);
        return n.includes('orders') ? n : undefined;
      }, 'orders in the Processors view of second');
      assert.ok(!names.includes('ratios'), 'the local processors are not listed for the target');

      const reply = await vscode.commands.executeCommand<P.DeployPlanReply>('asp.diffProcessor', wsFile('orders-edited.asp.json'));
      assert.equal(reply.action, 'modify');
      assert.deepEqual(reply.changes, [
        '~ pipeline[1].$match.obs.watts.$gt: 100 -> 150',
        '+ pipeline[2].$tumblingWindow.pipeline[0].$group.avg_watts: {"$avg":"$obs.watts"}',
        '~ tier: "SP10" -> "SP30"',
      ]);
      const tab = await waitFor(() => {
        const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
        return input instanceof vscode.TabInputTextDiff ? input : undefined;
      }, 'the diff editor');
      assert.equal(tab.original.scheme, 'asp-target');
      const left = await vscode.workspace.openTextDocument(tab.original);
      assert.match(left.getText(), /"\$gt": 100/);
      const right = await vscode.workspace.openTextDocument(tab.modified);
      assert.match(right.getText(), /"\$gt": 150/);
      assert.doesNotMatch(right.getText(), /description/);
    } finally {
      await a.ctx.targets.select('local');
    }
  });

  test('asp.wire.listen starts the local instance with its wire front door', async () => {
    const a = await api();
    const port = await freePort();
    const cfg = vscode.workspace.getConfiguration('asp');
    await a.ctx.engine.connection();
    // A changed wire setting restarts the running instance (main.ts), with the new flags.
    await cfg.update('wire.listen', `127.0.0.1:${port}`, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(() => listening(port), `the wire front door on ${port}`, 60_000);
    } finally {
      await cfg.update('wire.listen', undefined, vscode.ConfigurationTarget.Workspace);
      await waitFor(async () => !(await listening(port)) && a.ctx.engine.state === 'running', 'the instance back without a front door', 60_000);
    }
  });
});
