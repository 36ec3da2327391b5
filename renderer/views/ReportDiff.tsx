/**
 * What differs between two reports (core/compare/side-by-side): the canonical cells of tables
 * 二 三 四 with both values, and each chapter's text with sentences removed / added. Shared by the
 * comparison view (两份报告对照) and the reader's versions menu (与第 N 版比较).
 */
import { useState } from 'react';
import type { ReportComparison } from '../../core/api.ts';

const num = (v: number | null | undefined) => (v == null ? <span className="unknown">未知</span> : String(v));

export interface ReportDiffProps {
  result: ReportComparison;
  /** Column headers of the two reports (default: year and body). */
  labels?: [string, string];
}

export function ReportDiff({ result, labels }: ReportDiffProps) {
  const [onlyDiffs, setOnlyDiffs] = useState(true);
  const [labelA, labelB] = labels ?? [`${result.a.year ?? ''} ${result.a.body}`, `${result.b.year ?? ''} ${result.b.body}`];
  const cells = result.cells.filter((c) => !onlyDiffs || c.differs);
  const differing = result.cells.filter((c) => c.differs).length;
  return (
    <div className="report-diff">
      <label>
        <input type="checkbox" checked={onlyDiffs} onChange={(e) => setOnlyDiffs(e.target.checked)} /> 只显示不同的单元格（{differing} / {result.cells.length}）
      </label>
      {onlyDiffs && differing === 0 && <p className="muted">表二、三、四的单元格全部相同。</p>}
      {cells.length > 0 && (
        <table className="grid compare-table">
          <thead>
            <tr>
              <th>单元格</th>
              <th>{labelA}</th>
              <th>{labelB}</th>
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
      )}
      <h3>章节文字差异</h3>
      {result.chapters.map((ch) => (
        <details key={ch.key} open={!ch.same} data-chapter={ch.key}>
          <summary>
            {ch.heading} {ch.same ? '（相同）' : ''}
          </summary>
          <p className="text-diff">
            {ch.parts.map((p, i) => (p.kind === 'same' ? <span key={i}>{p.text}</span> : p.kind === 'added' ? <ins key={i}>{p.text}</ins> : <del key={i}>{p.text}</del>))}
          </p>
        </details>
      ))}
    </div>
  );
}
