import { Option } from 'commander';
import type { Command } from 'commander';
import { ROLES } from '../../app/roles.ts';
import { CLI_REQUESTER } from '../../app/admin/requester.ts';
import { toJstIso } from '../../domain/jst.ts';
import { collect } from './options.ts';
import { formatTable } from './shop.ts';
import { withApp } from './with-app.ts';

export function registerToken(program: Command): void {
  const token = program.command('token').description('API tokens for scripts');

  token
    .command('create')
    .description('create an API token; it is printed once, alone on the last line')
    .requiredOption('--name <name>', 'what the token is for')
    .addOption(new Option('--role <role>', 'what the token may do').choices(ROLES).makeOptionMandatory())
    .option('--shop <code>', 'a shop the token may see (repeat for several; none: every shop)', collect)
    .action((opts: { name: string; role: string; shop?: string[] }) =>
      withApp({ name: '--name', role: '--role', shops: '--shop' }, async (app) => {
        const created = await app.tokens.create({ name: opts.name, role: opts.role, shopCodes: opts.shop ?? null }, CLI_REQUESTER);
        const scope = created.identity.shopCodes ? created.identity.shopCodes.join(', ') : 'every shop';
        process.stdout.write(`token "${created.identity.name}" (${created.identity.role}, ${scope}); it is shown only now, store it safely:\n`);
        process.stdout.write(`${created.token}\n`);
      }),
    );

  token
    .command('list')
    .description('API tokens with role, shops, creator, creation, last use and revocation (never the token)')
    .action(() =>
      withApp({}, async (app) => {
        const tokens = await app.tokens.list(CLI_REQUESTER);
        if (tokens.length === 0) {
          process.stdout.write('no API tokens yet: create one with `juchu token create`\n');
          return;
        }
        const day = (d: Date | null) => (d ? toJstIso(d).slice(0, 16).replace('T', ' ') : '-');
        process.stdout.write(
          formatTable(
            ['id', 'name', 'role', 'shops', 'created by', 'created', 'last used', 'revoked'],
            tokens.map((t) => [t.id, t.name, t.role, t.shopCodes ? t.shopCodes.join(',') : 'all', t.createdBy ?? '-', day(t.createdAt), day(t.lastUsedAt), day(t.revokedAt)]),
          ),
        );
      }),
    );

  token
    .command('revoke')
    .description('revoke an API token at once (its id from `juchu token list`)')
    .argument('<id>', 'token id')
    .action((id: string) =>
      withApp({}, async (app) => {
        const revoked = await app.tokens.revoke(id, CLI_REQUESTER);
        process.stdout.write(`token "${revoked.name}" revoked\n`);
      }),
    );
}
