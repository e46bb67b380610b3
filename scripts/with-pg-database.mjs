#!/usr/bin/env node
// Runs a command (the test suite) against PostgreSQL: `node scripts/with-pg-database.mjs vitest run`.
// Tests create their own databases next to JUCHU_TEST_DATABASE_URL, named with this run's
// prefix, so whatever a crashed test leaves behind is dropped here. No PostgreSQL → failure.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const baseUrl = process.env.JUCHU_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const prefix = `juchu_t_${randomBytes(3).toString('hex')}_`;
const command = process.argv.slice(2);
if (command.length === 0) {
  console.error('usage: node scripts/with-pg-database.mjs <command> [args…] (normally via npm run test:pg)');
  process.exit(2);
}

async function admin(fn) {
  const client = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

try {
  const { rows } = await admin((c) => c.query('select version() as v'));
  console.error(`PostgreSQL at ${new URL(baseUrl).host}: ${rows[0].v.split(',')[0]}`);
} catch (err) {
  console.error(`FAIL: PostgreSQL is not reachable at ${baseUrl} (${err.message}). The PostgreSQL suite cannot run.`);
  process.exit(1);
}

// npm puts node_modules/.bin on PATH for `npm run test:pg`; so does this, for a direct call.
const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '.bin');
const run = spawnSync(command[0], command.slice(1), {
  stdio: 'inherit',
  env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`, JUCHU_TEST_DATABASE_URL: baseUrl, JUCHU_TEST_DATABASE_PREFIX: prefix },
});
if (run.error) console.error(`FAIL: could not start ${command[0]}: ${run.error.message}`);

await admin(async (c) => {
  const { rows } = await c.query('select datname from pg_database where starts_with(datname, $1)', [prefix]);
  for (const { datname } of rows) await c.query(`drop database if exists "${datname}" with (force)`);
});

process.exit(run.status ?? 1);
