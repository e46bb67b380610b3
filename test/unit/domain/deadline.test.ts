import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { confirmationDeadline, deadlineStatus } from '../../../src/domain/deadline.ts';
import { jstDate, toJstIso } from '../../../src/domain/jst.ts';
import { licenseExpiryWarning } from '../../../src/domain/shop.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Instants from 2019 (楽天ペイ's start) to 2035. */
const instant = fc.integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2035, 0, 1) }).map((ms) => new Date(ms));

describe('注文確認期限', () => {
  it('falls 14 days after the order, at the same JST time', () => {
    // Ordered 2026-11-20 23:30 JST, which is still the 20th in JST but the 20th 14:30 in UTC.
    const orderedAt = new Date('2026-11-20T14:30:00Z');
    expect(toJstIso(confirmationDeadline(orderedAt))).toBe('2026-12-04T23:30:00+09:00');
    // Across a month and a year end.
    expect(toJstIso(confirmationDeadline(new Date('2026-12-25T00:00:00+09:00')))).toBe('2027-01-08T00:00:00+09:00');
  });

  it('property: the deadline is the order’s JST calendar day plus 14, at the same JST wall-clock time', () => {
    fc.assert(
      fc.property(instant, (orderedAt) => {
        const deadline = confirmationDeadline(orderedAt);
        const day = new Date(`${jstDate(orderedAt)}T00:00:00Z`);
        expect(jstDate(deadline)).toBe(new Date(day.getTime() + 14 * DAY).toISOString().slice(0, 10));
        expect(toJstIso(deadline).slice(11)).toBe(toJstIso(orderedAt).slice(11));
      }),
    );
  });

  it('grades urgency: overdue at the deadline, critical under 24 h, warning under 72 h', () => {
    const deadline = new Date('2026-12-04T14:30:00Z');
    const at = (msBefore: number) => deadlineStatus(deadline, new Date(deadline.getTime() - msBefore));
    expect(at(0)).toEqual({ msLeft: 0, daysLeft: 0, hoursLeft: 0, urgency: 'overdue' });
    expect(at(-90 * 60_000)).toMatchObject({ daysLeft: 0, hoursLeft: -1, urgency: 'overdue' });
    expect(at(1)).toMatchObject({ hoursLeft: 0, urgency: 'critical' });
    expect(at(24 * HOUR - 1)).toMatchObject({ daysLeft: 0, hoursLeft: 23, urgency: 'critical' });
    expect(at(24 * HOUR)).toMatchObject({ daysLeft: 1, urgency: 'warning' });
    expect(at(72 * HOUR - 1)).toMatchObject({ daysLeft: 2, hoursLeft: 71, urgency: 'warning' });
    expect(at(72 * HOUR)).toMatchObject({ daysLeft: 3, urgency: 'normal' });
  });

  it('property: days and hours are the remaining time in whole units, and urgency only grows as time passes', () => {
    const order = ['normal', 'warning', 'critical', 'overdue'];
    fc.assert(
      fc.property(instant, fc.integer({ min: -20 * DAY, max: 20 * DAY }), fc.nat(5 * DAY), (deadline, offset, later) => {
        const now = new Date(deadline.getTime() - offset);
        const s = deadlineStatus(deadline, now);
        expect(s.msLeft).toBe(offset);
        expect(Math.abs(s.hoursLeft * HOUR)).toBeLessThanOrEqual(Math.abs(offset));
        expect(Math.abs(offset) - Math.abs(s.hoursLeft * HOUR)).toBeLessThan(HOUR);
        expect(Math.abs(offset) - Math.abs(s.daysLeft * DAY)).toBeLessThan(DAY);
        const afterwards = deadlineStatus(deadline, new Date(now.getTime() + later));
        expect(order.indexOf(afterwards.urgency)).toBeGreaterThanOrEqual(order.indexOf(s.urgency));
      }),
    );
  });
});

describe('license key expiry', () => {
  const now = new Date('2026-11-28T00:00:00Z');
  const expiring = (ms: number | null) => licenseExpiryWarning({ licenseKeyExpiresAt: ms === null ? null : new Date(now.getTime() + ms) }, now);

  it('warns 14, 7 and 1 day ahead and once expired', () => {
    expect(expiring(null)).toEqual({ level: 'ok', daysLeft: null });
    expect(expiring(30 * DAY)).toEqual({ level: 'ok', daysLeft: 30 });
    expect(expiring(14 * DAY)).toEqual({ level: '14d', daysLeft: 14 });
    expect(expiring(7 * DAY + 1)).toEqual({ level: '14d', daysLeft: 8 });
    expect(expiring(7 * DAY)).toEqual({ level: '7d', daysLeft: 7 });
    expect(expiring(HOUR)).toEqual({ level: '1d', daysLeft: 1 });
    expect(expiring(0)).toEqual({ level: 'expired', daysLeft: 0 });
    expect(expiring(-DAY)).toEqual({ level: 'expired', daysLeft: 0 });
  });
});
