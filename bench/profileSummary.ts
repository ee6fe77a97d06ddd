/**
 * `node out/bench/profileSummary.js FILE.cpuprofile [TOP]`: where a `node --cpu-prof` profile
 * spent its time, as self time per function and per package or engine folder, in percent of
 * the samples. The figures quoted in BENCHMARKS.md come from this.
 */
import * as fs from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

/** node_modules/<pkg>, engine/<folder>, a Node internal, or the file name. */
function area(url: string): string {
  if (!url) return '(native/gc/idle)';
  const nm = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(?:src\/)?([^/]+)?/);
  if (nm) return `${nm[1]}${nm[2] && !nm[2].includes('.') ? `/${nm[2]}` : ''}`;
  const own = url.match(/\/(engine|bench|server|shared)\/(.+?)(?:\/[^/]+)?\.js$/);
  if (own) return `${own[1]}/${own[2]!.split('/')[0]}`;
  if (url.startsWith('node:')) return url;
  return url.split('/').pop() ?? url;
}

export function summarizeProfile(p: Profile, top = 25): string {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i] ?? 0));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fn = new Map<string, number>();
  const ar = new Map<string, number>();
  for (const [id, t] of self) {
    const n = byId.get(id)!;
    const name = n.callFrame.functionName || '(anonymous)';
    const file = n.callFrame.url.split('/').slice(-2).join('/');
    const key = `${name} ${file}:${n.callFrame.lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + t);
    const a = ['(idle)', '(program)', '(garbage collector)'].includes(name) ? name : area(n.callFrame.url);
    ar.set(a, (ar.get(a) ?? 0) + t);
  }
  const pct = (t: number): string => `${((100 * t) / total).toFixed(1).padStart(5)}%`;
  const rows = (m: Map<string, number>, k: number): string[] => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([n, t]) => `${pct(t)}  ${n}`);
  return [`total ${(total / 1e6).toFixed(2)} s sampled`, '', 'by area (self time):', ...rows(ar, 20), '', 'by function (self time):', ...rows(fn, top)].join('\n');
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: profileSummary FILE.cpuprofile [TOP]\n');
    process.exit(2);
  }
  process.stdout.write(summarizeProfile(JSON.parse(fs.readFileSync(file, 'utf8')) as Profile, Number(process.argv[3] ?? 25)) + '\n');
}
