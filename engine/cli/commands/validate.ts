/** `asp validate FILE...`: every diagnostic as `path:line:col severity code message`; exit 1 on any error. */
import { analyzeText } from '../../pipeline/analyze';
import { loadConnectionRegistryText } from '../../connectors/catalog/registry';
import { parseArgs } from '../../core/argv';
import { formatDiagnostic, loadRegistry, readPipelineFile } from '../context';
import { UsageError } from '../../core/errors';
import { basename } from 'node:path';

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['connections'], ['processor']);
  if (args.positional.length === 0) throw new UsageError('usage: asp validate FILE... [--connections PATH] [--processor]');
  let errors = 0;
  const out: string[] = [];
  for (const file of args.positional) {
    const text = readPipelineFile(file);
    if (basename(file) === 'asp.connections.json') {
      const r = loadConnectionRegistryText(text, file);
      for (const d of r.diagnostics) {
        out.push(formatDiagnostic(file, d));
        if (d.severity === 'error') errors++;
      }
      continue;
    }
    const reg = loadRegistry(args.flags.get('connections') as string | undefined, file);
    for (const d of reg.diagnostics) {
      out.push(formatDiagnostic(reg.registry.source ?? 'asp.connections.json', d));
      if (d.severity === 'error') errors++;
    }
    const a = analyzeText(text, { connections: reg.registry, file, mode: args.flags.has('processor') ? 'processor' : 'either' });
    for (const d of a.diagnostics) {
      out.push(formatDiagnostic(file, d));
      if (d.severity === 'error') errors++;
    }
  }
  if (out.length) process.stdout.write(out.join('\n') + '\n');
  return errors > 0 ? 1 : 0;
}
