import type { RuleDraftInput, RuleView } from '../../../server/api/automation-schemas.ts';

/** The rule editor's fields as typed: lists as comma-separated text, flags as any/yes/no. */
export interface RuleForm {
  name: string;
  enabled: boolean;
  stop: boolean;
  remarks: string;
  prefectures: string;
  paymentMethods: string;
  skus: string;
  amountMin: string;
  amountMax: string;
  quantityMin: string;
  buyerOrderCountMin: string;
  gift: Flag;
  remoteIsland: Flag;
  deliveryDateRequested: Flag;
  postageUndetermined: Flag;
  holdReason: string;
  workState: string;
  confirm: boolean;
  /** A template id, or '' for none. */
  mailTemplateId: string;
  /** `profileId:service`, or '' for none. */
  shippingMethod: string;
}

export type Flag = 'any' | 'yes' | 'no';
export const FLAGS = ['gift', 'remoteIsland', 'deliveryDateRequested', 'postageUndetermined'] as const;

export const EMPTY_FORM: RuleForm = {
  name: '',
  enabled: true,
  stop: false,
  remarks: '',
  prefectures: '',
  paymentMethods: '',
  skus: '',
  amountMin: '',
  amountMax: '',
  quantityMin: '',
  buyerOrderCountMin: '',
  gift: 'any',
  remoteIsland: 'any',
  deliveryDateRequested: 'any',
  postageUndetermined: 'any',
  holdReason: '',
  workState: '',
  confirm: false,
  mailTemplateId: '',
  shippingMethod: '',
};

type ShippingAction = Extract<RuleDraftInput['actions'][number], { kind: 'setShippingMethod' }>;

/** The select's value for a shipping method. */
export const methodValue = (m: Pick<ShippingAction, 'profileId' | 'service'>): string => `${m.profileId}:${m.service}`;

const list = (text: string): string[] | undefined => {
  const items = text.split(/[,、，]/u).map((s) => s.trim()).filter((s) => s !== '');
  return items.length > 0 ? items : undefined;
};
const num = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));
const flag = (f: Flag): boolean | undefined => (f === 'any' ? undefined : f === 'yes');

/** What the server is sent; it does the checking (empty or contradictory rules are refused there). */
export function draftFromForm(f: RuleForm): RuleDraftInput {
  const conditions: RuleDraftInput['conditions'] = {
    remarksContainAny: list(f.remarks),
    prefectures: list(f.prefectures) as RuleDraftInput['conditions']['prefectures'],
    paymentMethods: list(f.paymentMethods)?.map(Number),
    skus: list(f.skus),
    amountMin: num(f.amountMin),
    amountMax: num(f.amountMax),
    quantityMin: num(f.quantityMin),
    buyerOrderCountMin: num(f.buyerOrderCountMin),
    ...Object.fromEntries(FLAGS.map((k) => [k, flag(f[k])])),
  };
  const actions: RuleDraftInput['actions'] = [];
  if (f.holdReason.trim()) actions.push({ kind: 'hold', reason: f.holdReason.trim() });
  if (f.workState) actions.push({ kind: 'setWorkState', workState: f.workState });
  if (f.confirm) actions.push({ kind: 'confirm' });
  if (f.mailTemplateId) actions.push({ kind: 'sendMail', templateId: Number(f.mailTemplateId) });
  if (f.shippingMethod) {
    const [profileId, service] = f.shippingMethod.split(':') as [ShippingAction['profileId'], ShippingAction['service']];
    actions.push({ kind: 'setShippingMethod', profileId, service });
  }
  const defined = Object.fromEntries(Object.entries(conditions).filter(([, v]) => v !== undefined));
  return { name: f.name, enabled: f.enabled, stop: f.stop, conditions: defined, actions };
}

export function formFromRule(rule: RuleView): RuleForm {
  const c = rule.conditions;
  const asFlag = (v: boolean | undefined): Flag => (v === undefined ? 'any' : v ? 'yes' : 'no');
  const text = (v: readonly (string | number)[] | undefined) => (v ?? []).join(', ');
  const str = (v: number | undefined) => (v === undefined ? '' : String(v));
  return {
    name: rule.name,
    enabled: rule.enabled,
    stop: rule.stop,
    remarks: text(c.remarksContainAny),
    prefectures: text(c.prefectures),
    paymentMethods: text(c.paymentMethods),
    skus: text(c.skus),
    amountMin: str(c.amountMin),
    amountMax: str(c.amountMax),
    quantityMin: str(c.quantityMin),
    buyerOrderCountMin: str(c.buyerOrderCountMin),
    gift: asFlag(c.gift),
    remoteIsland: asFlag(c.remoteIsland),
    deliveryDateRequested: asFlag(c.deliveryDateRequested),
    postageUndetermined: asFlag(c.postageUndetermined),
    holdReason: rule.actions.find((a) => a.kind === 'hold')?.reason ?? '',
    workState: rule.actions.find((a) => a.kind === 'setWorkState')?.workState ?? '',
    confirm: rule.actions.some((a) => a.kind === 'confirm'),
    mailTemplateId: String(rule.actions.find((a) => a.kind === 'sendMail')?.templateId ?? ''),
    shippingMethod: ((m) => (m ? methodValue(m) : ''))(rule.actions.find((a) => a.kind === 'setShippingMethod')),
  };
}
