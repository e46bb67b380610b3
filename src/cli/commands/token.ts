import { Option } from 'commander';
import type { Command } from 'commander';
import { ROLES } from '../../app/roles.ts';
import { CLI_ACTOR, withApp } from './with-app.ts';

export function registerToken(program: Command): void {
  const token = program.command('token').description('API tokens for scripts');

  token
    .command('create')
    .description('create an API token; it is printed once, alone on the last line')
    .requiredOption('--name <name>', 'what the token is for')
    .addOption(new Option('--role <role>', 'what the token may do').choices(ROLES).makeOptionMandatory())
    .action((opts: { name: string; role: string }) =>
      withApp({ name: '--name', role: '--role' }, async (app) => {
        const created = await app.tokens.create({ name: opts.name, role: opts.role }, CLI_ACTOR);
        process.stdout.write(`token "${created.identity.name}" (${created.identity.role}); it is shown only now, store it safely:\n`);
        process.stdout.write(`${created.token}\n`);
      }),
    );
}
