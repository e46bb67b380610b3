import type { Generated } from 'kysely';
import type { IsoInstant } from './tables.ts';

/** Rows of the tables migration 0003_auth creates. */
export interface SessionTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: IsoInstant;
  last_seen_at: IsoInstant;
}

export interface LoginFailureTable {
  id: Generated<number>;
  throttle_key: string;
  at: IsoInstant;
}

declare module './tables.ts' {
  interface Tables {
    sessions: SessionTable;
    login_failures: LoginFailureTable;
  }
}
