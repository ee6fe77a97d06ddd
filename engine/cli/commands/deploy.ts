/**
 * `asp deploy FILE [--target NAME] [--no-resume] [--yes]`: print the diff against the deployed
 * processor, then create it, or stop → modify → restore its state (resuming from the checkpoint
 * when the modify rules allow; --no-resume otherwise). A production target needs --yes.
 */
import { UsageError } from '../../core/errors';
import { applyDeploy, formatPlan, planDeploy } from '../../targets/deploy';
import { WireTarget } from '../../targets/wireTarget';
import { parseArgs } from '../../core/argv';
import { readProcessorFile, targetRegistry } from '../processorFile';
import { TARGET_FLAGS, TARGET_USAGE, withTarget } from '../targetCommand';

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, [...TARGET_FLAGS], ['no-resume', 'yes']);
  if (args.positional.length !== 1) throw new UsageError(`usage: asp deploy FILE [--no-resume] [--yes] ${TARGET_USAGE}`);
  const file = args.positional[0]!;
  return withTarget(args, async (api) => {
    const f = readProcessorFile(file, 'processor', await targetRegistry(api));
    const plan = await planDeploy(api, f.doc, { noResume: args.flags.has('no-resume') });
    process.stdout.write(`${formatPlan(plan).join('\n')}\n`);
    if (plan.action === 'none') return undefined;
    if (api instanceof WireTarget && api.spec.environment === 'production' && !args.flags.has('yes')) {
      throw new UsageError(`${api.name} is a production target: give --yes to deploy to it`, 1);
    }
    const r = await applyDeploy(api, plan, f.file);
    process.stdout.write(`${api.name}: ${r.done.join(', ')} done\n`);
    return undefined;
  }, file);
}
