import { Command, CommanderError } from 'commander';
import { commands } from './commands/index.ts';

// One program whose role (demo, serve, worker, sandbox, sync…) is chosen by its sub-command.
const program = new Command('juchu')
  .description('受注管理システム for Rakuten Ichiba shops under 楽天ペイ')
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(text.split('\n')[0] + '\n') });

for (const register of commands) register(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // --help and --version end here too, with exit code 0.
    process.exit(err.exitCode === 0 ? 0 : 2);
  }
  throw err;
}
