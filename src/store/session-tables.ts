import type { IsoInstant } from './tables.ts';

/** Rows of the tables migration 0003_auth creates. */
export interface SessionTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: IsoInstant;
  last_seen_at: IsoInstant;
}

/** Rows of migration 0008_login_attempts: attempts counted per account and client address. */
export interface LoginAttemptTable {
  throttle_key: string;
  window_started_at: IsoInstant;
  attempts: number;
}

declare module './tables.ts' {
  interface Tables {
    sessions: SessionTable;
    login_attempts: LoginAttemptTable;
  }
}
