/** Issue 13: the archive-wide findings as work — filters, groups, one row per cross-year pair, bulk dismiss, 问题清单. */
import './setup.ts';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FindingRow } from '../../core/api.ts';
import type { ShellBridge } from '../../core/channels.ts';
import { checklistHtml, filterFindings, NO_FINDING_FILTERS, onePerPair } from '../../renderer/lib/findings-list.ts';
import { FindingsView } from '../../renderer/views/Findings.tsx';
import { fakeApi, stubElementSize } from './fixtures.ts';
import { renderWith } from './render.tsx';

afterEach(cleanup);

// jsdom does no layout: give the scroll area a size so the virtualizer renders rows.
beforeAll(() => stubElementSize(1000, 700));

const row = (over: Partial<FindingRow>): FindingRow => ({
  rule: 'applications.balance',
  key: 'applications.balance:natural',
  status: 'fail',
  severity: 'error',
  message: '自然人一列：本年新收与上年结转之和不等于办理结果总计与结转下年度之和。',
  cells: [],
  left: 10,
  right: 11,
  reportId: 'r1',
  body: '伊春市人民政府',
  year: 2022,
  ...over,
});

const carry = (reportId: string, year: number, related: string) =>
  row({ rule: 'crossYear.carryOver', key: 'crossYear.carryOver:total', message: '本年上年结转数与上一年度结转下年度继续办理数不一致。', reportId, year, relatedReportId: related, body: '鹤岗市人民政府', left: 3, right: 5 });

const ROWS: FindingRow[] = [row({}), row({ reportId: 'r2', year: 2021, severity: 'warning', key: 'k2' }), carry('h2022', 2022, 'h2021'), carry('h2021', 2021, 'h2022')];

describe('findings list (pure)', () => {
  it('lists a cross-year mismatch once, on the later report, with the earlier one as its pair', () => {
    const listed = onePerPair(ROWS);
    expect(listed.filter((l) => l.row.rule === 'crossYear.carryOver').map((l) => [l.row.reportId, l.pair?.reportId])).toEqual([['h2022', 'h2021']]);
    expect(listed).toHaveLength(3);
  });

  it('filters by body, year, rule and severity', () => {
    expect(filterFindings(ROWS, { ...NO_FINDING_FILTERS, body: '鹤岗' })).toHaveLength(2);
    expect(filterFindings(ROWS, { ...NO_FINDING_FILTERS, year: 2021 }).map((r) => r.reportId)).toEqual(['r2', 'h2021']);
    expect(filterFindings(ROWS, { ...NO_FINDING_FILTERS, severity: 'warning' }).map((r) => r.reportId)).toEqual(['r2']);
    expect(filterFindings(ROWS, { ...NO_FINDING_FILTERS, rule: 'crossYear.carryOver', year: 2021 }).map((r) => r.reportId)).toEqual(['h2021']);
  });

  it('writes the 问题清单 with body, year, rule, message and both sides, as text (no markup injection)', () => {
    const html = checklistHtml(onePerPair([row({ message: '<b>x</b> 不等' }), ...ROWS.slice(2)]), {
      title: '问题清单',
      header: ['机关', '年度', '规则', '严重程度', '问题说明', '左边', '右边'],
      ruleName: (r) => (r === 'crossYear.carryOver' ? '跨年度结转' : '办理情况平衡'),
      severity: () => '错误',
      year: (y) => String(y),
      pair: (y) => `（对照 ${y} 年报告）`,
    });
    expect(html).toContain('<td>伊春市人民政府</td><td>2022</td><td>办理情况平衡</td><td>错误</td><td>&lt;b&gt;x&lt;/b&gt; 不等</td><td>10</td><td>11</td>');
    expect(html).toContain('本年上年结转数与上一年度结转下年度继续办理数不一致。（对照 2021 年报告）</td><td>3</td><td>5</td>');
    expect(html.match(/<tr>/g)).toHaveLength(3); // header + 2 rows
  });
});

describe('Findings view', () => {
  it('the English UI shows each finding in English; a finding stored without an English sentence shows its Chinese one', async () => {
    const api = fakeApi();
    const english = row({ messageEn: 'Column “自然人”: “新收” 10 does not equal “办理结果总计” 11 (difference 1).' });
    const stored = row({ reportId: 'r2', key: 'k2', message: '旧报告的中文说明。' });
    api.listFindings = vi.fn(async () => [english, stored]);
    renderWith(api, <FindingsView revision={0} onOpen={() => {}} />, { lang: 'en' });
    expect(await screen.findByText(english.messageEn!)).toBeTruthy();
    expect(screen.getByText('旧报告的中文说明。')).toBeTruthy();
    expect(screen.queryByText(english.message)).toBeNull();
    cleanup();
    renderWith(api, <FindingsView revision={1} onOpen={() => {}} />);
    expect(await screen.findByText(english.message)).toBeTruthy();
  });

  it('renders 1,886 findings without rendering 1,886 rows (virtualized), grouped by report', async () => {
    const many = Array.from({ length: 1886 }, (_, i) => row({ reportId: `r${Math.floor(i / 3)}`, key: `k${i}`, body: `机关${Math.floor(i / 3)}` }));
    const api = fakeApi();
    api.listFindings = vi.fn(async () => many);
    renderWith(api, <FindingsView revision={0} onOpen={() => {}} />);
    await screen.findByText('1886 个问题 · 629 份报告');
    const slots = document.querySelectorAll('.finding-slot');
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.length).toBeLessThan(100);
    expect(document.querySelector('.finding-group-head')!.textContent).toContain('机关0');
  });

  it('dismisses the selected findings with one reason (a pair with its other half) and exports the checklist', async () => {
    const api = fakeApi();
    api.listFindings = vi.fn(async () => ROWS);
    const dismissFinding = vi.fn(async () => ({}) as never);
    api.dismissFinding = dismissFinding;
    const saveTextFile = vi.fn(async () => true);
    const shell: ShellBridge = { onShellEvent: () => () => {}, saveTextFile, writeClipboard: vi.fn(async () => true) };
    renderWith(api, <FindingsView revision={0} onOpen={() => {}} />, { shell });
    await screen.findByText('3 个问题 · 3 份报告');
    expect(screen.getByText('打开 2021 年报告')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('全选所列问题'));
    fireEvent.change(screen.getByPlaceholderText('忽略理由'), { target: { value: '已与机关核实' } });
    fireEvent.click(screen.getByText('导出所选 3 项（Word）'));
    await waitFor(() => expect(saveTextFile).toHaveBeenCalled());
    expect((saveTextFile.mock.calls[0] as unknown as [{ suggestedName: string }])[0].suggestedName).toBe('问题清单.doc');
    fireEvent.click(screen.getByText('忽略所选（3）'));
    await waitFor(() => expect(dismissFinding).toHaveBeenCalledTimes(4));
    expect(dismissFinding).toHaveBeenCalledWith('h2021', 'crossYear.carryOver:total', '已与机关核实');
    expect(dismissFinding).toHaveBeenCalledWith('r1', 'applications.balance:natural', '已与机关核实');
  });
});
