/**
 * The editor's path to a target, through a real JSON-RPC connection to an in-process instance:
 * asp/listTargets, asp/targetRequest, asp/planDeploy and asp/applyDeploy against a second
 * instance's wire front door (SCRAM on, credentials sent with asp/configure as SecretStorage
 * would), plus getStreamProcessor and listWorkspaceDefaults on the JSON-RPC protocol.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import * as P from '../../../shared/protocol';
import { Instance } from '../../../engine/daemon/instance';
import { startWire } from '../wire/_support';
import { rpcError, rpcTo } from '../../helpers/instance';

type Hooks = { after(fn: () => void | Promise<void>): void };

async function editorInstance(t: Hooks, dir: string): Promise<MessageConnection> {
  const inst = new Instance({ stateDir: path.join(dir, 'editor-state'), checkpointIntervalMs: 0 });
  await inst.open();
  return rpcTo(t, inst);
}

const FILE = (coll: string, tier = 'SP10'): string => JSON.stringify({
  $schema: '../schemas/asp-pipeline.schema.json',
  name: 'fromEditor',
  pipeline: [{ $source: { connectionName: 'sample_stream_solar' } }, { $match: { 'obs.watts': { $gt: 100 } } }, { $merge: { into: { connectionName: 'local', db: 'e', coll } } }],
  tier,
}, null, 2);

test('editor targets: list, forward, plan and apply a deploy on another instance, with SecretStorage credentials', async (t) => {
  const remote = await startWire(t, { user: '${env:T_USER}', password: '${env:T_PW}' }, { T_USER: 'ed', T_PW: 'pw' });
  const targetsFile = path.join(remote.dir, 'asp.targets.json');
  fs.writeFileSync(targetsFile, JSON.stringify({ targets: [{ name: 'second', connectionString: `mongodb://127.0.0.1:${remote.port}/`, environment: 'production', username: 'ed', password: '${env:NOT_SET_ANYWHERE}' }] }));
  const rpc = await editorInstance(t, remote.dir);

  await rpc.sendRequest(P.configure, { targetsFile, targetCredentials: { second: { username: 'ed', password: 'wrong' } } });
  const listed = await rpc.sendRequest(P.listTargets, {});
  assert.deepEqual(listed.targets.map((x) => [x.name, x.environment, x.needsCredentials]), [['local', 'local', false], ['second', 'production', true]]);
  assert.doesNotMatch(JSON.stringify(listed), /wrong|"pw"/);
  const denied = await rpcError(rpc.sendRequest(P.targetRequest, { target: 'second', method: 'listStreamProcessors', params: {} }));
  assert.equal(denied.message, "target second: authentication failed for user ed: check the target's username and password");

  await rpc.sendRequest(P.configure, { targetsFile, targetCredentials: { second: { username: 'ed', password: 'pw' } } });
  const file = path.join(remote.dir, 'fromEditor.asp.json');
  let plan = await rpc.sendRequest(P.planDeploy, { target: 'second', text: FILE('a'), file });
  assert.deepEqual([plan.action, plan.environment, plan.deployedText], ['create', 'production', undefined]);
  assert.doesNotMatch(plan.desiredText, /\$schema/);
  const created = await rpc.sendRequest(P.applyDeploy, { target: 'second', text: FILE('a'), file });
  assert.deepEqual(created.done, ['create']);
  await rpc.sendRequest(P.targetRequest, { target: 'second', method: 'startStreamProcessor', params: { name: 'fromEditor' } });

  plan = await rpc.sendRequest(P.planDeploy, { target: 'second', text: FILE('b', 'SP30'), file });
  assert.equal(plan.action, 'modify');
  assert.deepEqual(plan.changes, ['~ pipeline[2].$merge.into.coll: "a" -> "b"', '~ tier: "SP10" -> "SP30"']);
  assert.deepEqual(plan.steps, ['stop', 'modify (resume from checkpoint)', 'start']);
  assert.match(plan.deployedText!, /"coll": "a"/);
  assert.match(plan.desiredText, /"coll": "b"/);
  const applied = await rpc.sendRequest(P.applyDeploy, { target: 'second', text: FILE('b', 'SP30'), file });
  assert.deepEqual(applied.done, ['stop', 'modify', 'start']);
  const info = (await rpc.sendRequest(P.targetRequest, { target: 'second', method: 'getStreamProcessor', params: { name: 'fromEditor' } })) as P.StreamProcessorReply;
  assert.deepEqual([info.state, info.tier], ['STARTED', 'SP30']);
  assert.equal(remote.inst.manager.processor('fromEditor')?.def.options['tier'], 'SP30');

  // A file with errors is refused with its located diagnostics, before anything is sent.
  const bad = await rpcError(rpc.sendRequest(P.planDeploy, { target: 'second', text: '{"name": "x", "pipeline": [{"$match": {}}]}', file }));
  assert.equal(bad.code, P.AspErrorCodes.InvalidOptions);
  assert.match(bad.message, /fromEditor\.asp\.json has 2 errors \(first: line 1: First stage must be \$source/);
});

test('editor targets: `local` is this instance; getStreamProcessor and listWorkspaceDefaults are on the protocol', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asp-local-target-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const rpc = await editorInstance(t, dir);
  const text = FILE('x');
  const applied = await rpc.sendRequest(P.applyDeploy, { target: 'local', text });
  assert.deepEqual([applied.action, applied.done], ['create', ['create']]);
  const info = await rpc.sendRequest(P.getStreamProcessor, { name: 'fromEditor' });
  assert.deepEqual([info.name, info.state, info.tier, info.hasStarted], ['fromEditor', 'CREATED', 'SP10', false]);
  assert.deepEqual(await rpc.sendRequest(P.listWorkspaceDefaults, {}), { ok: 1, defaultTierSize: 'SP10', maxTierSize: 'SP50' });
  const none = await rpc.sendRequest(P.planDeploy, { target: 'local', text });
  assert.deepEqual([none.action, none.summary], ['none', ['local: processor fromEditor (CREATED) matches the file: nothing to deploy']]);
  const missing = await rpcError(rpc.sendRequest(P.targetRequest, { target: 'elsewhere', method: 'listStreamProcessors', params: {} }));
  assert.equal(missing.message, 'no target named "elsewhere" (no asp.targets.json)');
});
