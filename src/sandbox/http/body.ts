/** Request bodies arrive as text (one parser for every content type) and are parsed here, so bad JSON gets an RMS answer, not Fastify's. */
export type ParsedBody = { ok: true; value: unknown } | { ok: false };

export function parseJsonBody(raw: unknown): ParsedBody {
  if (raw === undefined || raw === null || raw === '') return { ok: true, value: undefined };
  if (typeof raw !== 'string') return { ok: true, value: raw };
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    return { ok: false };
  }
}

/** Order numbers a request names, so the ledger can be filtered by order even for refused calls. */
export function orderNumbersIn(body: unknown): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const b = body as { orderNumber?: unknown; orderNumberList?: unknown; OrderShippingModelList?: unknown };
  const found: unknown[] = [b.orderNumber];
  if (Array.isArray(b.orderNumberList)) found.push(...b.orderNumberList);
  if (Array.isArray(b.OrderShippingModelList)) found.push(...b.OrderShippingModelList.map((o: { orderNumber?: unknown } | null) => o?.orderNumber));
  return found.filter((n): n is string => typeof n === 'string');
}
