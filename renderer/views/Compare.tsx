/**
 * Comparison views: a body's timeline (key figures, year-on-year change, rates, cross-year
 * findings linking to both reports, a chart), two reports side by side (tables 二 三 四 cell by
 * cell, chapters' text diff), and the overview of a year (sortable, filterable, parent totals,
 * outliers, copy as TSV/HTML, CSV export). Every figure is the API's, from the canonical cells;
 * unknown stays 未知 and rates that cannot be computed say 无法计算.
 */
import { useEffect, useMemo, useState } from 'react';
import type { BodySummary, BodyTimeline, RateValue, ReportComparison, YearOverview } from '../../core/api.ts';
import { KEY_FIGURES, RATES } from '../../core/compare/figures.ts';
import { useApi, useShell } from '../lib/apiContext.tsx';
import { TrendChart } from './TrendChart.tsx';
import { BodiesPanel } from './BodiesPanel.tsx';

export type CompareTab = 'timeline' | 'sideBySide' | 'overview' | 'bodies';

const num = (v: number | null | undefined) => (v == null ? <span className="unknown">未知</span> : String(v));
const rate = (r: RateValue) => (r.value === null ? <span className="unknown" title={r.why}>无法计算</span> : `${r.value}%`);
const change = (v: number | null | undefined) => (v == null ? '' : v > 0 ? `+${v}` : String(v));
const TIMELINE_FIGURES = KEY_FIGURES.map((f) => f.key);

export function CompareView({ initialTab = 'timeline', onOpen }: { initialTab?: CompareTab; onOpen: (id: string) => void }) {
  const api = useApi();
  const [tab, setTab] = useState<CompareTab>(initialTab);
  const [bodies, setBodies] = useState<BodySummary[]>([]);
  const [bodiesRevision, setBodiesRevision] = useState(0);
  useEffect(() => {
    void api.listBodies().then(setBodies);
  }, [api, bodiesRevision]);
  const tabButton = (id: CompareTab, label: string) => (
    <button type="button" role="tab" aria-selected={tab === id} className="nav-button" onClick={() => setTab(id)}>
      {label}
    </button>
  );
  return (
    <section className="compare-view" aria-label="比较">
      <div role="tablist" className="compare-tabs">
        {tabButton('timeline', '机关历年')}
        {tabButton('sideBySide', '两份报告对照')}
        {tabButton('overview', '年度总览')}
        {tabButton('bodies', '机关管理')}
      </div>
      {tab === 'timeline' && <TimelinePanel bodies={bodies} onOpen={onOpen} />}
      {tab === 'sideBySide' && <SideBySidePanel bodies={bodies} />}
      {tab === 'overview' && <OverviewPanel bodies={bodies} onOpen={onOpen} />}
      {tab === 'bodies' && <BodiesPanel bodies={bodies} onChanged={() => setBodiesRevision((r) => r + 1)} />}
    </section>
  );
}

function BodyPicker({ bodies, value, onChange, label }: { bodies: BodySummary[]; value: string; onChange: (id: string) => void; label: string }) {
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">—</option>
        {bodies.map((b) => (
          <option key={b.id} value={b.id}>
            {b.name}（{b.years.join('、')}）
          </option>
        ))}
      </select>
    </label>
  );
}

function TimelinePanel({ bodies, onOpen }: { bodies: BodySummary[]; onOpen: (id: string) => void }) {
  const api = useApi();
  const [body, setBody] = useState('');
  const [timeline, setTimeline] = useState<BodyTimeline | null>(null);
  useEffect(() => {
    if (!body && bodies.length) setBody(bodies[0].id);
  }, [bodies, body]);
  useEffect(() => {
    if (body) void api.bodyTimeline(body).then(setTimeline);
  }, [api, body]);
  const series = useMemo(
    () =>
      timeline
        ? ['received', 'granted', 'partial', 'denied', 'unavailable'].map((k) => ({ name: KEY_FIGURES.find((f) => f.key === k)!.label, values: timeline.years.map((y) => y.figures[k]) }))
        : [],
    [timeline],
  );
  return (
    <div className="timeline-panel" data-testid="timeline">
      <BodyPicker bodies={bodies} value={body} onChange={setBody} label="机关" />
      {timeline && (
        <>
          <h2>
            {timeline.body.name} <small>（{timeline.body.names.join('、')}）</small>
          </h2>
          <TrendChart years={timeline.years.map((y) => y.year)} series={series} label={`${timeline.body.name} 历年申请与办理结果`} />
          <table className="grid compare-table">
            <thead>
              <tr>
                <th>指标</th>
                {timeline.years.map((y) => (
                  <th key={y.year}>
                    <button type="button" className="link" onClick={() => onOpen(y.id)}>
                      {y.year}
                    </button>
                    {y.versions.length > 1 && <small> {y.versions.length} 个版本</small>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {TIMELINE_FIGURES.map((k) => (
                <tr key={k}>
                  <th scope="row">{KEY_FIGURES.find((f) => f.key === k)!.label}</th>
                  {timeline.years.map((y) => (
                    <td key={y.year} className="num" data-figure={k} data-year={y.year}>
                      <span className="value">{num(y.figures[k])}</span> {y.change[k] != null && y.change[k] !== 0 && <small className="delta">（{change(y.change[k])}）</small>}
                    </td>
                  ))}
                </tr>
              ))}
              {RATES.map((r) => (
                <tr key={r.key} className="rate-row">
                  <th scope="row">{r.label}</th>
                  {timeline.years.map((y) => (
                    <td key={y.year} className="num">
                      {rate(y.rates[r.key])}
                    </td>
                  ))}
                </tr>
              ))}
              <tr>
                <th scope="row">五、问题与改进 与上年逐字相同</th>
                {timeline.years.map((y) => (
                  <td key={y.year} className="num">
                    {y.problemsRepeat?.percent == null ? '—' : `${y.problemsRepeat.percent}%`}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
          <h3>跨年度问题</h3>
          <ul className="cross-year-findings">
            {timeline.years.flatMap((y) =>
              y.crossYearFindings.map((f) => (
                <li key={`${y.id}:${f.key}`}>
                  <button type="button" className="link" onClick={() => onOpen(y.id)}>
                    {y.year}
                  </button>
                  {f.relatedReportId && (
                    <>
                      {' ↔ '}
                      <button type="button" className="link" onClick={() => onOpen(f.relatedReportId!)}>
                        {timeline.years.find((x) => x.id === f.relatedReportId)?.year ?? f.relatedReportId}
                      </button>
                    </>
                  )}
                  ：{f.message}
                </li>
              )),
            )}
          </ul>
        </>
      )}
    </div>
  );
}

function ReportPicker({ body, setBody, id, setId, bodies, label }: { body: string; setBody: (b: string) => void; id: string; setId: (id: string) => void; bodies: BodySummary[]; label: string }) {
  const api = useApi();
  const [rows, setRows] = useState<{ id: string; year: number | null; version: number }[]>([]);
  useEffect(() => {
    if (body) void api.listReports({ body, allVersions: true }).then((r) => setRows(r.filter((e) => e.bodyId === body)));
  }, [api, body]);
  return (
    <div className="report-picker">
      <BodyPicker bodies={bodies} value={body} onChange={setBody} label={label} />
      <select aria-label={`${label} 报告`} value={id} onChange={(e) => setId(e.target.value)}>
        <option value="">—</option>
        {rows.map((r) => (
          <option key={r.id} value={r.id}>
            {r.year ?? '?'} 第 {r.version} 版 {r.id}
          </option>
        ))}
      </select>
    </div>
  );
}

function SideBySidePanel({ bodies }: { bodies: BodySummary[] }) {
  const api = useApi();
  const [bodyA, setBodyA] = useState('');
  const [bodyB, setBodyB] = useState('');
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [result, setResult] = useState<ReportComparison | null>(null);
  const [onlyDiffs, setOnlyDiffs] = useState(true);
  useEffect(() => {
    if (a && b) void api.compareReports(a, b).then(setResult);
  }, [api, a, b]);
  const cells = result ? result.cells.filter((c) => !onlyDiffs || c.differs) : [];
  return (
    <div className="side-by-side" data-testid="side-by-side">
      <ReportPicker label="报告甲" bodies={bodies} body={bodyA} setBody={setBodyA} id={a} setId={setA} />
      <ReportPicker label="报告乙" bodies={bodies} body={bodyB} setBody={setBodyB} id={b} setId={setB} />
      {result && (
        <>
          <h2>
            {result.a.body} {result.a.year} ↔ {result.b.body} {result.b.year}
          </h2>
          <label>
            <input type="checkbox" checked={onlyDiffs} onChange={(e) => setOnlyDiffs(e.target.checked)} /> 只显示不同的单元格（{result.cells.filter((c) => c.differs).length} / {result.cells.length}）
          </label>
          <table className="grid compare-table">
            <thead>
              <tr>
                <th>单元格</th>
                <th>{result.a.year} {result.a.body}</th>
                <th>{result.b.year} {result.b.body}</th>
              </tr>
            </thead>
            <tbody>
              {cells.map((c) => (
                <tr key={c.cell} className={c.differs ? 'differs' : undefined} title={c.cell} data-cell={c.cell}>
                  <th scope="row">{c.label}</th>
                  <td className="num">{num(c.a)}</td>
                  <td className="num">{num(c.b)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>章节文字差异</h3>
          {result.chapters.map((ch) => (
            <details key={ch.key} open={!ch.same}>
              <summary>
                {ch.heading} {ch.same ? '（相同）' : ''}
              </summary>
              <p className="text-diff">
                {ch.parts.map((p, i) =>
                  p.kind === 'same' ? <span key={i}>{p.text}</span> : p.kind === 'added' ? <ins key={i}>{p.text}</ins> : <del key={i}>{p.text}</del>,
                )}
              </p>
            </details>
          ))}
        </>
      )}
    </div>
  );
}

/** Rows drawn at first (10,000 rows of 24 cells take seconds to draw); sorting, filtering, totals and copy use every row. */
const OVERVIEW_PAGE = 300;
/** One collator for every comparison: localeCompare with a locale builds one per call (seconds for 10,000 rows). */
const BODY_ORDER = new Intl.Collator('zh');

type SortKey = { kind: 'body' } | { kind: 'figure' | 'rate'; key: string };

function OverviewPanel({ bodies, onOpen }: { bodies: BodySummary[]; onOpen: (id: string) => void }) {
  const api = useApi();
  const shell = useShell();
  const years = useMemo(() => [...new Set(bodies.flatMap((b) => b.years))].sort((x, y) => y - x), [bodies]);
  const [year, setYear] = useState<number | null>(null);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ by: SortKey; desc: boolean }>({ by: { kind: 'body' }, desc: false });
  const [data, setData] = useState<YearOverview | null>(null);
  const [shownRows, setShownRows] = useState(OVERVIEW_PAGE);
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
  const rows = useMemo(() => {
    if (!data) return [];
    const shown = data.rows.filter((r) => !filter || r.body.includes(filter) || r.bodyId.includes(filter));
    const value = (r: (typeof shown)[number]) => (sort.by.kind === 'figure' ? r.figures[sort.by.key] : sort.by.kind === 'rate' ? r.rates[sort.by.key].value : null);
    return [...shown].sort((x, y) => {
      if (sort.by.kind === 'body') return BODY_ORDER.compare(x.bodyId, y.bodyId) * (sort.desc ? -1 : 1);
      const vx = value(x);
      const vy = value(y);
      if (vx === null) return vy === null ? 0 : 1; // unknown last, whatever the direction
      if (vy === null) return -1;
      return (vx - vy) * (sort.desc ? -1 : 1);
    });
  }, [data, filter, sort]);
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
  const tsv = () =>
    [
      ['机关', ...KEY_FIGURES.map((f) => f.label), ...RATES.map((r) => r.label)].join('\t'),
      ...rows.map((r) => [r.body, ...KEY_FIGURES.map((f) => r.figures[f.key] ?? ''), ...RATES.map((x) => r.rates[x.key].value ?? '无法计算')].join('\t')),
    ].join('\n');
  const html = () => `<table>${tsv()
    .split('\n')
    .map((line) => `<tr>${line.split('\t').map((c) => `<td>${c.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</td>`).join('')}</tr>`)
    .join('')}</table>`;
  const exportCsv = async () => {
    if (year === null) return;
    const file = await api.exportDataset({ year, format: 'csv', ids: rows.map((r) => r.id) });
    await shell.saveTextFile({ suggestedName: `年报库-${year}.csv`, text: new TextDecoder().decode(file.bytes) });
  };
  const exportXlsx = async () => {
    if (year === null) return;
    const file = await api.exportDataset({ year, format: 'xlsx', ids: rows.map((r) => r.id) });
    await shell.saveTextFile({ suggestedName: `年报库-${year}.xlsx`, text: '', bytes: file.bytes });
  };
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
        <table className="grid compare-table overview-table">
          <thead>
            <tr>
              {header('机关', { kind: 'body' })}
              {KEY_FIGURES.map((f) => header(f.label, { kind: 'figure', key: f.key }))}
              {RATES.map((r) => header(r.label, { kind: 'rate', key: r.key }))}
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, shownRows).map((r) => {
              const marked = new Map(r.outliers.map((o) => [o.key, o.why]));
              return (
                <tr key={r.id} data-id={r.id}>
                  <th scope="row">
                    <button type="button" className="link" onClick={() => onOpen(r.id)}>
                      {r.body}
                    </button>
                  </th>
                  {KEY_FIGURES.map((f) => (
                    <td key={f.key} className={`num${marked.has(f.key) ? ' outlier' : ''}`} title={marked.get(f.key)} data-figure={f.key}>
                      {num(r.figures[f.key])}
                    </td>
                  ))}
                  {RATES.map((x) => (
                    <td key={x.key} className={`num${marked.has(x.key) ? ' outlier' : ''}`} title={marked.get(x.key)}>
                      {rate(r.rates[x.key])}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">合计（{rows.length === data.rows.length ? data.rows.length : `${data.rows.length}，筛选前`}）</th>
              {KEY_FIGURES.map((f) => (
                <td key={f.key} className="num">
                  {num(data.totals[f.key])}
                </td>
              ))}
              <td colSpan={RATES.length} />
            </tr>
            {data.parents.map((p) => (
              <tr key={p.bodyId} className="parent-row">
                <th scope="row">
                  {p.bodyId}：本级 / 下级合计（{p.count}）
                </th>
                {KEY_FIGURES.map((f) => (
                  <td key={f.key} className="num">
                    {p.own ? num(p.own[f.key]) : '—'} / {num(p.subordinates[f.key])}
                  </td>
                ))}
                <td colSpan={RATES.length} />
              </tr>
            ))}
          </tfoot>
        </table>
      )}
      {rows.length > shownRows && (
        <button type="button" className="show-more" onClick={() => setShownRows((n) => n + OVERVIEW_PAGE * 10)}>
          已显示 {shownRows} / {rows.length} 行，显示更多
        </button>
      )}
    </div>
  );
}
