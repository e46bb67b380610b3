import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Database } from '../src/store/database.ts';

/** Linux counts process CPU time in ticks of 1/100 s (`getconf CLK_TCK`). */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, from /proc; 0 once it is gone. */
export function cpuSecondsOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces; the fields counted here start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds of each PostgreSQL backend serving `db`'s database, by pid, other than the one
 * asking: the server's work for the juchu processes. Only works with the server on this machine.
 */
export async function postgresBackendCpu(db: Database): Promise<Map<number, number>> {
  const { rows } = await sql<{ pid: number }>`
    select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`.execute(db.kysely);
  return new Map(rows.map((r) => [r.pid, cpuSecondsOf(r.pid)]));
}
