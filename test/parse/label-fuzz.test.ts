/**
 * Row labels as printed in the wild (issue #11): a label with one character missing, added or
 * changed still lands on its row — never on another row — and the report says the label
 * differed. Property test over every row of tables 二 and 三 (2021 template).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TableBlock } from '../../core/common/document.ts';
import { mapApplications } from '../../core/parse/tables/applications.ts';
import { mapProactive } from '../../core/parse/tables/proactive.ts';
import { buildReport } from '../../core/parse/index.ts';
import { APPLICATIONS_2021, PROACTIVE_2021 } from '../../core/spec.ts';
import { labelCore } from '../../core/parse/normalize.ts';

/** Characters a typo brings in: some of the template's own words among them. */
const TYPO_CHARS = [...'甲乙丙的了是在有和公开申请不予理信息法规行政件数'];

type Mutation = { kind: 'delete' | 'insert' | 'replace'; at: number; char: string };

function mutate(label: string, m: Mutation): string {
  const at = m.at % (m.kind === 'insert' ? label.length + 1 : label.length);
  if (m.kind === 'delete') return label.slice(0, at) + label.slice(at + 1);
  if (m.kind === 'insert') return label.slice(0, at) + m.char + label.slice(at);
  return label.slice(0, at) + m.char + label.slice(at + 1);
}

const mutation = fc.record({
  kind: fc.constantFrom('delete' as const, 'insert' as const, 'replace' as const),
  at: fc.nat(200),
  char: fc.constantFrom(...TYPO_CHARS),
});

/** Table 三 as a grid: a group cell (merged over its rows) and the row's label, then seven figures unique to the row. */
function applicationsGrid(labelOf: (rowIndex: number, label: string) => string): TableBlock {
  const rows: string[][] = [];
  const copies: boolean[][] = [];
  let lastGroup = '';
  APPLICATIONS_2021.rows.forEach((row, i) => {
    const label = labelOf(i, row.label);
    const group = row.group && row.group !== '三、本年度办理结果' ? row.group : label;
    const figures = [String(100 + i), '0', '0', '0', '0', '0', String(100 + i)];
    rows.push([group, label, ...figures]);
    copies.push([group === lastGroup && group !== label, group === label, ...figures.map(() => false)]);
    lastGroup = group;
  });
  return { kind: 'table', rows, copies };
}

function proactiveGrid(labelOf: (rowIndex: number, label: string) => string): TableBlock {
  const rows: string[][] = [['信息内容', '本年制发件数', '本年废止件数', '现行有效件数']];
  PROACTIVE_2021.rows.forEach((row, i) => {
    const label = labelOf(i, row.label);
    rows.push([label, ...row.columns.map((_, c) => String(10 * i + c + 1))]);
  });
  return { kind: 'table', rows };
}

describe('a label with one character missing, added or changed', () => {
  it('lands on its row of table 三 and on no other row', () => {
    fc.assert(
      fc.property(fc.nat(APPLICATIONS_2021.rows.length - 1), mutation, (k, m) => {
        const original = APPLICATIONS_2021.rows[k].label;
        const mutated = mutate(original, m);
        // A typo that makes another real label (总计 → 小计, a subtotal) is that label, not a typo.
        fc.pre(labelCore(mutated) !== '小计');
        const { table } = mapApplications([applicationsGrid((i, label) => (i === k ? mutated : label))], APPLICATIONS_2021);
        APPLICATIONS_2021.rows.forEach((row, i) => {
          expect(table.cells[row.id].natural.value, `${row.id} (mutated ${original} → ${mutated})`).toBe(100 + i);
        });
      }),
      { numRuns: 600, seed: 20250111 },
    );
  });

  it('lands on its row of table 二 and on no other row', () => {
    fc.assert(
      fc.property(fc.nat(PROACTIVE_2021.rows.length - 1), mutation, (k, m) => {
        const mutated = mutate(PROACTIVE_2021.rows[k].label, m);
        const { table } = mapProactive([proactiveGrid((i, label) => (i === k ? mutated : label))], PROACTIVE_2021);
        PROACTIVE_2021.rows.forEach((row, i) => {
          expect(table.cells[row.id][row.columns[0].id].value, `${row.id} (${mutated})`).toBe(10 * i + 1);
        });
      }),
      { numRuns: 300, seed: 20250111 },
    );
  });

  it('matches the wild labels of real reports and records that they differed', () => {
    const wild: Record<number, string> = {
      5: '2.其他法律行政法规禁止开', // a character missing
      6: "3.危及'三安全一稳定'", // other quotes
      12: '1.本机关不掌握相关政府信', // shortened
      16: '2.重复申清', // a typo
    };
    const block = applicationsGrid((i, label) => wild[i] ?? label);
    const r = buildReport(
      { mediaType: 'text/html', blocks: [{ kind: 'paragraph', text: '三、收到和处理政府信息公开申请情况' }, block], hints: { fields: {} } },
      'r.html',
    );
    const cells = r.tables.applications!.cells;
    expect([cells['denied.lawForbidden'].natural.value, cells['denied.securityStability'].natural.value]).toEqual([105, 106]);
    expect([cells['unavailable.notHeld'].natural.value, cells['notProcessed.duplicate'].natural.value]).toEqual([112, 116]);
    // Only other quotes is no difference of wording.
    expect(r.tables.applications!.printedLabels).toEqual({
      'denied.lawForbidden': '2.其他法律行政法规禁止开',
      'unavailable.notHeld': '1.本机关不掌握相关政府信',
      'notProcessed.duplicate': '2.重复申清',
    });
    expect(r.importNotes).toEqual([
      '三、收到和处理政府信息公开申请情况：行标签“2.其他法律行政法规禁止开”与模板“2.其他法律行政法规禁止公开”不同，已按相近的模板行读取 (row label differs from the template: matched to the nearest row)',
      '三、收到和处理政府信息公开申请情况：行标签“1.本机关不掌握相关政府信”与模板“1.本机关不掌握相关政府信息”不同，已按相近的模板行读取 (row label differs from the template: matched to the nearest row)',
      '三、收到和处理政府信息公开申请情况：行标签“2.重复申清”与模板“2.重复申请”不同，已按相近的模板行读取 (row label differs from the template: matched to the nearest row)',
    ]);
  });
});
