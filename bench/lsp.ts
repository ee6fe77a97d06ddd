/**
 * Language server latency on a generated 5,000-line pipeline file: completion (each request on a
 * new document version, as after a keystroke, so the parse is included) and full validation.
 * Targets (design.md): completion p99 <= 20 ms, full validation <= 50 ms.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createEngineLanguageService } from '../server/service/catalog';

const REGISTRY = JSON.stringify({ connections: [{ name: 'atlas1', type: 'Cluster', uri: 'mongodb://127.0.0.1:27017' }] });

/** A processor document of about `lines` lines: a source with documents, many stages, a window and a sink. */
export function generatePipeline(lines: number): string {
  const stages: unknown[] = [{ $source: { connectionName: 'sample_stream_solar', timeField: { $dateFromString: { dateString: '$timestamp' } } } }];
  let i = 0;
  const text = (): string => JSON.stringify({ name: 'big', pipeline: [...stages, window, sink], options: { dlq: { connectionName: 'local', db: 'd', coll: 'dlq' } } }, null, 2);
  const window = { $tumblingWindow: { interval: { size: 10, unit: 'second' }, allowedLateness: { size: 3, unit: 'second' }, pipeline: [{ $group: { _id: '$device_id', avgWatts: { $avg: '$obs.watts' }, n: { $sum: 1 } } }, { $sort: { avgWatts: -1 } }] } };
  const sink = { $merge: { into: { connectionName: 'atlas1', db: 'solar', coll: 'out' } } };
  while (text().split('\n').length < lines) {
    i++;
    switch (i % 4) {
      case 0:
        stages.push({ $match: { $or: [{ group_id: { $gte: i % 10 } }, { event_type: 1 }] } });
        break;
      case 1:
        stages.push({ $addFields: { [`f${i}`]: { $multiply: ['$obs.watts', i] }, [`g${i}`]: { $concat: ['$device_id', '-', { $toString: i }] } } });
        break;
      case 2:
        stages.push({ $set: { [`h${i}`]: { $cond: { if: { $gt: ['$obs.temp', 20] }, then: 'hot', else: 'cold' } } } });
        break;
      default:
        stages.push({ $project: { [`g${i - 2}`]: 0 } });
    }
  }
  return text();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const bench = {
  name: 'lsp',
  run: async (): Promise<{ completionP50Ms: number; completionP99Ms: number; validateMs: number }> => {
    const service = createEngineLanguageService();
    service.setConnections('file:///bench/asp.connections.json', REGISTRY);
    const text = generatePipeline(5000);
    const uri = 'file:///bench/big.asp.json';
    let version = 0;
    // completion points: inside field-path strings, stage keys and option keys across the file
    const points: number[] = [];
    const re = /"\$obs\.watts"|"\$device_id"|"\$addFields"|"connectionName"/g;
    for (let m = re.exec(text); m; m = re.exec(text)) points.push(m.index + 2);
    const times: number[] = [];
    for (let i = 0; i < 10 + 300; i++) {
      const doc = TextDocument.create(uri, 'asp-json', ++version, text);
      const offset = points[(i * 7919) % points.length]!;
      const t0 = performance.now();
      const list = service.complete(doc, doc.positionAt(offset));
      const dt = performance.now() - t0;
      if (list.items.length === 0) throw new Error(`no completion at offset ${offset}`);
      if (i >= 10) times.push(dt);
    }
    times.sort((a, b) => a - b);
    const vtimes: number[] = [];
    for (let i = 0; i < 3 + 15; i++) {
      const doc = TextDocument.create(uri, 'asp-json', ++version, text);
      const t0 = performance.now();
      service.validate(doc);
      const dt = performance.now() - t0;
      if (i >= 3) vtimes.push(dt);
    }
    vtimes.sort((a, b) => a - b);
    return { completionP50Ms: percentile(times, 50), completionP99Ms: percentile(times, 99), validateMs: percentile(vtimes, 50) };
  },
};

if (require.main === module) {
  bench.run().then((r) => process.stdout.write(JSON.stringify({ name: 'lsp', ...r }) + '\n'), (e: unknown) => {
    process.stderr.write(`bench lsp: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
