import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURES, parseText, valuesOf } from './helpers.ts';

const yunling = readFileSync(new URL('yunling-2023.txt', FIXTURES), 'utf8');
const lines = yunling.split('\n');
const lineWith = (label: string) => {
  const i = lines.findIndex((l) => l.includes(label));
  if (i < 0) throw new Error(`fixture has no line with ${label}`);
  return i;
};
const edit = (fn: (ls: string[]) => void) => {
  const ls = [...lines];
  fn(ls);
  return ls.join('\n');
};

const reference = await parseText(yunling);

describe('table mapping is by label, not by position', () => {

  it('maps labels with spaces, full-width digits, half-width brackets and other quotes', async () => {
    const text = edit((ls) => {
      ls[lineWith('本年新收')] = ls[lineWith('本年新收')].replace('一、本年新收政府信息公开申请数量', '一、本 年 新收 政府信息 公开申请数量').replace('30\t4', '３０\t４');
      ls[lineWith('国家秘密')] = ls[lineWith('国家秘密')].replace('（三）不予公开', '(三) 不予公 开').replace('1.属于国家秘密', '１． 属于 国家 秘密');
      ls[lineWith('三安全一稳定')] = ls[lineWith('三安全一稳定')].replace('3.危及“三安全一稳定”', '3、危及"三安全一稳定"');
      ls[lineWith('不掌握')] = ls[lineWith('不掌握')].replace('（四）无法提供', '（四）无法 提供');
      ls[lineWith('3.其他')] = ls[lineWith('3.其他')].replace('3.其他', '３．其 他');
      ls[lineWith('行政规范性文件\t')] = ls[lineWith('行政规范性文件\t')].replace('行政规范性文件', '行政 规范性 文件');
    });
    const r = await parseText(text);
    expect(valuesOf(r, 'applications')).toEqual(valuesOf(reference, 'applications'));
    expect(valuesOf(r, 'proactive')).toEqual(valuesOf(reference, 'proactive'));
    expect(r.tables.applications!.cells.received.natural).toMatchObject({ value: 30, raw: '３０' });
    expect(r.parseFindings).toEqual([]);
  });

  it('maps rows printed in a different order', async () => {
    const text = edit((ls) => {
      const a = lineWith('本年新收');
      const b = lineWith('上年结转');
      [ls[a], ls[b]] = [ls[b], ls[a]];
      const c = lineWith('5.属于三类内部事务信息');
      const d = lineWith('8.属于行政查询事项');
      [ls[c], ls[d]] = [ls[d], ls[c]];
      const e = lineWith('行政处罚\t');
      const f = lineWith('行政强制\t');
      [ls[e], ls[f]] = [ls[f], ls[e]];
    });
    const r = await parseText(text);
    expect(valuesOf(r, 'applications')).toEqual(valuesOf(reference, 'applications'));
    expect(valuesOf(r, 'proactive')).toEqual(valuesOf(reference, 'proactive'));
  });

  it('numbers restart per group: "3." under （六）其他处理 is otherHandling.other, not a denied row', async () => {
    const r = await parseText(yunling);
    expect(r.tables.applications!.cells['otherHandling.other'].commercial).toMatchObject({ value: 1, raw: '1' });
    expect(r.tables.applications!.cells['denied.securityStability'].natural.value).toBe(1);
  });

  it('leaves a row that is not printed missing, with one table.incomplete finding, and guesses nothing', async () => {
    const text = edit((ls) => {
      ls.splice(lineWith('4.保护第三方合法权益'), 1);
    });
    const r = await parseText(text);
    const cells = r.tables.applications!.cells['denied.thirdParty'];
    expect(Object.keys(cells)).toEqual(['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other', 'total']);
    for (const cell of Object.values(cells)) expect(cell).toEqual({ value: null, state: 'missing', raw: '' });
    expect(r.parseFindings).toHaveLength(1);
    expect(r.parseFindings[0]).toMatchObject({
      rule: 'table.incomplete',
      key: 'table.incomplete:applications:denied.thirdParty',
      status: 'fail',
      severity: 'warning',
    });
    expect(r.parseFindings[0].cells).toHaveLength(7);
    const { 'denied.thirdParty': _, ...others } = valuesOf(r, 'applications');
    const { 'denied.thirdParty': __, ...referenceOthers } = valuesOf(reference, 'applications');
    expect(others).toEqual(referenceOthers);
  });

  it('leaves a row with a lost cell missing and keeps its raw text in the finding', async () => {
    const text = edit((ls) => {
      const i = lineWith('1.本机关不掌握相关政府信息');
      ls[i] = ls[i].replace('\t5\t1\t0\t0\t1\t0\t7', '\t5\t1\t0\t1\t0\t7');
    });
    const r = await parseText(text);
    expect(valuesOf(r, 'applications')['unavailable.notHeld']).toEqual([null, null, null, null, null, null, null]);
    expect(r.parseFindings.map((f) => f.key)).toEqual(['table.incomplete:applications:unavailable.notHeld']);
    expect(r.parseFindings[0].detail).toContain('1.本机关不掌握相关政府信息\t5\t1\t0\t1\t0\t7');
  });

  it('does not store printed subtotal rows of （三）–（六） as template rows', async () => {
    const text = edit((ls) => {
      const i = lineWith('1.属于国家秘密');
      ls.splice(i, 0, '\t（三）不予公开\t\t4\t0\t0\t0\t0\t0\t4');
      ls[i + 1] = ls[i + 1].replace('（三）不予公开', '');
    });
    const r = await parseText(text);
    expect(valuesOf(r, 'applications')).toEqual(valuesOf(reference, 'applications'));
    expect(r.parseFindings).toEqual([]);
  });

  it('keeps blank, slash and dash cells as such, never as 0', async () => {
    const text = edit((ls) => {
      const i = lineWith('7.属于行政执法案卷');
      ls[i] = ls[i].replace('\t0\t0\t0\t0\t0\t0\t0', '\t/\t—\t-\t \t0\t0\t0');
    });
    const r = await parseText(text);
    const cells = r.tables.applications!.cells['denied.enforcementFiles'];
    expect([cells.natural.state, cells.commercial.state, cells.research.state, cells.nonprofit.state]).toEqual(['slash', 'dash', 'dash', 'blank']);
    expect([cells.natural.value, cells.commercial.value, cells.research.value, cells.nonprofit.value]).toEqual([null, null, null, null]);
  });

  it('reports a missing statistical table as missing cells with one finding', async () => {
    const start = lineWith('四、政府信息公开行政复议');
    const text = edit((ls) => {
      ls.splice(start + 1, 6);
    });
    const r = await parseText(text);
    expect(valuesOf(r, 'reviewLitigation')).toEqual({
      review: [null, null, null, null, null],
      litigationDirect: [null, null, null, null, null],
      litigationAfterReview: [null, null, null, null, null],
    });
    expect(r.parseFindings.map((f) => f.key)).toEqual(['table.incomplete:reviewLitigation:table']);
    expect(r.parseFindings[0].cells).toHaveLength(15);
  });

  it('keeps "3.其他" in （六）其他处理 when the group label is broken over two rows', async () => {
    const text = edit((ls) => {
      const i = lineWith('1.申请人无正当理由逾期不补正');
      ls[i] = ls[i].replace('（六）其他处理', '（六）其他处');
      const j = lineWith('2.申请人逾期未按收费通知');
      ls[j] = ls[j].replace(/^\t\t/, '\t理\t');
    });
    const r = await parseText(text);
    expect(valuesOf(r, 'applications')).toEqual(valuesOf(reference, 'applications'));
    expect(r.parseFindings).toEqual([]);
  });

  it('maps a long label wrapped over two rows, the numbers on the second', async () => {
    const text = edit((ls) => {
      const i = lineWith('1.申请人无正当理由逾期不补正');
      ls.splice(i, 1, '\t（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府', '\t\t信息公开申请\t1\t0\t0\t0\t0\t0\t1');
    });
    const r = await parseText(text);
    expect(valuesOf(r, 'applications')).toEqual(valuesOf(reference, 'applications'));
    expect(r.parseFindings).toEqual([]);
  });
});

describe('nothing from the source is dropped', () => {
  it('keeps notes inside statistical chapters, other tables as generic tables, and a 七 chapter and 附件 as extra chapters', async () => {
    const text = edit((ls) => {
      ls.splice(lineWith('（二）依申请公开'), 0, '全年发布信息分类如下：', '类别\t条数', '政策文件\t120', '通知公告\t301', '');
      ls.splice(lineWith('四、政府信息公开行政复议') , 0, '注：本表数据截至2023年12月31日。', '');
      ls.push('七、本机关政务公开工作机构', '', '局办公室负责政务公开日常工作。', '', '附件：政务公开目录', '', '目录一 机构概况');
    });
    const r = await parseText(text);
    expect(r.chapters.map((c) => c.key)).toEqual(['overview', 'proactive', 'applications', 'reviewLitigation', 'problems', 'other', 'extra-1', 'extra-2']);
    expect(r.chapters[6]).toEqual({ id: 'extra', key: 'extra-1', heading: '七、本机关政务公开工作机构', paragraphs: ['局办公室负责政务公开日常工作。'] });
    expect(r.chapters[7]).toMatchObject({ id: 'extra', heading: '附件：政务公开目录', paragraphs: ['目录一 机构概况'] });
    expect(r.chapters.find((c) => c.id === 'applications')!.paragraphs).toEqual(['注：本表数据截至2023年12月31日。']);
    expect(r.genericTables).toEqual([
      { caption: '全年发布信息分类如下：', chapterKey: 'overview', rows: [['类别', '条数'], ['政策文件', '120'], ['通知公告', '301']] },
    ]);
    expect(r.chapters.find((c) => c.id === 'other')!.paragraphs).toEqual(['本年度未收取信息处理费。', '云岭市生态环境局', '2024年1月18日']);
    expect(valuesOf(r, 'applications')).toEqual(valuesOf(reference, 'applications'));
  });
});
