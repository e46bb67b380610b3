import { findCarrier, CARRIERS } from '../carriers.ts';
import { DomainError } from '../errors.ts';
import { isPlaceholderName, type PlaceholderName } from './placeholders.ts';

/**
 * Mail templates: plain text with `{{placeholder}}` values and blocks shown only for some
 * carriers or payment methods, so one 発送完了 template serves every carrier:
 *
 *   {{#carrier 1001,ヤマト運輸}}…{{/carrier}}   shown when a parcel went with one of these
 *   {{#payment 銀行振込}}…{{/payment}}          shown when the order is paid that way
 *
 * A template is parsed when it is saved, so an unknown placeholder or a broken `{{` is
 * refused then, not discovered when a mail is due.
 */
export type BlockKind = 'carrier' | 'payment';

export type TemplateNode =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'value'; readonly name: PlaceholderName }
  | { readonly kind: 'block'; readonly by: BlockKind; readonly values: readonly string[]; readonly children: readonly TemplateNode[] };

/** Subject and body together, counted in UTF-8 bytes. */
export const MAX_TEMPLATE_BYTES = 64 * 1024;
export const MAX_SUBJECT_CHARS = 200;

export interface TemplateText {
  readonly subject: string;
  readonly body: string;
}

export interface ParsedTemplate {
  readonly subject: readonly TemplateNode[];
  readonly body: readonly TemplateNode[];
}

const utf8 = new TextEncoder();
const TOKEN = /\{\{([^{}]*)\}\}/g;
const VALUE = /^[a-z][a-z_]*$/;
const OPEN = /^#(carrier|payment)\s+(.+)$/;
const CLOSE = /^\/(carrier|payment)$/;

function syntaxError(field: keyof TemplateText, at: number, token: string, problem: string): DomainError {
  return new DomainError('MAIL_TEMPLATE_INVALID', { field, at, token, problem }, `${field}: ${problem} at character ${at}: ${token}`);
}

/** Carrier block values: RMS codes or carrier names, stored as codes. */
function carrierCodes(field: keyof TemplateText, at: number, token: string, values: readonly string[]): string[] {
  return values.map((v) => {
    const carrier = findCarrier(v) ?? CARRIERS.find((c) => c.name === v);
    if (!carrier) throw syntaxError(field, at, token, `unknown carrier "${v}"`);
    return carrier.code;
  });
}

/** Parses one field; throws MAIL_TEMPLATE_INVALID or MAIL_PLACEHOLDER_UNKNOWN naming the place. */
export function parseField(field: keyof TemplateText, text: string): TemplateNode[] {
  const stack: { by: BlockKind; values: string[]; children: TemplateNode[]; at: number; token: string }[] = [];
  const root: TemplateNode[] = [];
  const unknown: string[] = [];
  const current = () => (stack.length > 0 ? stack[stack.length - 1]!.children : root);
  const pushText = (chunk: string, at: number) => {
    const stray = chunk.indexOf('{{');
    if (stray >= 0) throw syntaxError(field, at + stray, chunk.slice(stray, stray + 20), 'unclosed "{{"');
    if (chunk !== '') current().push({ kind: 'text', text: chunk });
  };
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const at = match.index;
    pushText(text.slice(last, at), last);
    last = at + match[0].length;
    const inner = match[1]!.trim();
    const open = OPEN.exec(inner);
    const close = CLOSE.exec(inner);
    if (open) {
      const by = open[1] as BlockKind;
      const raw = open[2]!.split(',').map((v) => v.trim()).filter((v) => v !== '');
      if (raw.length === 0) throw syntaxError(field, at, match[0], 'a block needs at least one value');
      const values = by === 'carrier' ? carrierCodes(field, at, match[0], raw) : raw;
      stack.push({ by, values, children: [], at, token: match[0] });
    } else if (close) {
      const block = stack.pop();
      if (!block || block.by !== close[1]) throw syntaxError(field, at, match[0], 'closes a block that is not open');
      current().push({ kind: 'block', by: block.by, values: block.values, children: block.children });
    } else if (VALUE.test(inner)) {
      if (isPlaceholderName(inner)) current().push({ kind: 'value', name: inner });
      else unknown.push(inner);
    } else {
      throw syntaxError(field, at, match[0], 'not a placeholder');
    }
  }
  pushText(text.slice(last), last);
  const open = stack.pop();
  if (open) throw syntaxError(field, open.at, open.token, 'block never closed');
  if (unknown.length > 0) {
    const names = [...new Set(unknown)];
    throw new DomainError('MAIL_PLACEHOLDER_UNKNOWN', { field, placeholders: names }, `${field}: unknown placeholder ${names.map((n) => `{{${n}}}`).join(', ')}`);
  }
  return root;
}

/** Everything a template must satisfy before it is stored. */
export function parseTemplate(template: TemplateText): ParsedTemplate {
  const bytes = utf8.encode(template.subject).length + utf8.encode(template.body).length;
  if (bytes > MAX_TEMPLATE_BYTES) {
    throw new DomainError('MAIL_TEMPLATE_TOO_LARGE', { bytes, limit: MAX_TEMPLATE_BYTES }, `template is ${bytes} bytes; the limit is ${MAX_TEMPLATE_BYTES}`);
  }
  checkHeaderText('subject', template.subject, MAX_SUBJECT_CHARS);
  return { subject: parseField('subject', template.subject), body: parseField('body', template.body) };
}

/** A line break or any other control character (C0 or DEL): never part of a header value. */
export function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * A value bound for a mail header (subject, a display name): one line, no control characters,
 * so nothing typed into it can start a header of its own.
 */
export function checkHeaderText(field: string, value: string, maxChars: number): string {
  if (hasControlCharacter(value)) {
    throw new DomainError('MAIL_HEADER_INJECTION', { field }, `${field} contains a line break or control character`);
  }
  if ([...value].length > maxChars) throw new DomainError('VALIDATION_FAILED', { field, problem: `at most ${maxChars} characters` }, `${field}: at most ${maxChars} characters`);
  return value;
}

/** What a template is filled from: placeholder values and the facts blocks are chosen by. */
export interface RenderInput {
  readonly values: Readonly<Record<PlaceholderName, string>>;
  readonly carrierCodes: ReadonlySet<string>;
  readonly paymentMethod: string;
}

function renderNodes(nodes: readonly TemplateNode[], input: RenderInput, oneLine: boolean): string {
  let out = '';
  for (const node of nodes) {
    switch (node.kind) {
      case 'text':
        out += node.text;
        break;
      case 'value': {
        const value = input.values[node.name];
        // A value may span lines (the item list); in a subject it is folded onto one.
        out += oneLine ? value.replace(/\s*[\r\n]+\s*/g, ' ') : value;
        break;
      }
      case 'block': {
        const shown = node.by === 'carrier' ? node.values.some((c) => input.carrierCodes.has(c)) : node.values.includes(input.paymentMethod);
        if (shown) out += renderNodes(node.children, input, oneLine);
        break;
      }
    }
  }
  return out;
}

export function renderTemplate(template: ParsedTemplate, input: RenderInput): TemplateText {
  return {
    subject: renderNodes(template.subject, input, true).trim(),
    body: renderNodes(template.body, input, false).replace(/\r\n?/g, '\n'),
  };
}
