import { describe, expect, it } from 'vitest';
import { convertText, textToBlocks } from '../../core/import/text.ts';
import { ImportError } from '../../core/common/document.ts';
import { buildReport } from '../../core/parse/index.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const paragraphs = (text: string) => textToBlocks(text).flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));

describe('text converter', () => {
  it('drops page numbers in their usual forms', () => {
    const text = ['一、总体情况', '今年共公开信息', '— 3 —', '120 条，', '- 4 -', '第5页', '第 6 页 共 9 页', '７', '6/9', '均已按时发布。'].join('\n');
    expect(paragraphs(text)).toEqual(['一、总体情况', '今年共公开信息120 条，均已按时发布。']);
  });

  it('drops running headers repeated on every page but keeps the title line', () => {
    const header = '某某区人民政府2022年政府信息公开工作年度报告';
    const text = [header, '一、总体情况', '第一段内容。', header, '第二段内容。', header, '第三段内容。', header, '二、主动公开政府信息情况'].join('\n');
    expect(paragraphs(text)).toEqual([header, '一、总体情况', '第一段内容。', '第二段内容。', '第三段内容。', '二、主动公开政府信息情况']);
  });

  it('keeps headings as paragraphs of their own and does not join them to the text', () => {
    expect(paragraphs('（一）加强组织领导\n\n成立工作专班，\n定期研究。\n（二）完善制度\n')).toEqual(['（一）加强组织领导', '成立工作专班，定期研究。', '（二）完善制度']);
  });

  it('closes spaces an extraction put between Chinese characters', () => {
    expect(paragraphs('本 年度 办理 结果 较 上年 有所 增加。')).toEqual(['本年度办理结果较上年有所增加。']);
    expect(paragraphs('全市共办理政府信息公开申请 138 件。')).toEqual(['全市共办理政府信息公开申请 138 件。']);
  });

  it('strips Markdown bold markers and heading marks', () => {
    expect(paragraphs('## 五、存在的主要问题及改进情况\n**一是**加强培训。**二是**完善制度。')).toEqual(['五、存在的主要问题及改进情况', '一是加强培训。二是完善制度。']);
  });

  it('turns consecutive tab-separated lines into one table, across a blank line', () => {
    const blocks = textToBlocks('表头\n信息内容\t本年制发件数\n规章\t0\n\n行政规范性文件\t12\n后文。');
    expect(blocks).toEqual([
      { kind: 'paragraph', text: '表头' },
      { kind: 'table', rows: [['信息内容', '本年制发件数'], ['规章', '0'], ['行政规范性文件', '12']] },
      { kind: 'paragraph', text: '后文。' },
    ]);
  });

  it('reads paragraphs indented with tabs as text, and a label with empty tab cells as a table row', () => {
    expect(textToBlocks('\t一、总体情况\n\t2022年，全市共公开信息\n\t120 条。\n')).toEqual([
      { kind: 'paragraph', text: '一、总体情况' },
      { kind: 'paragraph', text: '2022年，全市共公开信息120 条。' },
    ]);
    expect(textToBlocks('规章\t0\t0\t0\n\t\t7.属于行政执法案卷\t\t\t\n')).toEqual([
      { kind: 'table', rows: [['规章', '0', '0', '0'], ['', '', '7.属于行政执法案卷', '', '', '']] },
    ]);
  });

  it('puts a row label printed on its own line back in front of its numbers', () => {
    const text = [
      '一、本年新收政府信息公开申请数量',
      '134 3 0 1 0 0 138',
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
      '28 0 0 0 0 0 28',
      '五、存在的主要问题及改进情况',
    ].join('\n');
    expect(textToBlocks(text)).toEqual([
      {
        kind: 'table',
        rows: [
          ['一、本年新收政府信息公开申请数量', '134', '3', '0', '1', '0', '0', '138'],
          ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '28', '0', '0', '0', '0', '0', '28'],
        ],
      },
      { kind: 'paragraph', text: '五、存在的主要问题及改进情况' },
    ]);
  });

  it('keeps a table whole across a page break with a page number and a running header', () => {
    const header = '某某县2022年政府信息公开工作年度报告';
    const text = [header, '一、总体情况', '无。', header, '规章\t0\t0\t0', '— 5 —', header, '行政规范性文件\t１２\t0\t３０', '二、其他', header].join('\n');
    expect(textToBlocks(text)).toEqual([
      { kind: 'paragraph', text: header },
      { kind: 'paragraph', text: '一、总体情况' },
      { kind: 'paragraph', text: '无。' },
      { kind: 'table', rows: [['规章', '0', '0', '0'], ['行政规范性文件', '１２', '0', '３０']] },
      { kind: 'paragraph', text: '二、其他' },
    ]);
  });

  it('turns a Markdown pipe table into a grid table block', () => {
    const blocks = textToBlocks('| 信息内容 | 本年处理决定数量 |\n|---|:---:|\n| 行政许可 | 415 |\n| 行政处罚 |\n');
    expect(blocks).toEqual([
      {
        kind: 'table',
        rows: [['信息内容', '本年处理决定数量'], ['行政许可', '415'], ['行政处罚', '']],
        copies: [[false, false], [false, false], [false, false]],
      },
    ]);
  });

  it('decodes GB18030 text', async () => {
    const gbk = new Uint8Array([0xd2, 0xbb, 0xa1, 0xa2, 0xd7, 0xdc, 0xcc, 0xe5, 0xc7, 0xe9, 0xbf, 0xf6]); // 一、总体情况
    const doc = await convertText(gbk, 'gbk.txt');
    expect(doc.blocks).toEqual([{ kind: 'paragraph', text: '一、总体情况' }]);
  });

  it('rejects an empty file, binary garbage and text that is not a report with ImportError', async () => {
    await expect(convertText(enc('  \n\n '), 'empty.txt')).rejects.toThrow(ImportError);
    const garbage = new Uint8Array(4000).map((_, i) => (i * 37) % 256);
    await expect(convertText(garbage, 'garbage.txt')).rejects.toThrow(ImportError);
    const recipe = await convertText(enc('红烧肉的做法\n\n五花肉切块，焯水后炒糖色，小火炖一小时。\n'), 'recipe.txt');
    expect(() => buildReport(recipe, 'recipe.txt')).toThrow(ImportError);
    expect(() => buildReport(recipe, 'recipe.txt')).toThrow(/不是政府信息公开年度报告/);
    const spreadsheet = await convertText(enc('姓名\t年龄\t城市\n张三\t30\t北京\n李四\t25\t上海\n'), 'people.tsv');
    expect(() => buildReport(spreadsheet, 'people.tsv')).toThrow(ImportError);
  });
});
