/**
 * `npm run bench [-- --only NAME] [--json] [--seconds N]`: each benchmark measures ours and its
 * baseline side by side in one run and prints the ratio.
 */
import type { Bench, BenchResult } from './types';

const BENCHES: Record<string, () => Promise<{ bench: Bench }>> = {
  stateless: () => import('./stateless'),
  json: () => import('./json'),
  tumbling: () => import('./tumbling'),
  hopping: () => import('./hopping'),
  checkpoint: () => import('./checkpoint'),
  recovery: () => import('./recovery'),
  lsp: () => import('./lsp'),
  kafka: () => import('./kafka'),
  https: () => import('./https'),
  avro: () => import('./avro'),
  scaling: () => import('./scaling'),
  'flink-stateless': async () => ({ bench: (await import('./flink')).stateless }),
  'flink-tumbling': async () => ({ bench: (await import('./flink')).tumbling }),
};

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
  const json = argv.includes('--json');
  const seconds = argv.includes('--seconds') ? Number(argv[argv.indexOf('--seconds') + 1]) : 5;
  const names = only ? only.split(',') : Object.keys(BENCHES);
  for (const name of names) {
    const load = BENCHES[name];
    if (!load) {
      process.stderr.write(`unknown benchmark '${name}'; known: ${Object.keys(BENCHES).join(', ')}\n`);
      process.exitCode = 2;
      return;
    }
    const { bench } = await load();
    const r: BenchResult = await bench.run({ seconds });
    const out: Record<string, unknown> = { name: bench.name, ...r };
    if (typeof r.docsPerSec === 'number' && typeof r.baselineDocsPerSec === 'number' && r.baselineDocsPerSec > 0) out['ratio'] = Math.round((r.docsPerSec / r.baselineDocsPerSec) * 100) / 100;
    for (const k of Object.keys(out)) if (typeof out[k] === 'number' && k !== 'ratio') out[k] = Math.round((out[k] as number) * 100) / 100;
    if (json) process.stdout.write(JSON.stringify(out) + '\n');
    else process.stdout.write(`${bench.name.padEnd(12)} ${Object.entries(out).filter(([k]) => k !== 'name').map(([k, v]) => `${k}=${v}`).join('  ')}\n`);
  }
}

// Exit explicitly: a client library's idle socket must not keep a finished benchmark alive.
main().then(
  () => process.exit(process.exitCode ?? 0),
  (e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
