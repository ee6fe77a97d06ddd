/**
 * `asp export NAME|FILE [--format admin-api|mongosh] [--out FILE] [--target NAME]`: a processor as
 * plain JSON for Atlas: the Admin API create body (Atlas UI Upload File, `atlas api streams
 * createStreamProcessor --file`, Terraform's `pipeline`) or mongosh's `{name, pipeline, options}`.
 * No comments, none of ASP Studio's own keys, the key order of the source. `--pipeline` writes
 * the pipeline array alone (Terraform's `pipeline = file(...)`). A FILE is validated first; a NAME
 * is read from the target (the local instance by default).
 */
import * as fs from 'node:fs';
import { UsageError } from '../../core/errors';
import { EXPORT_FORMATS, exportDocument, formatDocument, type ExportFormat, type JsonDoc } from '../../pipeline/processorDocument';
import { fetchDeployed } from '../../targets/definition';
import { parseArgs } from '../../core/argv';
import { readProcessorFile } from '../processorFile';
import { openTarget, TARGET_FLAGS, TARGET_USAGE } from '../targetCommand';

const USAGE = `usage: asp export NAME|FILE [--format admin-api|mongosh] [--pipeline] [--out FILE] ${TARGET_USAGE}`;

export function formatFlag(v: string | true | undefined): ExportFormat {
  if (v === undefined) return 'admin-api';
  if (typeof v === 'string' && (EXPORT_FORMATS as readonly string[]).includes(v)) return v as ExportFormat;
  throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, got ${String(v)}`);
}

/** Write `text` to --out (saying so on stderr), or to stdout. */
export function writeOut(out: string | undefined, text: string): void {
  if (out === undefined) {
    process.stdout.write(text);
    return;
  }
  fs.writeFileSync(out, text);
  process.stderr.write(`wrote ${out}\n`);
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['format', 'out', ...TARGET_FLAGS], ['pipeline']);
  if (args.positional.length !== 1) throw new UsageError(USAGE);
  const format = formatFlag(args.flags.get('format'));
  const what = args.positional[0]!;
  let doc: JsonDoc;
  if (fs.existsSync(what) && fs.statSync(what).isFile()) {
    if (args.flags.has('target')) throw new UsageError(`--target reads a deployed processor by NAME; ${what} is a file`);
    // The Admin API body needs a name: a bare pipeline or an unnamed document gets the file's.
    doc = readProcessorFile(what).doc;
  } else {
    const api = await openTarget(args);
    try {
      const deployed = await fetchDeployed(api, what);
      if (!deployed) throw new UsageError(`${api.name} has no processor named ${what} (and there is no file of that name)`, 1);
      doc = deployed.doc;
    } finally {
      await api.close();
    }
  }
  const out = exportDocument(doc, format);
  writeOut(args.flags.get('out') as string | undefined, args.flags.has('pipeline') ? `${JSON.stringify(out['pipeline'], null, 2)}\n` : formatDocument(out));
  return 0;
}
