import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, draftFromForm, formFromRule } from './rule-form.ts';

describe('the rule editor’s fields ⇄ the rule sent to the server', () => {
  it('sends only the conditions filled in, lists split on commas (、 too), flags only when chosen', () => {
    const draft = draftFromForm({ ...EMPTY_FORM, name: 'のし', remarks: 'のし、熨斗, ギフト ', amountMin: '5000', gift: 'yes', remoteIsland: 'no', holdReason: ' 確認 ' });
    expect(draft).toEqual({
      name: 'のし',
      enabled: true,
      stop: false,
      conditions: { remarksContainAny: ['のし', '熨斗', 'ギフト'], amountMin: 5000, gift: true, remoteIsland: false },
      actions: [{ kind: 'hold', reason: '確認' }],
    });
    expect(draftFromForm(EMPTY_FORM)).toMatchObject({ conditions: {}, actions: [] });
  });

  it('a saved rule opens in the editor as it was', () => {
    const draft = draftFromForm({
      ...EMPTY_FORM,
      name: 'x',
      prefectures: '北海道, 沖縄県',
      quantityMin: '3',
      postageUndetermined: 'yes',
      workState: 'stock',
      confirm: true,
      stop: true,
      mailTemplateId: '12',
      shippingMethod: 'japanpost-clickpost:mailbox',
    });
    expect(draft.actions).toContainEqual({ kind: 'sendMail', templateId: 12 });
    expect(draft.actions).toContainEqual({ kind: 'setShippingMethod', profileId: 'japanpost-clickpost', service: 'mailbox' });
    const rule = { ...draft, id: 1, position: 1, version: 1 };
    expect(draftFromForm(formFromRule(rule))).toEqual(draft);
  });
});
