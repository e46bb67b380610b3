import { Option } from 'commander';
import type { Command } from 'commander';
import { ROLES } from '../../app/roles.ts';
import { CLI_ACTOR, withApp } from './with-app.ts';
import { collect } from './options.ts';

interface UserAddOptions {
  email: string;
  password: string;
  role: string;
  name?: string;
  shop?: string[];
}

export function registerUser(program: Command): void {
  const user = program.command('user').description('staff accounts');

  user
    .command('add')
    .description('create a staff account')
    .requiredOption('--email <email>', 'login email')
    .requiredOption('--password <password>', 'password (at least 12 characters)')
    .addOption(new Option('--role <role>', 'what the account may do').choices(ROLES).makeOptionMandatory())
    .option('--name <name>', 'display name (default: the email)')
    .option('--shop <code>', 'a shop the account works on (repeat for several)', collect)
    .action((opts: UserAddOptions) =>
      withApp({ email: '--email', password: '--password', role: '--role', shop: '--shop', name: '--name' }, async (app) => {
        const added = await app.users.add(
          { email: opts.email, password: opts.password, role: opts.role, shopCodes: opts.shop ?? [], ...(opts.name && { name: opts.name }) },
          CLI_ACTOR,
        );
        const shops = added.shopCodes.length > 0 ? added.shopCodes.join(', ') : 'no shops yet';
        process.stdout.write(`user ${added.email} added as ${added.role} (${shops})\n`);
      }),
    );
}
