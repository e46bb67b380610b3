/**
 * The sync worker owns the run record's fields (docs/SYNC.md) and the API passes it through
 * as a loose object; this reads it defensively so the page keeps working as it grows.
 */
export interface SyncRunView {
  id: string;
  shopCode: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  ok: boolean | null;
  counts: { name: string; value: number }[];
  cancelledOrderNumbers: string[];
  messages: { orderNumber: string | null; level: string | null; text: string }[];
}

const COUNT_NAMES = ['imported', 'updated', 'pushed', 'failed', 'cancelled', 'skipped', 'quarantined'] as const;

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function toSyncRunView(raw: unknown, index: number): SyncRunView {
  const run = record(raw);
  const countSource = { ...run, ...record(run.counts) };
  const counts = COUNT_NAMES.flatMap((name) => {
    const value = countSource[name];
    if (typeof value === 'number') return [{ name, value }];
    if (Array.isArray(value)) return [{ name, value: value.length }];
    return [];
  });
  const cancelled = Array.isArray(run.cancelledOrderNumbers) ? run.cancelledOrderNumbers : Array.isArray(run.cancelled) ? run.cancelled : [];
  const messages = (Array.isArray(run.messages) ? run.messages : []).map((m) => {
    const message = record(m);
    return {
      orderNumber: str(message.orderNumber),
      level: str(message.level ?? message.severity ?? message.kind),
      text: str(message.message ?? message.text ?? message.messageJa) ?? JSON.stringify(m),
    };
  });
  const failed = counts.find((c) => c.name === 'failed')?.value;
  return {
    id: str(run.id ?? run.runId) ?? String(index),
    shopCode: str(run.shopCode ?? run.shop),
    startedAt: str(run.startedAt ?? run.at),
    finishedAt: str(run.finishedAt ?? run.endedAt),
    ok: typeof run.ok === 'boolean' ? run.ok : failed === undefined ? null : failed === 0,
    counts,
    cancelledOrderNumbers: cancelled.map((n) => String(n)),
    messages,
  };
}
