import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RMS_PROGRESSES } from '../../../src/domain/status.ts';
import type { OrderStatus } from '../../../src/domain/status.ts';
import { allowedActions, transition } from '../../../src/domain/transitions.ts';
import type { OrderEvent, StaffAction, StatusState } from '../../../src/domain/transitions.ts';

/**
 * The states an order may ever be in, written down independently of the table: the lifecycle
 * statuses without a hold, and 保留 over any status before shipping.
 */
const LIFECYCLE: readonly OrderStatus[] = ['awaiting_confirmation', 'confirmation_queued', 'rakuten_processing', 'new', 'shipped', 'completed', 'cancelled'];
const HOLDABLE: readonly OrderStatus[] = ['awaiting_confirmation', 'confirmation_queued', 'rakuten_processing', 'new'];
const ALLOWED = new Set([...LIFECYCLE.map((s) => `${s}|null`), ...HOLDABLE.map((s) => `on_hold|${s}`)]);

const key = (s: StatusState): string => `${s.status}|${s.statusBeforeHold}`;
const beneath = (s: StatusState): OrderStatus => (s.status === 'on_hold' ? (s.statusBeforeHold as OrderStatus) : s.status);
const rank = (s: StatusState): number => LIFECYCLE.indexOf(beneath(s));

const progress = fc.constantFrom(...RMS_PROGRESSES);
const LOCAL_EVENTS: readonly OrderEvent[] = [
  { type: 'staffConfirmed' },
  { type: 'confirmationAccepted' },
  { type: 'confirmationFoundCancelled' },
  { type: 'shipmentRegistered' },
  { type: 'partialShipmentRegistered' },
  { type: 'held' },
  { type: 'released' },
  { type: 'staffCancelled' },
];
const EVERY_EVENT: readonly OrderEvent[] = [...LOCAL_EVENTS, ...RMS_PROGRESSES.map((p) => ({ type: 'rmsProgressChanged' as const, progress: p }))];
const event: fc.Arbitrary<OrderEvent> = fc.constantFrom(...EVERY_EVENT);

function start(p: (typeof RMS_PROGRESSES)[number]): StatusState {
  const imported = transition(null, { type: 'imported', progress: p });
  if (!imported.ok) throw new Error('import refused');
  return imported.state;
}

/** Every state some sequence of events reaches, with the sequences' intermediate states. */
const walk = fc.tuple(progress, fc.array(event, { maxLength: 40 })).map(([p, events]) => {
  const states = [start(p)];
  for (const e of events) {
    const r = transition(states[states.length - 1] as StatusState, e);
    if (r.ok) states.push(r.state);
  }
  return states;
});

const STAFF_EVENTS: ReadonlyArray<readonly [StaffAction, OrderEvent]> = [
  ['confirm', { type: 'staffConfirmed' }],
  ['registerShipment', { type: 'shipmentRegistered' }],
  ['hold', { type: 'held' }],
  ['release', { type: 'released' }],
  ['cancel', { type: 'staffCancelled' }],
];

describe('the transition table', () => {
  it('never reaches a state outside the allowed set', () => {
    fc.assert(
      fc.property(walk, (states) => {
        for (const s of states) expect(ALLOWED.has(key(s)), key(s)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never moves an order back: the status beneath any hold only goes forward, and cancelled is terminal', () => {
    fc.assert(
      fc.property(walk, (states) => {
        for (let i = 1; i < states.length; i++) {
          const [before, after] = [states[i - 1] as StatusState, states[i] as StatusState];
          expect(rank(after)).toBeGreaterThanOrEqual(rank(before));
          if (before.status === 'cancelled') expect(after).toEqual(before);
        }
      }),
    );
  });

  it('refuses every staff event the status does not offer, and accepts every one it does', () => {
    fc.assert(
      fc.property(walk, (states) => {
        for (const s of states) {
          for (const [action, e] of STAFF_EVENTS) {
            expect(transition(s, e).ok, `${key(s)} ${action}`).toBe(allowedActions(s).includes(action));
          }
        }
      }),
    );
  });

  it('never loses a cancellation found in RMS: the order ends in キャンセル', () => {
    fc.assert(
      fc.property(walk, fc.constantFrom(800, 900), (states, cancelled) => {
        const last = states[states.length - 1] as StatusState;
        const found = transition(last, { type: 'rmsProgressChanged', progress: cancelled as 800 | 900 });
        expect(found.ok).toBe(true);
        if (!found.ok) return;
        // 注文確認待ち takes the seed's path: the queued confirmation's answer settles it.
        const settled = beneath(found.state) === 'confirmation_queued' ? transition(found.state, { type: 'confirmationFoundCancelled' }) : found;
        expect(settled.ok && settled.state).toEqual({ status: 'cancelled', statusBeforeHold: null });
      }),
    );
  });

  it('reaches exactly the allowed states, found by trying every event from every state', () => {
    const seen = new Map<string, StatusState>();
    const queue = RMS_PROGRESSES.map(start);
    for (let s = queue.pop(); s !== undefined; s = queue.pop()) {
      if (seen.has(key(s))) continue;
      seen.set(key(s), s);
      for (const e of EVERY_EVENT) {
        const r = transition(s, e);
        if (r.ok) queue.push(r.state);
      }
    }
    expect([...seen.keys()].sort()).toEqual([...ALLOWED].sort());
  });

  it('imports each RMS progress into the status the seed names', () => {
    expect(RMS_PROGRESSES.map((p) => start(p).status)).toEqual([
      'awaiting_confirmation',
      'rakuten_processing',
      'new',
      'new',
      'completed',
      'completed',
      'completed',
      'cancelled',
      'cancelled',
    ]);
  });
});
