/**
 * `asp pull NAME [--out FILE] [--format admin-api|mongosh] [--target NAME]`: the deployed
 * definition of a processor written to a file (default NAME.asp.json), to edit and deploy back.
 */
import { UsageError } from '../../core/errors';
import { exportDocument, formatDocument } from '../../pipeline/processorDocument';
import { fetchDeployed } from '../../targets/definition';
import { CommandError } from '../../runtime/errors';
import * as P from '../../../shared/protocol';
import { parseArgs } from '../../core/argv';
import { withTarget, TARGET_FLAGS, TARGET_USAGE } from '../targetCommand';
import { formatFlag, writeOut } from './export';

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['out', 'format', ...TARGET_FLAGS], []);
  if (args.positional.length !== 1) throw new UsageError(`usage: asp pull NAME [--out FILE] [--format admin-api|mongosh] ${TARGET_USAGE}`);
  const name = args.positional[0]!;
  const format = formatFlag(args.flags.get('format'));
  return withTarget(args, async (api) => {
    const deployed = await fetchDeployed(api, name);
    if (!deployed) throw new CommandError(`${api.name} has no processor named ${name}`, P.AspErrorCodes.NotFound);
    writeOut((args.flags.get('out') as string | undefined) ?? `${name}.asp.json`, formatDocument(exportDocument(deployed.doc, format)));
    return undefined;
  });
}
