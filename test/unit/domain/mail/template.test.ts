import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterAttempt, MAX_MAIL_ATTEMPTS, triggeredMailDueAt, type SendOutcome } from '../../../../src/domain/mail/mail.ts';
import { PLACEHOLDER_NAMES, placeholderValues } from '../../../../src/domain/mail/placeholders.ts';
import { hasControlCharacter, MAX_TEMPLATE_BYTES, parseTemplate, renderTemplate } from '../../../../src/domain/mail/template.ts';
import { checkMailAddress, isMailAddress } from '../../../../src/domain/mail/address.ts';
import { classifySmtpError } from '../../../../src/app/mail/smtp-transport.ts';
import { errorCode, order, pkg } from '../fixtures.ts';

const sender = { shopName: 'テスト店', signature: '署名' };

function render(subject: string, body: string, o = order()) {
  const values = placeholderValues(o, sender);
  const carriers = new Set(o.packages.flatMap((p) => p.shipments.map((s) => s.deliveryCompany)));
  return renderTemplate(parseTemplate({ subject, body }), { values, carrierCodes: carriers, paymentMethod: o.settlement.methodName });
}

describe('mail templates', () => {
  it('fills every placeholder', () => {
    const body = PLACEHOLDER_NAMES.map((n) => `${n}={{${n}}}`).join('\n');
    const out = render('{{order_number}}', body);
    expect(out.subject).toBe(order().orderNumber);
    expect(out.body).not.toContain('{{');
    expect(out.body).toContain('shop_name=テスト店');
  });

  it('refuses unknown placeholders (naming them), broken braces and unbalanced blocks', () => {
    expect(errorCode(() => parseTemplate({ subject: 's', body: '{{order_numbr}} {{buyer}}' }))).toBe('MAIL_PLACEHOLDER_UNKNOWN');
    expect(() => parseTemplate({ subject: 's', body: '{{buyer}}' })).toThrow(/\{\{buyer\}\}/);
    for (const body of ['{{order_number', 'a {{ b', '{{#carrier 1001}}x', 'x{{/carrier}}', '{{#carrier 9999}}x{{/carrier}}', '{{#payment }}x{{/payment}}', '{{Order Number}}', '{{#carrier 1001}}{{/payment}}']) {
      expect(errorCode(() => parseTemplate({ subject: 's', body })), body).toBe('MAIL_TEMPLATE_INVALID');
    }
  });

  it('has its own error over 64 KB, counted in UTF-8 bytes', () => {
    const kana = 'あ'.repeat(Math.floor(MAX_TEMPLATE_BYTES / 3));
    expect(errorCode(() => parseTemplate({ subject: '', body: kana }))).toBeNull();
    expect(errorCode(() => parseTemplate({ subject: 'ああ', body: kana }))).toBe('MAIL_TEMPLATE_TOO_LARGE');
  });

  it('refuses a line break in the subject and folds multi-line values onto one line there', () => {
    expect(errorCode(() => parseTemplate({ subject: 'a\r\nBcc: x@example.com', body: '' }))).toBe('MAIL_HEADER_INJECTION');
    const two = order({ packages: [pkg(), pkg({ basketId: 2 })] });
    expect(render('{{items}}', '', two).subject).not.toMatch(/[\r\n]/);
  });

  it('shows carrier and payment blocks only where they apply', () => {
    const yamato = order({ packages: [pkg({ shipments: [{ shippingDetailId: 1, deliveryCompany: '1001', shippingNumber: '123456789012', shippingDate: '2026-11-21' }] })] });
    const body = '{{#carrier ヤマト運輸,1030}}Y{{/carrier}}{{#carrier 1002}}S{{/carrier}}{{#payment 銀行振込}}B{{/payment}}{{#payment クレジットカード}}C{{/payment}}';
    expect(render('s', body, yamato).body).toBe(`Y${yamato.settlement.methodName === '銀行振込' ? 'B' : ''}${yamato.settlement.methodName === 'クレジットカード' ? 'C' : ''}`);
    expect(render('s', '{{tracking_urls}}', yamato).body).toBe('https://member.kms.kuronekoyamato.co.jp/parcel/detail?pno=123456789012');
  });

  it('renders any text without placeholders as itself, and never leaves a line break in the subject (property)', () => {
    const plain = fc.string().filter((s) => !s.includes('{{') && !hasControlCharacter(s));
    fc.assert(
      fc.property(plain, fc.string().filter((s) => !s.includes('{{')), (subject, body) => {
        const out = render(subject, body);
        expect(out.subject).toBe(subject.trim());
        expect(out.body).toBe(body.replace(/\r\n?/g, '\n'));
      }),
    );
  });
});

describe('mail states', () => {
  const now = new Date('2026-11-20T01:00:00Z');
  it('never re-queues an unknown outcome, fails a refusal, retries a deferral with growing delays up to a limit (property)', () => {
    const outcome = fc.oneof(
      fc.record({ kind: fc.constant('accepted' as const), response: fc.string() }),
      fc.record({ kind: fc.constant('refused' as const), code: fc.integer({ min: 500, max: 599 }), response: fc.string() }),
      fc.record({ kind: fc.constant('deferred' as const), code: fc.option(fc.integer({ min: 400, max: 499 })), response: fc.string() }),
      fc.record({ kind: fc.constant('unknown' as const), response: fc.string() }),
    );
    fc.assert(
      fc.property(outcome, fc.integer({ min: 1, max: 20 }), (o: SendOutcome, attempts) => {
        const next = afterAttempt(o, attempts, now);
        if (o.kind === 'unknown') expect(next).toEqual({ state: 'unknown', retryAt: null });
        if (o.kind === 'refused') expect(next.state).toBe('failed');
        if (o.kind === 'accepted') expect(next.state).toBe('sent');
        if (o.kind === 'deferred') {
          expect(next.state).toBe(attempts >= MAX_MAIL_ATTEMPTS ? 'failed' : 'queued');
          if (next.retryAt) expect(next.retryAt.getTime()).toBeGreaterThan(now.getTime());
        }
      }),
    );
  });

  it('waits out the buyer’s 30-minute window before thanking for an order awaiting confirmation', () => {
    const orderedAt = new Date(now.getTime() - 10 * 60_000);
    expect(triggeredMailDueAt('orderTaken', { status: 'awaiting_confirmation', orderedAt }, now, 0).toISOString()).toBe('2026-11-20T01:20:00.000Z');
    expect(triggeredMailDueAt('orderTaken', { status: 'rakuten_processing', orderedAt }, now, 0)).toEqual(now);
    expect(triggeredMailDueAt('shipped', { status: 'shipped', orderedAt }, now, 60_000).getTime()).toBe(now.getTime() + 60_000);
  });

  it('classifies SMTP failures for at-most-once delivery', () => {
    expect(classifySmtpError(Object.assign(new Error('x'), { responseCode: 552, response: '552 5.2.0 sender rejected' }), false)).toMatchObject({ kind: 'refused', code: 552 });
    expect(classifySmtpError(Object.assign(new Error('x'), { responseCode: 451, response: '451 try later' }), true)).toMatchObject({ kind: 'deferred', code: 451 });
    expect(classifySmtpError(Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION' }), true).kind).toBe('unknown');
    expect(classifySmtpError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }), false).kind).toBe('deferred');
  });

  it('takes bare addresses only', () => {
    expect(isMailAddress('0a1b2c3ds1@pc.fw.rakuten.ne.jp')).toBe(true);
    for (const bad of ['a@b', 'x <a@b.jp>', 'a@b.jp, c@d.jp', 'a@b.jp\r\nBcc: c@d.jp', '', 'a..b@c.jp']) expect(isMailAddress(bad), bad).toBe(false);
    expect(errorCode(() => checkMailAddress('to', 'a@b.jp\nBcc: c@d.jp'))).toBe('MAIL_HEADER_INJECTION');
  });
});
