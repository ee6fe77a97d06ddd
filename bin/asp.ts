#!/usr/bin/env node
/**
 * The `asp` command, the composition root of the CLI: a table of subcommands (engine/cli/commands/*,
 * plus `lsp`, which starts server/). User mistakes print one clear line, never a stack.
 */
import { UsageError, errorMessage } from '../engine/core/errors';

type Command = { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> };

const COMMANDS: Record<string, Command> = {
  run: { summary: 'run a pipeline file; output as Extended JSON lines', load: async () => import('../engine/cli/commands/run') },
  validate: { summary: 'print every diagnostic of pipeline files', load: async () => import('../engine/cli/commands/validate') },
  test: { summary: 'run *.asp.test.json pipeline tests under PATH... (--update rewrites expectations)', load: async () => import('../engine/cli/commands/test') },
  lsp: { summary: 'start the language server (--stdio)', load: async () => import('./lsp') },
  serve: { summary: 'run the local instance in the foreground (--state-dir DIR)', load: async () => import('../engine/cli/commands/serve') },
  create: { summary: 'create a processor: asp create NAME FILE', load: async () => import('../engine/cli/commands/create') },
  start: { summary: 'start a processor (resumes from its last checkpoint)', load: async () => import('../engine/cli/commands/start') },
  stop: { summary: 'checkpoint and stop a processor', load: async () => import('../engine/cli/commands/stop') },
  drop: { summary: 'drop a processor and its checkpoints', load: async () => import('../engine/cli/commands/drop') },
  modify: { summary: 'modify a stopped processor: asp modify NAME FILE', load: async () => import('../engine/cli/commands/modify') },
  list: { summary: 'list processors of a target (the local instance by default)', load: async () => import('../engine/cli/commands/list') },
  stats: { summary: 'processor statistics (--verbose)', load: async () => import('../engine/cli/commands/stats') },
  sample: { summary: 'sample a running processor\'s output (--limit N)', load: async () => import('../engine/cli/commands/sample') },
  checkpoints: { summary: 'list checkpoints, or one with --id ID', load: async () => import('../engine/cli/commands/checkpoints') },
  dlq: { summary: 'dead letter queue records (--limit N, --reason, --operator)', load: async () => import('../engine/cli/commands/dlq') },
  export: { summary: 'a processor (FILE or deployed NAME) as Admin API or mongosh JSON', load: async () => import('../engine/cli/commands/export') },
  import: { summary: 'an Admin API GET reply as a clean .asp.json', load: async () => import('../engine/cli/commands/import') },
  diff: { summary: 'what deploying FILE would change on a target (--target NAME)', load: async () => import('../engine/cli/commands/diff') },
  deploy: { summary: 'create or update a processor from FILE on a target (--target NAME)', load: async () => import('../engine/cli/commands/deploy') },
  pull: { summary: 'write a deployed processor to a file (--target NAME)', load: async () => import('../engine/cli/commands/pull') },
};

function help(): string {
  const rows = Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(12)} ${c.summary}`);
  return ['ASP Studio: run and debug Atlas Stream Processing pipelines locally', '', 'usage: asp <command> [args]', '', ...rows, ''].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help());
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    process.stderr.write(`asp: unknown command '${name}'\n${help()}`);
    return 2;
  }
  try {
    return await (await cmd.load()).run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`asp ${name}: ${e.message}\n`);
      return e.exitCode;
    }
    const msg = errorMessage(e);
    process.stderr.write(`asp ${name}: ${msg}\n`);
    if (process.env['ASP_DEBUG']) process.stderr.write(`${(e as Error).stack ?? ''}\n`);
    return 3;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => { process.stderr.write(`asp: ${String(e)}\n`); process.exitCode = 3; },
  );
}
