/**
 * Comparison views: a body's timeline (key figures, year-on-year change, rates, cross-year
 * findings linking to both reports, a chart), two reports side by side (tables 二 三 四 cell by
 * cell, chapters' text diff), and the overview of a year (sortable, filterable, parent totals,
 * outliers, copy, export: YearOverviewPanel.tsx). Every figure is the API's, from the canonical cells;
 * unknown stays 未知 and rates that cannot be computed say 无法计算.
 */
import { useEffect, useMemo, useState } from 'react';
import type { BodySummary, BodyTimeline, RateValue, ReportComparison } from '../../core/api.ts';
import { KEY_FIGURES, RATES } from '../../core/compare/figures.ts';
import { useApi } from '../lib/apiContext.tsx';
import { TrendChart } from './TrendChart.tsx';
import { BodiesPanel } from './BodiesPanel.tsx';
import { ReportDiff } from './ReportDiff.tsx';
import { YearOverviewPanel } from './YearOverviewPanel.tsx';

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
      {tab === 'overview' && <YearOverviewPanel bodies={bodies} onOpen={onOpen} />}
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
  useEffect(() => {
    if (a && b) void api.compareReports(a, b).then(setResult);
  }, [api, a, b]);
  return (
    <div className="side-by-side" data-testid="side-by-side">
      <ReportPicker label="报告甲" bodies={bodies} body={bodyA} setBody={setBodyA} id={a} setId={setA} />
      <ReportPicker label="报告乙" bodies={bodies} body={bodyB} setBody={setBodyB} id={b} setId={setB} />
      {result && (
        <>
          <h2>
            {result.a.body} {result.a.year} ↔ {result.b.body} {result.b.year}
          </h2>
          <ReportDiff result={result} />
        </>
      )}
    </div>
  );
}
