/** Archive-wide findings, filterable by rule and severity; each opens its report at its cells. */
import { useEffect, useState } from 'react';
import type { FindingRow } from '../../core/api.ts';
import { RULE_IDS, type RuleId } from '../../core/spec.ts';
import { useI18n } from '../i18n.tsx';
import { useApi } from '../lib/apiContext.tsx';
import { cellLabels } from '../lib/where.ts';

export function FindingsView({ revision, onOpen }: { revision: number; onOpen(row: FindingRow): void }) {
  const { t } = useI18n();
  const api = useApi();
  const [rule, setRule] = useState<RuleId | ''>('');
  const [severity, setSeverity] = useState<'' | 'error' | 'warning'>('');
  const [includeDismissed, setIncludeDismissed] = useState(false);
  const [rows, setRows] = useState<FindingRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setRows(null);
    api.listFindings({ rule: rule || undefined, severity: severity || undefined, includeDismissed }).then(
      (r) => live && setRows(r),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api, rule, severity, includeDismissed, revision]);

  return (
    <div className="findings-view">
      <form className="search-filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t.rule}
          <select value={rule} onChange={(e) => setRule(e.target.value as RuleId | '')}>
            <option value="">{t.allRules}</option>
            {RULE_IDS.map((r) => (
              <option key={r} value={r}>
                {t.rules[r] ?? r}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.severity}
          <select value={severity} onChange={(e) => setSeverity(e.target.value as '' | 'error' | 'warning')}>
            <option value="">{t.allSeverities}</option>
            <option value="error">{t.error_severity}</option>
            <option value="warning">{t.warning_severity}</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={includeDismissed} onChange={(e) => setIncludeDismissed(e.target.checked)} />
          {t.includeDismissed}
        </label>
        <span className="muted" aria-live="polite">
          {rows ? t.findingsCount(rows.length) : t.loading}
        </span>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <ul className="finding-list archive">
        {rows?.map((f) => (
          <li key={`${f.reportId}:${f.key}`} className={`finding f-${f.severity} ${f.dismissed ? 'is-dismissed' : ''}`}>
            <div className="finding-head">
              <span className={`sev sev-${f.severity}`}>{f.severity === 'error' ? t.error_severity : t.warning_severity}</span>
              <span className="rule">{t.rules[f.rule] ?? f.rule}</span>
              <span className="finding-report">
                {f.body} · {f.year ?? '—'}
              </span>
            </div>
            <p className="finding-message">{f.message}</p>
            {f.dismissed && (
              <p className="dismissed-note">
                {t.dismissed}：{f.dismissed.reason}
              </p>
            )}
            <button type="button" className="link" onClick={() => onOpen(f)}>
              {f.cells.length
                ? `${t.openCells}：${f.cells
                    .slice(0, 3)
                    .map((c) => {
                      const l = cellLabels(undefined, c.table, c.row, c.column);
                      return `${l.row} · ${l.column}`;
                    })
                    .join('；')}${f.cells.length > 3 ? ' …' : ''}`
                : t.open}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
