/**
 * Archive-wide findings as work: filtered by body, year, rule and severity; grouped by report
 * (a cross-year mismatch once per pair, linking to the other year); virtualized (thousands of
 * rows); several dismissed at once with one reason; exported as a 问题清单 for Word.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FindingRow } from '../../core/api.ts';
import { RULE_IDS, type RuleId } from '../../core/spec.ts';
import { useI18n } from '../i18n.tsx';
import { useApi, useShell } from '../lib/apiContext.tsx';
import { checklistHtml, checklistXlsx, filterFindings, findingId, groupByReport, NO_FINDING_FILTERS, onePerPair, type FindingFilters, type ListedFinding, type ReportGroup } from '../lib/findings-list.ts';
import { cellLabels } from '../lib/where.ts';
import { findingMessage } from '../lib/finding-message.ts';

type Item = { kind: 'group'; group: ReportGroup } | { kind: 'finding'; item: ListedFinding };

const GROUP_HEIGHT = 44;
const FINDING_HEIGHT = 132;

export function FindingsView({ revision, onOpen }: { revision: number; onOpen(row: FindingRow): void }) {
  const { t, lang } = useI18n();
  const api = useApi();
  const shell = useShell();
  const [filters, setFilters] = useState<FindingFilters>(NO_FINDING_FILTERS);
  const [includeDismissed, setIncludeDismissed] = useState(false);
  const [rows, setRows] = useState<FindingRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [reload, setReload] = useState(0);
  const set = (patch: Partial<FindingFilters>) => setFilters((f) => ({ ...f, ...patch }));

  useEffect(() => {
    let live = true;
    setRows(null);
    api.listFindings({ includeDismissed }).then(
      (r) => live && setRows(r),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api, includeDismissed, revision, reload]);

  const years = useMemo(() => [...new Set((rows ?? []).map((r) => r.year).filter((y): y is number => y !== null))].sort((a, b) => b - a), [rows]);
  const listed = useMemo(() => onePerPair(filterFindings(rows ?? [], filters)), [rows, filters]);
  const groups = useMemo(() => groupByReport(listed), [listed]);
  const items = useMemo<Item[]>(() => groups.flatMap((group) => [{ kind: 'group' as const, group }, ...group.findings.map((item) => ({ kind: 'finding' as const, item }))]), [groups]);
  const selectable = listed.filter((l) => !l.row.dismissed);
  const chosen = selectable.filter((l) => selected.has(findingId(l.row)));

  const toggle = (ids: string[], on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      for (const id of ids) (on ? next.add(id) : next.delete(id));
      return next;
    });

  const dismissChosen = async () => {
    if (!reason.trim() || chosen.length === 0) return;
    setBusy(true);
    try {
      // One reason for all; a pair's other half is dismissed with it (it is the same mismatch).
      for (const { row, pair } of chosen) {
        await api.dismissFinding(row.reportId, row.key, reason.trim());
        if (pair && !pair.dismissed) await api.dismissFinding(pair.reportId, pair.key, reason.trim());
      }
      setSelected(new Set());
      setReason('');
      setReload((n) => n + 1);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const exportChecklist = async (as: 'doc' | 'xlsx') => {
    const list = chosen.length ? chosen : listed;
    const words = {
      title: t.checklistTitle,
      header: t.checklistHeader,
      ruleName: (r: string) => t.rules[r as RuleId] ?? r,
      severity: (s: 'error' | 'warning') => (s === 'error' ? t.error_severity : t.warning_severity),
      year: (y: number | null) => (y === null ? '—' : String(y)),
      pair: (y: number | null) => t.pairedWith(y === null ? '—' : String(y)),
    };
    if (as === 'xlsx') await shell.saveTextFile({ suggestedName: `${t.checklistTitle}.xlsx`, text: '', bytes: checklistXlsx(list, words) });
    else await shell.saveTextFile({ suggestedName: `${t.checklistTitle}.doc`, text: checklistHtml(list, words) });
  };

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    // Fixed heights (styles.css clamps a long message, its full text is in the title): measuring
    // every row as it scrolls in would re-lay the list out on each one.
    estimateSize: (i) => (items[i].kind === 'group' ? GROUP_HEIGHT : FINDING_HEIGHT),
    overscan: 8,
    initialRect: { width: 1000, height: 700 },
    useFlushSync: false,
  });

  const cellsText = (f: FindingRow) =>
    f.cells
      .slice(0, 3)
      .map((c) => {
        const l = cellLabels(undefined, c.table, c.row, c.column);
        return `${l.row} · ${l.column}`;
      })
      .join('；') + (f.cells.length > 3 ? ' …' : '');

  const renderItem = (entry: Item) => {
    if (entry.kind === 'group') {
      const g = entry.group;
      const ids = g.findings.filter((l) => !l.row.dismissed).map((l) => findingId(l.row));
      const all = ids.length > 0 && ids.every((id) => selected.has(id));
      return (
        <div className="finding-group-head">
          <label className="check">
            <input type="checkbox" checked={all} disabled={ids.length === 0} onChange={(e) => toggle(ids, e.target.checked)} aria-label={t.selectReportFindings(g.body, g.year === null ? '—' : String(g.year))} />
            <strong>{g.body}</strong> · {g.year ?? '—'}
          </label>
          <span className="muted">{t.findingsCount(g.findings.length)}</span>
        </div>
      );
    }
    const { row: f, pair } = entry.item;
    const id = findingId(f);
    return (
      <div className={`finding f-${f.severity} ${f.dismissed ? 'is-dismissed' : ''}`} data-rule={f.rule}>
        <div className="finding-head">
          {!f.dismissed && <input type="checkbox" checked={selected.has(id)} onChange={(e) => toggle([id], e.target.checked)} aria-label={`${t.select} ${f.body} ${f.year ?? ''} ${t.rules[f.rule] ?? f.rule}`} />}
          <span className={`sev sev-${f.severity}`}>{f.severity === 'error' ? t.error_severity : t.warning_severity}</span>
          <span className="rule">{t.rules[f.rule] ?? f.rule}</span>
        </div>
        <p className="finding-message" title={findingMessage(f, lang)}>
          {findingMessage(f, lang)}
        </p>
        {f.dismissed && (
          <p className="dismissed-note">
            {t.dismissed}：{f.dismissed.reason}
          </p>
        )}
        <button type="button" className="link" onClick={() => onOpen(f)}>
          {f.cells.length ? `${t.openCells}：${cellsText(f)}` : t.open}
        </button>
        {pair && (
          <>
            {' · '}
            <button type="button" className="link pair-link" onClick={() => onOpen(pair)}>
              {t.openPairedYear(pair.year === null ? '—' : String(pair.year))}
            </button>
          </>
        )}
      </div>
    );
  };

  return (
    <div className="findings-view">
      <form className="search-filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t.filterBody}
          <input type="text" size={12} value={filters.body} onChange={(e) => set({ body: e.target.value })} />
        </label>
        <label>
          {t.filterYear}
          <select value={filters.year ?? ''} onChange={(e) => set({ year: e.target.value ? Number(e.target.value) : null })}>
            <option value="">{t.allYears}</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.rule}
          <select value={filters.rule} onChange={(e) => set({ rule: e.target.value })}>
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
          <select value={filters.severity} onChange={(e) => set({ severity: e.target.value as '' | 'error' | 'warning' })}>
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
          {rows ? t.findingsInReports(listed.length, groups.length) : t.loading}
        </span>
      </form>
      <div className="findings-actions">
        <label className="check">
          <input
            type="checkbox"
            checked={selectable.length > 0 && chosen.length === selectable.length}
            disabled={selectable.length === 0}
            onChange={(e) => toggle(selectable.map((l) => findingId(l.row)), e.target.checked)}
          />
          {t.selectAllShown}
        </label>
        <input type="text" value={reason} placeholder={t.dismissReason} aria-label={t.dismissReason} onChange={(e) => setReason(e.target.value)} />
        <button type="button" disabled={busy || chosen.length === 0 || !reason.trim()} onClick={() => void dismissChosen()}>
          {t.dismissSelected(chosen.length)}
        </button>
        <button type="button" disabled={listed.length === 0} onClick={() => void exportChecklist('doc')}>
          {chosen.length ? t.exportChecklistSelected(chosen.length) : t.exportChecklist}
        </button>
        <button type="button" disabled={listed.length === 0} onClick={() => void exportChecklist('xlsx')}>
          {t.exportChecklistXlsx}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="findings-scroll" ref={scrollRef} data-testid="findings-scroll">
        <div className="finding-list archive" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => (
            <div key={v.key} data-index={v.index} className="finding-slot" style={{ position: 'absolute', top: 0, left: 0, right: 0, height: v.size, transform: `translateY(${v.start}px)` }}>
              {renderItem(items[v.index])}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
