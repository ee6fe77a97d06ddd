/**
 * `asp import FILE [--out FILE] [--force]`: an Atlas Admin API GET reply (getStreamProcessor, or
 * a processor copied from the Atlas UI) as a clean `.asp.json`: the create body's fields in the
 * reply's order, without `_id`, `state`, `stats`, `links`, `effectiveTier` ..., integral numbers
 * as Atlas was given them (`10.0` back to `10`). Exporting the file gives the same create body.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../../core/errors';
import { parseJsonText } from '../../json/tree';
import { formatDocument, importGetReply, type JsonDoc } from '../../pipeline/processorDocument';
import { parseArgs } from '../../core/argv';
import { readPipelineFile } from '../context';
import { writeOut } from './export';

const USAGE = 'usage: asp import FILE [--out FILE] [--force]';

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['out'], ['force']);
  if (args.positional.length !== 1) throw new UsageError(USAGE);
  const file = args.positional[0]!;
  const parsed = parseJsonText(readPipelineFile(file));
  if (parsed.syntax.length || !parsed.tree) throw new UsageError(`${file}: ${parsed.syntax[0]?.message ?? 'empty file'}`, 1);
  const reply = parsed.value as JsonDoc;
  if (reply === null || typeof reply !== 'object' || Array.isArray(reply)) throw new UsageError(`${file}: expected one processor (an Admin API GET reply), got ${Array.isArray(reply) ? 'an array' : typeof reply}`, 1);
  if (Array.isArray(reply['results'])) throw new UsageError(`${file} is a list reply (results[]): import one processor at a time, e.g. jq '.results[0]'`, 1);
  if (typeof reply['name'] !== 'string' || !Array.isArray(reply['pipeline'])) throw new UsageError(`${file}: a processor needs "name" and "pipeline"`, 1);
  const { doc, unknown } = importGetReply(reply);
  if (unknown.length) process.stderr.write(`asp import: left out ${unknown.join(', ')} (not part of a create body)\n`);
  const out = (args.flags.get('out') as string | undefined) ?? `${(reply['name'] as string).replace(/[^A-Za-z0-9._-]/g, '_')}.asp.json`;
  if (fs.existsSync(out) && !args.flags.has('force')) throw new UsageError(`${out} exists: give --force to overwrite it, or --out FILE`, 1);
  writeOut(path.normalize(out), formatDocument(doc));
  return 0;
}
