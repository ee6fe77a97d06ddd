/**
 * `asp diff FILE [--target NAME]`: what deploying FILE would change on the target: the deployed
 * processor's pipeline and options against the file's (numbers compared numerically, key order
 * significant), and the steps a deploy would take. Changes nothing.
 */
import { UsageError } from '../../core/errors';
import { formatPlan, planDeploy } from '../../targets/deploy';
import { parseArgs } from '../../core/argv';
import { readProcessorFile, targetRegistry } from '../processorFile';
import { TARGET_FLAGS, TARGET_USAGE, withTarget } from '../targetCommand';

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, [...TARGET_FLAGS], ['no-resume']);
  if (args.positional.length !== 1) throw new UsageError(`usage: asp diff FILE [--no-resume] ${TARGET_USAGE}`);
  const file = args.positional[0]!;
  return withTarget(args, async (api) => {
    const f = readProcessorFile(file, 'processor', await targetRegistry(api));
    const plan = await planDeploy(api, f.doc, { noResume: args.flags.has('no-resume') });
    process.stdout.write(`${formatPlan(plan).join('\n')}\n`);
    return undefined;
  }, file);
}
