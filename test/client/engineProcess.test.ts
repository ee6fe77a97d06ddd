import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { EngineProcess, type EngineProcessOptions } from '../../client/engineProcess';

const FAKE = path.join(__dirname, 'fixtures', 'fakeDaemon.js');

function harness(extra: Partial<EngineProcessOptions> = {}) {
  const events: string[] = [];
  const pids: number[] = [];
  let wake: () => void = () => undefined;
  const changed = () => wake();
  const until = (cond: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => (cond() ? resolve() : (wake = check));
      check();
    });
  const engine = new EngineProcess({
    execPath: process.execPath,
    script: FAKE,
    stateDir: () => '/tmp/asp-fake-state',
    log: () => undefined,
    onConnected: (_c, hello) => {
      pids.push(hello.pid);
      events.push('connected');
      changed();
    },
    onExit: () => {
      events.push('exit');
      changed();
    },
    onCrash: (message, restarting) => {
      events.push(`crash:${restarting}:${/exit code 3/.test(message) && /boom/.test(message)}`);
      changed();
    },
    backoffMs: 10,
    ...extra,
  });
  return { engine, events, pids, until };
}

test('starts on first use, restarts after a crash, and stops cleanly', async () => {
  const { engine, events, pids, until } = harness();
  const conn = await engine.connection();
  assert.equal(engine.state, 'running');
  assert.equal(pids[0], engine.pid);
  assert.equal(await engine.connection(), conn, 'one process, one connection');
  conn.sendRequest('test/crash').catch(() => undefined);
  await until(() => pids.length === 2);
  assert.deepEqual(events, ['connected', 'exit', 'crash:true:true', 'connected']);
  assert.notEqual(pids[1], pids[0]);
  await engine.dispose();
  assert.equal(engine.state, 'stopped');
  assert.deepEqual(events.slice(4), ['exit']);
  await assert.rejects(engine.connection(), /shut down/);
});

test('a callback registered while the process starts runs once it is up, and not when idle', async () => {
  const { engine } = harness();
  let calls = 0;
  engine.onceStarted(() => calls++);
  const starting = engine.connection();
  assert.equal(engine.state, 'starting');
  let stateAtCall: string | undefined;
  engine.onceStarted(() => {
    calls++;
    stateAtCall = engine.state;
  });
  await starting;
  await new Promise<void>((resolve) => setImmediate(resolve));
  assert.equal(calls, 1, 'only the callback registered during the start ran');
  assert.equal(stateAtCall, 'running');
  await engine.dispose();
});

test('gives up after too many crashes in the window and says so', async () => {
  const { engine, events, until } = harness({ maxRestarts: 1 });
  (await engine.connection()).sendRequest('test/crash').catch(() => undefined);
  await until(() => events.filter((e) => e === 'connected').length === 2);
  (await engine.connection()).sendRequest('test/crash').catch(() => undefined);
  await until(() => events.includes('crash:false:true'));
  assert.equal(engine.state, 'failed');
  // A user restart works again.
  await engine.restart();
  assert.equal(engine.state, 'running');
  await engine.dispose();
});

test('a daemon that cannot start reports why', async () => {
  const { engine } = harness({ script: path.join(__dirname, 'fixtures', 'missing.js'), maxRestarts: 0 });
  await assert.rejects(engine.connection(), /exited during start-up/);
  await engine.dispose();
});
