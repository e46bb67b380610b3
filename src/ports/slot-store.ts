/**
 * Where the RMS rate limit keeps its reservations: memory for one process
 * (`MemorySlotStore` in src/rms/rate-limiter.ts), a database row for every process on the same
 * database (`DatabaseSlotStore` in src/store/sync-rate-limits.ts). A port, so the store
 * implements it without depending on the RMS client.
 */
export interface SlotStore {
  /** Reserves the next slot for `key` at least `intervalMs` after the previous one; returns its start. */
  reserve(key: string, intervalMs: number, nowMs: number): Promise<number>;
}
