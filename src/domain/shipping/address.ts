import { sjisWidth } from './text.ts';

/**
 * Splitting an address over a carrier's address columns, each with its own width in CP932
 * bytes. Words (prefecture, city, the parts of the street address the buyer separated with
 * spaces) stay whole where they fit; a word wider than a column is broken between characters.
 * What does not fit in all the columns is reported, never cut.
 */
export interface AddressSplit {
  /** One entry per column, '' for columns left empty. */
  readonly lines: readonly string[];
  /** Characters that found no room, in order; '' when everything fits. */
  readonly overflow: string;
}

/**
 * The words of an address: prefecture and city as one (they are never separated on a label),
 * then the street address cut where the buyer typed spaces. Words on one line are joined
 * with a half-width space, so "1-2-3 コーポ101" does not become "1-2-3コーポ101".
 */
export function addressWords(address: { prefecture: string; city: string; subAddress: string }): string[] {
  return [`${address.prefecture}${address.city}`.replace(/[\s\u3000]+/g, ''), ...address.subAddress.split(/[\s\u3000]+/)].filter((word) => word.length > 0);
}

export function splitAddress(words: readonly string[], widths: readonly number[]): AddressSplit {
  const lines: string[] = widths.map(() => '');
  let line = 0;
  const pending = [...words];
  while (pending.length > 0 && line < widths.length) {
    const word = pending[0]!;
    const joiner = lines[line] === '' ? '' : ' ';
    const room = widths[line]! - sjisWidth(lines[line]!) - joiner.length;
    if (sjisWidth(word) <= room) {
      lines[line] += joiner + word;
      pending.shift();
    } else if (lines[line] === '' || sjisWidth(word) > widths[line]!) {
      // Too wide for any line of this width: take what fits here, carry the rest on.
      const [head, tail] = cut(word, room);
      if (head === '') line++;
      else {
        lines[line] += joiner + head;
        pending[0] = tail;
        line++;
      }
    } else line++;
  }
  return { lines, overflow: pending.join(' ') };
}

function cut(word: string, width: number): [head: string, tail: string] {
  let used = 0;
  let head = '';
  const chars = [...word];
  for (const char of chars) {
    const w = sjisWidth(char);
    if (used + w > width) break;
    used += w;
    head += char;
  }
  return [head, chars.slice([...head].length).join('')];
}
