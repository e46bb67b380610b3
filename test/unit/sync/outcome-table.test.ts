import { describe, expect, it } from 'vitest';
import {
  RmsAuthError,
  RmsInvalidRequestError,
  RmsMalformedError,
  RmsOutcomeUnknownError,
  RmsRejectedError,
  RmsUnavailableError,
  type RmsError,
  type RmsErrorKind,
} from '../../../src/rms/errors.ts';
import { goOnWithoutAnswer, OUTCOME_TABLE, outcomeCase, runStopCode, stopsShop, writeFate, type OutcomeCase } from '../../../src/sync/decide/outcome-table.ts';

/** One error of every kind RMS failures come in; a new kind without a sample fails the typecheck here. */
const SAMPLES: Record<RmsErrorKind, RmsError> = {
  auth: new RmsAuthError('getOrder', 401, 'ES01-01'),
  unavailable: new RmsUnavailableError('getOrder', 503, 'maintenance'),
  outcomeUnknown: new RmsOutcomeUnknownError('updateOrderSender', null, 'connection reset'),
  rejected: new RmsRejectedError('confirmOrder', 400, [{ messageType: 'ERROR', messageCode: 'ORDER_EXT_API_CONFIRM_ORDER_ERROR_105', message: '金額が未確定です', orderNumber: '1' }]),
  invalidRequest: new RmsInvalidRequestError('updateOrderShipping', 'shippingDate missing'),
  malformed: new RmsMalformedError('updateOrderMemo', 200, 'not JSON'),
};
const TIMED_OUT = new RmsOutcomeUnknownError('updateOrderShipping', null, 'timeout', true);

/**
 * What the sync worker has always done with each, read off the functions callers use:
 * the write's fate / the read's fate / the shop's run / the run's code.
 */
const EXPECTED: Record<OutcomeCase, string> = {
  auth: 'holdBack / holdBack / stop / RMS_AUTH_FAILED',
  unavailable: 'retryLater / retryLater / continue / RMS_UNAVAILABLE',
  outcomeUnknown: 'reread / retryLater / continue / RMS_UNAVAILABLE',
  outcomeUnknownTimedOut: 'awaitResult / retryLater / continue / RMS_UNAVAILABLE',
  rejected: 'refuse / retryLater / continue / RMS_UNAVAILABLE',
  invalidRequest: 'refuse / retryLater / continue / RMS_UNAVAILABLE',
  malformed: 'reread / retryLater / continue / RMS_UNAVAILABLE',
};

/** `holdBack` when the call rethrows (the shop stops), else what it answers. */
function orHoldBack(decide: () => string | void, fallback: string): string {
  try {
    return decide() ?? fallback;
  } catch {
    return 'holdBack';
  }
}

const ALL: [OutcomeCase, RmsError][] = [...(Object.entries(SAMPLES) as [RmsErrorKind, RmsError][]), ['outcomeUnknownTimedOut', TIMED_OUT]];

describe('the RMS outcome decision table', () => {
  it('has a row for every error kind and nothing else', () => {
    expect(Object.keys(OUTCOME_TABLE).sort()).toEqual(ALL.map(([c]) => c).sort());
  });

  it.each(ALL)('walks a %s error through the table', (expected, err) => {
    expect(outcomeCase(err)).toBe(expected);
    const behaviour = [orHoldBack(() => writeFate(err), ''), orHoldBack(() => goOnWithoutAnswer(err), 'retryLater'), stopsShop(err) ? 'stop' : 'continue', runStopCode(err)];
    expect(behaviour.join(' / ')).toBe(EXPECTED[expected]);
    expect(OUTCOME_TABLE[expected].write).toBe(behaviour[0]);
  });

  it('rethrows anything that is not an RMS outcome', () => {
    const bug = new TypeError('a bug');
    expect(() => writeFate(bug)).toThrow(bug);
    expect(() => goOnWithoutAnswer(bug)).toThrow(bug);
    expect(stopsShop(bug)).toBe(false);
    expect(runStopCode(bug)).toBeNull();
  });
});
