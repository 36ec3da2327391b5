import { describe, expect, it } from 'vitest';
import { appendCellLine, normalizeLine } from '../../core/import/html/text.ts';

const joinCellLines = (lines: string[]) => lines.reduce(appendCellLine, '');
import { convertHtml } from '../../core/import/html.ts';
import { allText, paragraphs, tables, utf8 } from './helpers.ts';

describe('inline text joining', () => {
  it('drops formatting whitespace between Chinese characters and between a number and its unit', () => {
    expect(normalizeLine('本年新收\n  政府信息')).toBe('本年新收政府信息');
    expect(normalizeLine('共办理 138 件')).toBe('共办理138件');
    expect(normalizeLine('2023\n年')).toBe('2023年');
  });

  it('keeps one space between Latin words and an explicit &nbsp; as a single space', () => {
    expect(normalizeLine('Word   document')).toBe('Word document');
    expect(normalizeLine('信息公开年报\u00a0\u00a0其他')).toBe('信息公开年报 其他');
    expect(normalizeLine('\u00a0\u00a0\u00a0\u3000签名')).toBe('签名');
    expect(normalizeLine('a\u200bb')).toBe('ab');
  });

  it('joins cell lines directly between CJK characters and with a space otherwise', () => {
    expect(joinCellLines(['本年新', '制作数量'])).toBe('本年新制作数量');
    expect(joinCellLines(['12', '34'])).toBe('12 34');
    expect(joinCellLines(['', '规章', ''])).toBe('规章');
  });

  it('re-joins one paragraph split over span/font/o:p/b tags without spurious spaces', async () => {
    const html = `<div><p class=MsoNormal><span lang=EN-US>2023</span><span><font face="仿宋">年，县</font></span>
      <b><span>发展和</span></b><span>改革局</span><o:p></o:p></p>
      <p><span style="mso-spacerun:yes">&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;</span>某某县人民政府办公室</p>
      第一行<br>第二行<div>第三行</div><ul><li>列表一</li><li>列表二</li></ul><h2>标题</h2>
      <p>一、<![if !supportLists]><span style='mso-list:Ignore'>（一）</span><![endif]>政府信息公开工作年度报告的正文段落</p></div>`;
    const doc = await convertHtml(utf8(html), 'inline.html');
    expect(paragraphs(doc)).toEqual([
      '2023年，县发展和改革局',
      '某某县人民政府办公室',
      '第一行',
      '第二行',
      '第三行',
      '列表一',
      '列表二',
      '标题',
      '一、（一）政府信息公开工作年度报告的正文段落',
    ]);
  });

  it('joins <br> inside a table cell per script: directly between CJK, else a space', async () => {
    const html = `<p>政府信息公开工作年度报告正文的一段文字，长度足够。</p><table border=1>
      <tr><td>信息内容</td><td>本年新<br/>制作数量</td><td>Total<br>count</td><td><p>商业</p><p>企业</p></td></tr>
      <tr><td>规章</td><td>&nbsp;</td><td> 12 </td><td><o:p>&nbsp;</o:p></td></tr></table>`;
    const doc = await convertHtml(utf8(html), 'cells.html');
    expect(tables(doc)[0].rows).toEqual([
      ['信息内容', '本年新制作数量', 'Total count', '商业企业'],
      ['规章', '', '12', ''],
    ]);
  });

  it('decodes character references in text, cells and attributes as a browser does, and escaped markup stays text', async () => {
    const html = `<title>某县人民政府2023年&#25919;府信息公开工作年度报告&mdash;某县</title><p>本机关&nbsp;依法&#20844;&#x5F00;&amp;答复&nbsp加&lt;script&gt;alert(1)&lt;/script&gt;</p>
      <table border=1><tr><td>信息内容</td><td>数量&#65288;件&#65289;</td></tr>
      <tr><td>规&#31456;</td><td>1&#50;</td></tr></table>
      <p style="display&#58;none">隐藏的段落</p>
      <p><a href="/a?x=1&amp=2&amp;y=3">链接</a></p>`;
    const doc = await convertHtml(utf8(html), 'entities.html');
    expect(paragraphs(doc)).toContain('本机关 依法公开&答复 加<script>alert(1)</script>');
    expect(tables(doc)[0].rows).toEqual([
      ['信息内容', '数量（件）'],
      ['规章', '12'],
    ]);
    expect(allText(doc).join('')).not.toContain('隐藏');
    expect(doc.hints.title).toBe('某县人民政府2023年政府信息公开工作年度报告');
  });
});

