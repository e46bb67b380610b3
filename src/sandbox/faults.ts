import { z } from 'zod';
import { isOperationName, READ_OPERATIONS, type OperationName } from '../rms/wire/index.ts';
import { parseInstant } from './iso.ts';
import type { Random } from './random.ts';

const rate = z.number().min(0).max(1);
const instant = z.string().refine((s) => parseInstant(s) !== null);

/**
 * Injected failures. Random ones draw from the sandbox's fault generator, so the same seed
 * and the same sequence of calls fail the same way.
 */
export const faultSettingsSchema = z.object({
  /** Share of RMS calls answered with a 5xx before anything is applied. */
  errorRate5xx: rate,
  /** Which 5xx status those get. */
  error5xxStatus: z.union([z.literal(500), z.literal(502), z.literal(503)]),
  /** Body of injected 5xx answers: gateway-style JSON, an HTML page, nothing, or cut-off JSON. */
  errorBody: z.enum(['json', 'html', 'empty', 'malformed']),
  /** Windows (sandbox clock) in which every RMS call gets 503. */
  maintenance: z.union([z.object({ from: instant, to: instant }), z.array(z.object({ from: instant, to: instant })), z.null()]),
  /** Share of write calls that are applied and recorded, after which the connection is dropped unanswered. */
  dropAfterApplyRate: rate,
  /** Share of successful answers whose body is replaced by cut-off JSON (status kept). */
  malformedBodyRate: rate,
  /** Requests per second per license key before refusing; 0 = unlimited. */
  rateLimitPerSecond: z.number().min(0),
  /** Status of a rate-limited call. */
  rateLimitStatus: z.union([z.literal(429), z.literal(503)]),
  /** Delay added before every RMS answer. */
  latencyMs: z.number().int().min(0).max(60_000),
  /** Restrict random faults and latency to these operations; null = all. */
  operations: z.array(z.string().refine(isOperationName)).nullable(),
  /** Mail relay: share of messages refused with a 5xx after their data arrived (nothing stored). */
  mailRefuseRate: rate,
  /** Mail relay: share of messages stored and then left unanswered, the connection cut (the sender cannot know). */
  mailDropAfterDataRate: rate,
  /** Mail relay: delay before answering a message's data. */
  mailLatencyMs: z.number().int().min(0).max(60_000),
  /** Re-seed the fault generator. */
  seed: z.number().int().optional(),
});
export type FaultSettings = z.infer<typeof faultSettingsSchema>;

export const DEFAULT_FAULTS: FaultSettings = {
  errorRate5xx: 0,
  error5xxStatus: 500,
  errorBody: 'json',
  maintenance: null,
  dropAfterApplyRate: 0,
  malformedBodyRate: 0,
  rateLimitPerSecond: 0,
  rateLimitStatus: 429,
  latencyMs: 0,
  operations: null,
  mailRefuseRate: 0,
  mailDropAfterDataRate: 0,
  mailLatencyMs: 0,
};

export const faultSettingsPatchSchema = faultSettingsSchema.partial();

function toInstant(text: string): number {
  return (parseInstant(text) as Date).getTime();
}

export function inMaintenance(faults: FaultSettings, now: Date): boolean {
  const windows = faults.maintenance === null ? [] : Array.isArray(faults.maintenance) ? faults.maintenance : [faults.maintenance];
  const t = now.getTime();
  return windows.some((w) => toInstant(w.from) <= t && t < toInstant(w.to));
}

export function targets(faults: FaultSettings, operation: OperationName): boolean {
  return faults.operations === null || faults.operations.includes(operation);
}

export function drawsError5xx(faults: FaultSettings, operation: OperationName, random: Random): boolean {
  return targets(faults, operation) && random.chance(faults.errorRate5xx);
}

export function drawsDrop(faults: FaultSettings, operation: OperationName, random: Random): boolean {
  return !READ_OPERATIONS.has(operation) && targets(faults, operation) && random.chance(faults.dropAfterApplyRate);
}

export function drawsMalformed(faults: FaultSettings, operation: OperationName, random: Random): boolean {
  return targets(faults, operation) && random.chance(faults.malformedBodyRate);
}

/**
 * Fixed one-second windows per license key, on the wall clock: a rate limit is about real
 * request pacing, which a frozen sandbox clock would never refill.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { second: number; count: number }>();

  allow(licenseKey: string, perSecond: number, nowMs: number = Date.now()): boolean {
    if (perSecond <= 0) return true;
    const second = Math.floor(nowMs / 1000);
    const w = this.windows.get(licenseKey);
    if (!w || w.second !== second) {
      this.windows.set(licenseKey, { second, count: 1 });
      return true;
    }
    w.count++;
    return w.count <= perSecond;
  }

  clear(): void {
    this.windows.clear();
  }
}

const FAULT_HTML = '<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>';

/** Body and content type of an injected 5xx. The JSON code is prefixed SB so no one mistakes it for Rakuten's. */
export function faultBody(faults: FaultSettings, status: number): { contentType: string; body: string } {
  switch (faults.errorBody) {
    case 'html':
      return { contentType: 'text/html; charset=utf-8', body: FAULT_HTML };
    case 'empty':
      return { contentType: 'application/json;charset=utf-8', body: '' };
    case 'malformed':
      return { contentType: 'application/json;charset=utf-8', body: '{"MessageModelList":[{"messageType":"ERR' };
    case 'json':
      return { contentType: 'application/json;charset=utf-8', body: JSON.stringify({ Results: { errorCode: `SB-${status}`, message: status === 503 ? 'Service Unavailable' : 'Internal Server Error' } }) };
  }
}
