/** What the instance-talking CLI commands share: their argument shape (targetCommand.ts sends the request and prints JSON). */
import { UsageError } from '../core/errors';
import { parseArgs, type ParsedArgs } from '../core/argv';

export interface CommandSpec {
  usage: string;
  positional: number;
  valueFlags?: readonly string[];
  boolFlags?: readonly string[];
}

export function parseCommand(argv: string[], spec: CommandSpec): ParsedArgs {
  const args = parseArgs(argv, ['state-dir', ...(spec.valueFlags ?? [])], spec.boolFlags ?? []);
  if (args.positional.length !== spec.positional) throw new UsageError(`usage: ${spec.usage}`);
  return args;
}
