/** `asp lsp --stdio` path: the real server process over stdio answers initialize, publishes diagnostics, completes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { pipelineHash } from '../../shared/observedShape';

type Msg = { id?: number; method?: string; params?: any; result?: any };

test('server over --stdio: initialize, diagnostics for the current version, validateDocument, completion, observed shapes in hover, shutdown', async () => {
  const root = path.join(__dirname, '..', '..');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'server.ts'), '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  const waiters: { pred: (m: Msg) => boolean; resolve: (m: Msg) => void }[] = [];
  let buf = Buffer.alloc(0);
  child.stdout.on('data', (chunk: Buffer) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      const sep = buf.indexOf('\r\n\r\n');
      if (sep < 0) return;
      const len = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, sep).toString())?.[1]);
      if (buf.length < sep + 4 + len) return;
      const msg = JSON.parse(buf.subarray(sep + 4, sep + 4 + len).toString()) as Msg;
      buf = buf.subarray(sep + 4 + len);
      if (msg.method && msg.id !== undefined) send({ id: msg.id, result: msg.method === 'workspace/configuration' ? [{}] : null });
      const i = waiters.findIndex((w) => w.pred(msg));
      if (i >= 0) waiters.splice(i, 1)[0]!.resolve(msg);
    }
  });
  const send = (m: object): void => {
    const body = JSON.stringify({ jsonrpc: '2.0', ...m });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  const wait = (pred: (m: Msg) => boolean): Promise<Msg> => new Promise((resolve) => waiters.push({ pred, resolve }));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    const init = wait((m) => m.id === 1);
    send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {}, initializationOptions: { validationDelayMs: 0 } } });
    const caps = (await init).result.capabilities;
    assert.ok(caps.completionProvider && caps.hoverProvider && caps.semanticTokensProvider && caps.codeActionProvider);
    send({ method: 'initialized', params: {} });
    const uri = 'file:///tmp/stdio-test.asp.json';
    const diags = wait((m) => m.method === 'textDocument/publishDiagnostics' && m.params.version === 2);
    send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'asp-json', version: 1, text: '[' } } });
    send({ method: 'textDocument/didChange', params: { textDocument: { uri, version: 2 }, contentChanges: [{ text: '[ { "$source": { "connectionName": "nope" } } ]' }] } });
    const published = await diags;
    assert.ok(published.params.diagnostics.some((d: { code: string }) => d.code === 'ASP510'));
    // A constant call that always fails is a diagnostic, not a DLQ record per document.
    const folded = wait((m) => m.method === 'textDocument/publishDiagnostics' && m.params.version === 3);
    const text3 = '[ { "$source": { "connectionName": "sample_stream_solar" } }, { "$set": { "r": { "$divide": [1, 0] } } } ]';
    send({ method: 'textDocument/didChange', params: { textDocument: { uri, version: 3 }, contentChanges: [{ text: text3 }] } });
    const d3 = (await folded).params.diagnostics.find((d: { code: string }) => d.code === 'ASP411');
    assert.ok(d3, 'ASP411 published');
    assert.match(d3.message, /^can't \$divide by zero \(\$divide has only constant arguments, so it fails for every document: \$set at \[1\]\.\$set\.r\.\$divide\)$/);
    assert.deepEqual(d3.range, { start: { line: 0, character: text3.indexOf('[1, 0]') }, end: { line: 0, character: text3.indexOf('[1, 0]') + 6 } });
    // asp/validateDocument answers for the current version at once, without the debounce.
    const validated = wait((m) => m.id === 5);
    send({ id: 5, method: 'asp/validateDocument', params: { uri } });
    const v = (await validated).result;
    assert.equal(v.version, 3);
    assert.equal(v.hasErrors, true);
    assert.ok(v.diagnostics.some((d: { code: string }) => d.code === 'ASP411'));
    const comp = wait((m) => m.id === 2);
    send({ id: 2, method: 'textDocument/completion', params: { textDocument: { uri }, position: { line: 0, character: 37 } } });
    const items = (await comp).result.items.map((i: { label: string }) => i.label);
    assert.ok(items.includes('sample_stream_solar'), items.join());
    // The extension's asp/observedShapes reaches the stage hover.
    const pipeline = [{ $source: { connectionName: 'nope' } }];
    const fields = [{ path: 'device_id', present: 2, types: [['string', 2]], samples: ['"d1"', '"d2"'] }];
    send({ method: 'asp/observedShapes', params: { uri, pipelineHash: pipelineHash(pipeline), mode: 'Run', at: Date.now(), stages: [{ index: 0, stage: '$source', shape: { docs: 2, sampled: 2, fields, moreFields: 0 } }] } });
    const hov = wait((m) => m.id === 4);
    send({ id: 4, method: 'textDocument/hover', params: { textDocument: { uri }, position: { line: 0, character: 6 } } });
    assert.match((await hov).result.contents.value, /Observed in last run[^]*\| `device_id` \| string \| 2\/2 \| "d1", "d2" \|/);
    const down = wait((m) => m.id === 3);
    send({ id: 3, method: 'shutdown' });
    await down;
    send({ method: 'exit' });
    assert.equal(await exited, 0);
  } finally {
    if (child.exitCode === null) child.kill();
  }
});
