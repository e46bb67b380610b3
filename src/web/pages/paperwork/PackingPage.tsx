import { useEffect, useRef, useState, type FormEvent } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import type { Parcel } from '../../../server/api/paperwork-schemas.ts';
import { asApiError } from '../../app/use-resource.ts';
import { formatDateTime } from '../../app/format.ts';
import { useUser } from '../../app/session.tsx';
import { useLanguage } from '../../i18n/language.tsx';
import { applyScan } from '../../../domain/paperwork/packing.ts';
import type { PackingLine } from '../../../domain/paperwork/packing.ts';

type Feedback = { kind: 'ok' | 'error' | 'done' | 'info'; text: string };

/** Short high beep for a good scan, long low buzz for a refused one: staff hear it without looking. */
function beep(kind: 'ok' | 'error'): void {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    tone.type = kind === 'ok' ? 'sine' : 'square';
    tone.frequency.value = kind === 'ok' ? 880 : 180;
    tone.connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + (kind === 'ok' ? 0.12 : 0.6));
    tone.onended = () => void audio.close();
  } catch {
    // A browser without audio still shows the colour.
  }
}

/**
 * 検品: a USB scanner types a code and Enter into the one input. A slip's barcode (its shipment
 * key) opens that parcel; each item's SKU, JAN or 管理番号 then counts one unit. A wrong item or
 * one too many is refused loudly and counts nothing. When every line is counted the parcel is
 * sent as checked, with the scans, and the server replays them under the same rules.
 */
export function PackingPage() {
  const { t } = useLanguage();
  const user = useUser();
  const input = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState('');
  const [parcel, setParcel] = useState<Parcel | null>(null);
  const [lines, setLines] = useState<PackingLine[]>([]);
  const [scans, setScans] = useState<string[]>([]);
  const [feedback, setFeedback] = useState<Feedback>({ kind: 'info', text: t('packing.intro') });
  const [busy, setBusy] = useState(false);
  /** The slip barcode that opened the parcel: the check is sent under it. */
  const currentKey = useRef('');

  // The scanner types wherever the focus is: keep it in the input.
  useEffect(() => input.current?.focus(), [busy, parcel]);

  const open = parcel !== null && parcel.checkedAt === null;

  async function openParcel(key: string) {
    try {
      const found = await endpoints.parcel(key);
      setParcel(found);
      setLines(found.lines.map((l) => ({ ...l })));
      setScans([]);
      if (found.checkedAt) setFeedback({ kind: 'info', text: t('packing.alreadyChecked', { by: found.checkedBy ?? '', at: formatDateTime(found.checkedAt) }) });
      else setFeedback({ kind: 'info', text: t('packing.parcel', { orderNumber: found.orderNumber, parcel: found.parcel, parcels: found.parcels, recipient: found.recipient }) });
    } catch (err) {
      const error = asApiError(err);
      beep('error');
      setFeedback({ kind: 'error', text: error.code === 'NOT_FOUND' ? t('packing.notFound', { code: key }) : error.messageJa });
    }
  }

  async function countItem(scanned: string) {
    const { lines: next, outcome } = applyScan(lines, scanned);
    if (outcome.kind === 'wrongItem') {
      beep('error');
      return setFeedback({ kind: 'error', text: t('packing.wrongItem', { code: outcome.code }) });
    }
    if (outcome.kind === 'tooMany') {
      const line = lines[outcome.line]!;
      beep('error');
      return setFeedback({ kind: 'error', text: t('packing.tooMany', { name: line.name, expected: line.expected }) });
    }
    const line = next[outcome.line]!;
    const nextScans = [...scans, scanned];
    setLines(next);
    setScans(nextScans);
    beep('ok');
    setFeedback({ kind: 'ok', text: t('packing.ok', { name: line.name, counted: line.counted, expected: line.expected }) });
    if (outcome.complete) {
      try {
        const checked = await endpoints.checkParcel(currentKey.current, nextScans);
        setParcel(checked);
        setFeedback({ kind: 'done', text: t('packing.complete', { by: checked.checkedBy ?? user.email, at: checked.checkedAt ? formatDateTime(checked.checkedAt) : '' }) });
      } catch (err) {
        beep('error');
        setFeedback({ kind: 'error', text: asApiError(err).messageJa });
      }
    }
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const scanned = code.trim();
    setCode('');
    if (!scanned || busy) return;
    setBusy(true);
    try {
      if (open) await countItem(scanned);
      else {
        currentKey.current = scanned;
        await openParcel(scanned);
      }
    } finally {
      setBusy(false);
    }
  }

  function reset() {
    setParcel(null);
    setLines([]);
    setScans([]);
    setFeedback({ kind: 'info', text: t('packing.intro') });
  }

  return (
    <div className="page packing">
      <div className="page__title">
        <h1>{t('packing.title')}</h1>
        {parcel ? (
          <button type="button" className="button" onClick={reset}>
            {t('packing.reset')}
          </button>
        ) : null}
      </div>
      <form onSubmit={(e) => void onSubmit(e)}>
        <label className="field">
          <span>{t('packing.scan')}</span>
          <input ref={input} name="scan" className="packing__input" autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} />
        </label>
      </form>
      <div className={`packing__feedback packing__feedback--${feedback.kind}`} role={feedback.kind === 'error' ? 'alert' : 'status'} data-feedback={feedback.kind}>
        {feedback.text}
      </div>
      {parcel ? (
        <table className="table packing__lines">
          <thead>
            <tr>
              <th>{t('packing.item')}</th>
              <th>SKU / JAN</th>
              <th className="num">{t('packing.expected')}</th>
              <th className="num">{t('packing.counted')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => (
              <tr key={i} className={l.counted === l.expected ? 'packing__line--done' : ''} data-done={l.counted === l.expected}>
                <td>
                  {l.name}
                  <div className="muted small">
                    {l.manageNumber} {l.options}
                  </div>
                </td>
                <td>{[l.sku, l.jan].filter((s) => s).join(' / ')}</td>
                <td className="num">{l.expected}</td>
                <td className="num">{l.counted}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
