/**
 * Mixed templates (issue #11): a 2021-template table 三 printing （六）其他处理 as a single row, as
 * the 2019 trial template did. Its figures go to otherHandling.other, the two other sub-rows stay
 * null with table.incomplete, a note says so, and the rules that do not need them still run.
 */
import { describe, expect, it } from 'vitest';
import type { TableBlock } from '../../core/common/document.ts';
import { buildReport } from '../../core/parse/index.ts';
import { validateReport } from '../../core/validate/index.ts';
import { tableValues } from '../../core/model.ts';
import { APPLICATIONS_2021 } from '../../core/spec.ts';

const COLS = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other', 'total'];
const row7 = (...v: (number | null)[]) => Object.fromEntries(COLS.map((c, i) => [c, v[i]]));
const Z = row7(0, 0, 0, 0, 0, 0, 0);

/** Hand-written figures: 10 received, 7 granted, 3 其他处理 (one row), no other result. */
const FIGURES: Record<string, string[]> = {
  received: ['10', '0', '0', '0', '0', '0', '10'],
  granted: ['7', '0', '0', '0', '0', '0', '7'],
  resultTotal: ['10', '0', '0', '0', '0', '0', '10'],
};
const ZEROS = ['0', '0', '0', '0', '0', '0', '0'];

function table(): TableBlock {
  const rows: string[][] = [['', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']];
  for (const row of APPLICATIONS_2021.rows) {
    if (row.id === 'otherHandling.noCorrection') rows.push(['（六）其他处理', '3', '0', '0', '0', '0', '0', '3']);
    if (row.id.startsWith('otherHandling.')) continue;
    rows.push([row.label, ...(FIGURES[row.id] ?? ZEROS)]);
  }
  return { kind: 'table', rows, copies: rows.map((r) => r.map(() => false)) };
}

describe('a 2021 table 三 with the 2019 single （六）其他处理 row', () => {
  const r = buildReport(
    {
      mediaType: 'text/html',
      blocks: [
        { kind: 'paragraph', text: '某某县2022年政府信息公开工作年度报告' },
        { kind: 'paragraph', text: '三、收到和处理政府信息公开申请情况' },
        table(),
      ],
      hints: { fields: {} },
    },
    'r.html',
  );

  it('maps the single row to otherHandling.other and leaves the two sub-rows null', () => {
    const v = tableValues(r.tables).applications!;
    expect(v['otherHandling.other']).toEqual(row7(3, 0, 0, 0, 0, 0, 3));
    expect(v['otherHandling.noCorrection']).toEqual(row7(null, null, null, null, null, null, null));
    expect(v['otherHandling.noFee']).toEqual(row7(null, null, null, null, null, null, null));
    expect([v.received, v.carriedOver, v.granted, v.partial, v.resultTotal, v.carriedForward]).toEqual([
      row7(10, 0, 0, 0, 0, 0, 10), Z, row7(7, 0, 0, 0, 0, 0, 7), Z, row7(10, 0, 0, 0, 0, 0, 10), Z,
    ]);
  });

  it('says so in a note and in table.incomplete findings of the two sub-rows', () => {
    expect(r.importNotes).toEqual([
      '三、收到和处理政府信息公开申请情况：“（六）其他处理”只印了一行（2019 年试行模板样式），其数字记为“3.其他”，另两个子行无法读取 (2019-style single （六）其他处理 row in a 2021 table)',
    ]);
    expect(r.parseFindings.map((f) => f.key).filter((k) => k.includes(':applications:'))).toEqual([
      'table.incomplete:applications:otherHandling.noCorrection',
      'table.incomplete:applications:otherHandling.noFee',
    ]);
  });

  it('keeps the rules that can still be checked: balance passes, result totals are not assessable', () => {
    const evs = validateReport(r);
    expect(evs.find((e) => e.key === 'applications.balance:total')?.status).toBe('pass');
    expect(evs.find((e) => e.key === 'applications.resultTotal:total')?.status).toBe('notAssessable');
    expect(evs.find((e) => e.key === 'applications.rowTotal:otherHandling.other')?.status).toBe('pass');
  });
});
