/**
 * 年度总览: every body of a year in one table (key figures, rates, outliers marked, parent totals),
 * sortable, filterable, copied as TSV/HTML and exported as CSV/XLSX. The API sends columns of
 * numbers; sorting, filtering, totals and copy work over every row, while only the rows in view
 * are drawn (10,000 rows of 24 cells take seconds to draw). Unknown stays 未知, a rate that
 * cannot be computed says 无法计算 and why (from the row's figures).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { BodySummary, YearOverview } from '../../core/api.ts';
import { KEY_FIGURES, RATES, rateOf } from '../../core/compare/figures.ts';
import { outlierWhy, rowFigures } from '../../core/compare/overview.ts';
import { useApi, useShell } from '../lib/apiContext.tsx';

/** Fixed row height (px, as in styles.css): the virtualizer places rows without measuring them. */
const ROW_HEIGHT = 30;

type SortKey = { kind: 'body' } | { kind: 'figure' | 'rate'; key: string };

const num = (v: number | null | undefined) => (v == null ? <span className="unknown">未知</span> : String(v));

export function YearOverviewPanel({ bodies, onOpen }: { bodies: BodySummary[]; onOpen: (id: string) => void }) {
  const api = useApi();
  const shell = useShell();
  const years = useMemo(() => [...new Set(bodies.flatMap((b) => b.years))].sort((x, y) => y - x), [bodies]);
  const [year, setYear] = useState<number | null>(null);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ by: SortKey; desc: boolean }>({ by: { kind: 'body' }, desc: false });
  const [data, setData] = useState<YearOverview | null>(null);
  /** Parent totals drawn on request: 10,000 bodies have hundreds of parents (seconds to draw). */
  const [showParents, setShowParents] = useState(false);
  useEffect(() => {
    if (year === null && years.length) setYear(years[0]);
  }, [years, year]);
  useEffect(() => {
    if (year !== null)
      void api.yearOverview({ year }).then((overview) => {
        performance.mark('nianbao:overview-fetched'); // the bodies benchmark measures rendering from here
        setData(overview);
      });
  }, [api, year]);

  /** Row indexes shown, in order: every row passing the filter, sorted. */
  const order = useMemo(() => {
    if (!data) return [];
    const c = data.columns;
    const shown: number[] = [];
    for (let i = 0; i < data.count; i++) if (!filter || c.body[i].includes(filter) || c.bodyId[i].includes(filter)) shown.push(i);
    const by = sort.by;
    const sign = sort.desc ? -1 : 1;
    // The API sends the rows by body (Chinese collation): collating 10,000 names here takes a second.
    if (by.kind === 'body') return sort.desc ? shown.reverse() : shown;
    const values = by.kind === 'figure' ? c.figures[by.key] : c.rates[by.key];
    return shown.sort((x, y) => {
      const vx = values[x];
      const vy = values[y];
      if (vx === null) return vy === null ? 0 : 1; // unknown last, whatever the direction
      if (vy === null) return -1;
      return (vx - vy) * sign;
    });
  }, [data, filter, sort]);

  /** Outlier sentences by row and key (few: built once per response). */
  const marks = useMemo(() => {
    const out = new Map<number, Map<string, string>>();
    if (data) for (const o of data.outliers) (out.get(o.row) ?? out.set(o.row, new Map()).get(o.row)!).set(o.key, outlierWhy(data, o));
    return out;
  }, [data]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: order.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    initialRect: { width: 1200, height: 600 },
    useFlushSync: false,
  });

  const header = (label: string, by: SortKey) => {
    const active = JSON.stringify(sort.by) === JSON.stringify(by);
    return (
      <th key={label} aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
        <button type="button" className="link" onClick={() => setSort({ by, desc: active ? !sort.desc : by.kind !== 'body' })}>
          {label}
          {active ? (sort.desc ? ' ↓' : ' ↑') : ''}
        </button>
      </th>
    );
  };
  const tsv = () => {
    if (!data) return '';
    const c = data.columns;
    return [
      ['机关', ...KEY_FIGURES.map((f) => f.label), ...RATES.map((r) => r.label)].join('\t'),
      ...order.map((i) => [c.body[i], ...KEY_FIGURES.map((f) => c.figures[f.key][i] ?? ''), ...RATES.map((x) => c.rates[x.key][i] ?? '无法计算')].join('\t')),
    ].join('\n');
  };
  const html = () => `<table>${tsv()
    .split('\n')
    .map((line) => `<tr>${line.split('\t').map((c) => `<td>${c.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</td>`).join('')}</tr>`)
    .join('')}</table>`;
  const ids = () => (data ? order.map((i) => data.columns.id[i]) : []);
  const exportCsv = async () => {
    if (year === null) return;
    const file = await api.exportDataset({ year, format: 'csv', ids: ids() });
    await shell.saveTextFile({ suggestedName: `年报库-${year}.csv`, text: new TextDecoder().decode(file.bytes) });
  };
  const exportXlsx = async () => {
    if (year === null) return;
    const file = await api.exportDataset({ year, format: 'xlsx', ids: ids() });
    await shell.saveTextFile({ suggestedName: `年报库-${year}.xlsx`, text: '', bytes: file.bytes });
  };

  const shownParents = useMemo(() => (data ? data.parents.filter((p) => !filter || p.bodyId.includes(filter)) : []), [data, filter]);
  const items = virtualizer.getVirtualItems();
  const padTop = items.length ? items[0].start : 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  const columnCount = 1 + KEY_FIGURES.length + RATES.length;

  return (
    <div className="year-overview" data-testid="year-overview">
      <label>
        年度{' '}
        <select value={year ?? ''} onChange={(e) => setYear(Number(e.target.value))}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </label>{' '}
      <input type="search" placeholder="筛选机关" aria-label="筛选机关" value={filter} onChange={(e) => setFilter(e.target.value)} />{' '}
      <button type="button" onClick={() => void shell.writeClipboard({ text: tsv(), html: html() })}>
        复制（TSV/HTML）
      </button>{' '}
      <button type="button" onClick={() => void exportCsv()}>
        导出 CSV
      </button>{' '}
      <button type="button" onClick={() => void exportXlsx()}>
        导出 XLSX
      </button>
      {data && (
        <div className="overview-scroll" ref={scrollRef} data-testid="overview-scroll">
          <table className="grid compare-table overview-table" aria-rowcount={order.length + 1}>
            <thead>
              <tr>
                {header('机关', { kind: 'body' })}
                {KEY_FIGURES.map((f) => header(f.label, { kind: 'figure', key: f.key }))}
                {RATES.map((r) => header(r.label, { kind: 'rate', key: r.key }))}
              </tr>
            </thead>
            <tbody>
              {padTop > 0 && (
                <tr className="virtual-pad" aria-hidden="true" style={{ height: padTop }}>
                  <td colSpan={columnCount} />
                </tr>
              )}
              {items.map((item) => (
                <OverviewRowView key={data.columns.id[order[item.index]]} data={data} row={order[item.index]} position={item.index + 2} marked={marks.get(order[item.index])} onOpen={onOpen} />
              ))}
              {padBottom > 0 && (
                <tr className="virtual-pad" aria-hidden="true" style={{ height: padBottom }}>
                  <td colSpan={columnCount} />
                </tr>
              )}
            </tbody>
            <tfoot>
              <tr className="totals-row">
                <th scope="row">合计（{order.length === data.count ? data.count : `${data.count}，筛选前`}）</th>
                {KEY_FIGURES.map((f) => (
                  <td key={f.key} className="num">
                    {num(data.totals[f.key])}
                  </td>
                ))}
                <td colSpan={RATES.length} />
              </tr>
              {data.parents.length > 0 && (
                <tr className="parents-toggle">
                  <th scope="row" colSpan={columnCount}>
                    <button type="button" className="link" aria-expanded={showParents} onClick={() => setShowParents((v) => !v)}>
                      {showParents ? '隐藏' : '显示'}上级机关的本级 / 下级合计（{shownParents.length === data.parents.length ? data.parents.length : `${shownParents.length} / ${data.parents.length}`}）
                    </button>
                  </th>
                </tr>
              )}
              {showParents && shownParents.map((p) => (
                <tr key={p.bodyId} className="parent-row">
                  <th scope="row">
                    {p.bodyId}：本级 / 下级合计（{p.count}）
                  </th>
                  {KEY_FIGURES.map((f, i) => (
                    <td key={f.key} className="num">
                      {p.ownRow !== null ? num(data.columns.figures[f.key][p.ownRow]) : '—'} / {num(p.subordinates[i])}
                    </td>
                  ))}
                  <td colSpan={RATES.length} />
                </tr>
              ))}
            </tfoot>
          </table>
        </div>
      )}
    </div>
  );
}

function OverviewRowView({ data, row, position, marked, onOpen }: { data: YearOverview; row: number; position: number; marked?: Map<string, string>; onOpen: (id: string) => void }) {
  const c = data.columns;
  const id = c.id[row];
  // Why a rate cannot be computed comes from the row's figures: made only for rows drawn.
  const figures = rowFigures(c, row);
  return (
    <tr data-id={id} aria-rowindex={position}>
      <th scope="row">
        <button type="button" className="link" onClick={() => onOpen(id)} title={c.body[row]}>
          {c.body[row]}
        </button>
      </th>
      {KEY_FIGURES.map((f) => (
        <td key={f.key} className={`num${marked?.has(f.key) ? ' outlier' : ''}`} title={marked?.get(f.key)} data-figure={f.key}>
          {num(figures[f.key])}
        </td>
      ))}
      {RATES.map((r) => {
        const value = c.rates[r.key][row];
        return (
          <td key={r.key} className={`num${marked?.has(r.key) ? ' outlier' : ''}`} title={marked?.get(r.key)} data-rate={r.key}>
            {value === null ? (
              <span className="unknown" title={rateOf(r, figures).why}>
                无法计算
              </span>
            ) : (
              `${value}%`
            )}
          </td>
        );
      })}
    </tr>
  );
}
