/** A statistical table told as prose (core/narrative.ts), with derived rates. */
import { narrateTable } from '../../core/narrative.ts';
import type { Report } from '../../core/model.ts';
import type { TableId } from '../../core/spec.ts';
import { useI18n } from '../i18n.tsx';
import { derivedRates, formatRate } from './rates.ts';

export function NarrativeView({ report, table, highlight }: { report: Report; table: TableId; highlight?: number }) {
  const { t } = useI18n();
  let sentences: string[];
  try {
    sentences = narrateTable(report, table);
  } catch {
    sentences = [];
  }
  const rates = derivedRates(report.tables, table);
  const rateLabel = { disclosure: t.rateDisclosure, reviewCorrection: t.rateReviewCorrection, litigationCorrection: t.rateLitigationCorrection };
  const rateHint = { disclosure: t.rateDisclosureHint, reviewCorrection: t.rateCorrectionHint, litigationCorrection: t.rateCorrectionHint };
  return (
    <div className="narrative-view">
      {sentences.length === 0 ? (
        <p className="muted">{t.narrativeEmpty}</p>
      ) : (
        <p className="prose">
          {sentences.map((s, i) => (
            <span key={i} data-sentence={i} className={highlight === i ? 'hit' : undefined} tabIndex={highlight === i ? -1 : undefined}>
              {s}
            </span>
          ))}
        </p>
      )}
      {rates.length > 0 && (
        <dl className="rates" aria-label={t.derivedRates}>
          {rates.map((r) => (
            <div key={r.id} className="rate">
              <dt title={rateHint[r.id]}>{rateLabel[r.id]}</dt>
              <dd>{r.value === null ? <span className="muted">{t.notAssessable}</span> : formatRate(r.value)}</dd>
              <dd className="hint">{rateHint[r.id]}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
