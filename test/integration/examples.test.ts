/** The Kafka examples (examples/kafka-*.asp.json) run against the real broker. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PipelineRun } from '../../engine/pipeline/run';
import { analyzeText } from '../../engine/pipeline/analyze';
import { loadConnectionRegistryText } from '../../engine/connectors/catalog/registry';
import { createServices } from '../../engine/connectors/services';
import { type Services } from '../../engine/io/types';
import type { ConnectionRegistry } from '../../engine/connections/types';
import { consumeAll, createTopic, setup, uniqueName, type IntegrationEnv } from './helpers';
import { waitFor } from '../helpers/waitFor';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

/** The example with its topic names made unique to this run. */
function load(file: string, topics: Record<string, string>): string {
  let text = fs.readFileSync(path.join(EXAMPLES, file), 'utf8');
  for (const [from, to] of Object.entries(topics)) text = text.split(`"topic": "${from}"`).join(`"topic": "${to}"`);
  return text;
}

describe('Kafka examples (real broker)', () => {
  let env: IntegrationEnv;
  let registry: ConnectionRegistry;
  let services: Services;
  before(async () => {
    env = await setup();
    registry = loadConnectionRegistryText(JSON.stringify([{ name: 'kafka', type: 'Kafka', bootstrapServers: env.servers.kafkaBrokers }])).registry;
    services = createServices(registry, { stateDir: env.stateDir });
  });
  after(async () => {
    await services?.close();
    await env?.close();
  });

  const orders = (t0: number) => [
    { key: 'ann', value: { amount: 150, region: 'eu', orderedAt: new Date(t0).toISOString() } },
    { key: 'bob', value: { amount: 20, region: 'eu', orderedAt: new Date(t0 + 10_000).toISOString() } },
    { key: 'cy', value: { amount: 300, region: 'us', orderedAt: new Date(t0 + 20_000).toISOString() } },
    { key: 'ann', value: { amount: 1, region: 'eu', orderedAt: new Date(t0 + 120_000).toISOString() } },
  ];

  async function produce(topic: string, t0: number): Promise<void> {
    await createTopic(env.admin, topic);
    const p = env.kafka.producer();
    await p.connect();
    await p.send({ topic, messages: orders(t0).map((o) => ({ key: o.key, value: JSON.stringify(o.value) })) });
    await p.disconnect();
  }

  function start(text: string): { run: PipelineRun; done: Promise<unknown> } {
    const a = analyzeText(text, { connections: registry });
    assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error'), []);
    const run = new PipelineRun(a.processor!, a.validated!, { connections: registry, services, processorName: a.processor!.name, processorId: uniqueName('p'), ephemeral: false });
    return { run, done: run.run() };
  }

  it('kafka-filter-emit.asp.json', async () => {
    const input = uniqueName('orders');
    const output = uniqueName('big');
    await produce(input, Date.UTC(2024, 0, 1));
    await createTopic(env.admin, output);
    const { run, done } = start(load('kafka-filter-emit.asp.json', { orders: input, 'big-orders': output }));
    try {
      const msgs = await consumeAll(env.kafka, output, 2);
      assert.deepEqual(msgs.map((m) => m.key!.toString()).sort(), ['ann', 'cy']);
      assert.deepEqual(msgs.map((m) => JSON.parse(m.value!.toString()).amount).sort(), [150, 300]);
    } finally {
      run.stop();
    }
    await done;
  });

  it('kafka-window-merge.asp.json', async () => {
    const input = uniqueName('orders');
    const t0 = Date.UTC(2024, 0, 1);
    await produce(input, t0);
    const { run, done } = start(load('kafka-window-merge.asp.json', { orders: input }));
    const coll = services.localStore.collection('reports', 'ordersPerMinute');
    try {
      await waitFor(() => coll.size === 2, 'the first minute merged');
    } finally {
      run.stop();
    }
    await done;
    const rows = coll.find({}).map((d) => ({ region: (d['_id'] as { region: string }).region, orders: d['orders'], revenue: d['revenue'] }));
    rows.sort((a, b) => a.region.localeCompare(b.region));
    assert.deepEqual(rows, [{ region: 'eu', orders: 2, revenue: 170 }, { region: 'us', orders: 1, revenue: 300 }]);
  });
});
