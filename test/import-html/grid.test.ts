import { describe, expect, it } from 'vitest';
import { convertHtml } from '../../core/import/html.ts';
import { ImportError } from '../../core/common/document.ts';
import { paragraphs, tables, utf8 } from './helpers.ts';

const PROSE = '<p>本年度政府信息公开工作年度报告的说明文字，用来让页面有正文。</p>';
const convert = (tableHtml: string) => convertHtml(utf8(PROSE + tableHtml), 'grid.html');

describe('table grid expansion', () => {
  it('repeats merged text in every covered slot and marks the copies', async () => {
    const doc = await convert(`<table>
      <tr><td rowspan="2" colspan="2">合并</td><td>甲</td></tr>
      <tr><td>乙</td></tr>
      <tr><td>丙</td><td colspan="2">丁</td></tr></table>`);
    const [t] = tables(doc);
    expect(t.rows).toEqual([
      ['合并', '合并', '甲'],
      ['合并', '合并', '乙'],
      ['丙', '丁', '丁'],
    ]);
    expect(t.copies).toEqual([
      [false, true, false],
      [true, true, false],
      [false, false, true],
    ]);
  });

  it('pads rows whose colspans disagree with the header and clamps rowspans past the last row', async () => {
    const doc = await convert(`<table><tbody>
      <tr><td>信息内容</td><td>上一年项目数量</td><td colspan="2">本年增/减</td><td>处理决定数量</td></tr>
      <tr><td>行政许可</td><td colspan="2">0</td><td>0</td></tr>
      <tr><td rowspan="9">短</td><td>1</td></tr></tbody></table>`);
    const [t] = tables(doc);
    expect(t.rows).toEqual([
      ['信息内容', '上一年项目数量', '本年增/减', '本年增/减', '处理决定数量'],
      ['行政许可', '0', '0', '0', ''],
      ['短', '1', '', '', ''],
    ]);
    expect(t.copies![1]).toEqual([false, false, true, false, false]);
  });

  it('flattens a small nested table into its cell and walks a layout table as a container', async () => {
    const nested = await convert(`<table><tr><td>名称</td><td><table><tr><td>内层</td></tr><tr><td>文字</td></tr></table></td></tr>
      <tr><td>规章</td><td>3</td></tr></table>`);
    expect(tables(nested)[0].rows).toEqual([
      ['名称', '内层文字'],
      ['规章', '3'],
    ]);
    const layout = await convertHtml(
      utf8(`<table width="100%"><tr><td><p>一、总体情况</p>${PROSE}
        <table border=1><tr><td>信息内容</td><td>本年制发件数</td></tr><tr><td>规章</td><td>2</td></tr></table></td></tr></table>`),
      'layout.html',
    );
    expect(paragraphs(layout)).toEqual(['一、总体情况', '本年度政府信息公开工作年度报告的说明文字，用来让页面有正文。']);
    expect(tables(layout).map((t) => t.rows)).toEqual([
      [
        ['信息内容', '本年制发件数'],
        ['规章', '2'],
      ],
    ]);
  });

  it('keeps tables where they sit among paragraphs', async () => {
    const doc = await convertHtml(
      utf8(`${PROSE}<p>二、主动公开政府信息情况</p><table><tr><td>规章</td><td>1</td></tr></table><p>三、收到和处理政府信息公开申请情况</p>`),
      'order.html',
    );
    expect(doc.blocks.map((b) => (b.kind === 'table' ? 'table' : b.text))).toEqual([
      '本年度政府信息公开工作年度报告的说明文字，用来让页面有正文。',
      '二、主动公开政府信息情况',
      'table',
      '三、收到和处理政府信息公开申请情况',
    ]);
  });

  it('bounds hostile spans instead of allocating a huge grid', async () => {
    const doc = await convert(`<table><tr><td colspan="999999" rowspan="999999">x</td></tr><tr><td>y</td></tr></table>`);
    const [t] = tables(doc);
    expect(t.rows.length).toBe(2);
    expect(t.rows[0].length).toBeLessThanOrEqual(1000);
    const rows = '<tr><td colspan="1000">z</td></tr>'.repeat(1100);
    await expect(convert(`<table>${rows}</table>`)).rejects.toBeInstanceOf(ImportError);
  });
});
