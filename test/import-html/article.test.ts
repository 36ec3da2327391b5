/** Finding the report inside site chrome, without relying on class names. */
import { describe, expect, it } from 'vitest';
import { convertHtml } from '../../core/import/html.ts';
import { allText, paragraphs, tables, utf8 } from './helpers.ts';

const REPORT = `
  <p>一、总体情况</p>
  <p>2021年，县政府办公室坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实政府信息公开条例，围绕县委县政府中心工作，持续深化政务公开，不断提升政府工作透明度，切实保障人民群众的知情权、参与权、表达权和监督权。</p>
  <p>二、主动公开政府信息情况</p>
  <table border="1"><tr><td colspan="4">第二十条第（一）项</td></tr>
    <tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
    <tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>
    <tr><td>行政规范性文件</td><td>12</td><td>3</td><td>40</td></tr></table>
  <p>三、收到和处理政府信息公开申请情况</p>
  <table border="1"><tr><td>申请人情况</td><td>自然人</td><td>总计</td></tr>
    <tr><td>一、本年新收政府信息公开申请数量</td><td>9</td><td>9</td></tr></table>
  <p>六、其他需要报告的事项</p>
  <p>本年度未收取信息处理费。</p>`;

const OLD_STYLE_PAGE = `<html><head><title>某某县人民政府办公室2021年政府信息公开工作年度报告 - 某某县人民政府</title></head><body>
<table width="1000" align="center"><tr><td><img src="banner.jpg" alt="某某县人民政府门户网站"></td></tr></table>
<table width="1000" align="center"><tr>
  <td width="200" valign="top">
    <table><tr><td><a href="/">网站首页</a></td></tr><tr><td><a href="/jggk">机构概况</a></td></tr><tr><td><a href="/zcwj">政策文件</a></td></tr></table>
    <div>通知公告：关于开展年度政府信息公开工作考核的通知已经发布，请各单位按要求报送材料。</div>
  </td>
  <td width="800" valign="top">
    <div>您现在的位置：<a href="/">首页</a> &gt; <a href="/xxgk">政府信息公开</a> &gt; 年度报告</div>
    <h2>某某县人民政府办公室2021年政府信息公开工作年度报告</h2>
    <div>发布时间：2022-01-20　来源：县政府办　浏览次数：<span id="hits">123</span></div>
    <div class="c1">${REPORT}</div>
    <div>【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
  </td>
</tr></table>
<div>Copyright © 2022 某某县人民政府 版权所有 主办：某某县人民政府办公室 地址：某某县人民路1号</div>
</body></html>`;

describe('article extraction', () => {
  it('finds the report in an old-style layout-table page with a sidebar, breadcrumb and footer', async () => {
    const doc = await convertHtml(utf8(OLD_STYLE_PAGE), 'old-style.html');
    expect(paragraphs(doc)).toEqual([
      '某某县人民政府办公室2021年政府信息公开工作年度报告',
      '一、总体情况',
      '2021年，县政府办公室坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实政府信息公开条例，围绕县委县政府中心工作，持续深化政务公开，不断提升政府工作透明度，切实保障人民群众的知情权、参与权、表达权和监督权。',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '六、其他需要报告的事项',
      '本年度未收取信息处理费。',
    ]);
    expect(tables(doc).map((t) => t.rows[t.rows.length - 1])).toEqual([
      ['行政规范性文件', '12', '3', '40'],
      ['一、本年新收政府信息公开申请数量', '9', '9'],
    ]);
    expect(doc.hints.title).toBe('某某县人民政府办公室2021年政府信息公开工作年度报告');
    expect(doc.hints.publishedAt).toBe('2022-01-20');
    expect(doc.hints.fields).toEqual({ 发布时间: '2022-01-20', 来源: '县政府办' });
    const joined = allText(doc).join('\n');
    for (const chrome of ['网站首页', '机构概况', '通知公告', '您现在的位置', '浏览次数', '打印', '关闭', 'Copyright', '版权所有']) {
      expect(joined, chrome).not.toContain(chrome);
    }
  });

  it('does not take a column name without a year for the report title', async () => {
    const page = `<html><head><title>政府信息公开年报_某某市人民政府</title></head><body><div>${REPORT}</div></body></html>`;
    const doc = await convertHtml(utf8(page), 'column-title.html');
    expect(doc.hints.title).toBeUndefined();
    expect(paragraphs(doc)[0]).toBe('一、总体情况');
  });

  it('splits preformatted text into paragraphs at its line breaks', async () => {
    const page = `<pre>某某市2022年政府信息公开工作年度报告\n\n一、总体情况\n2022年，某某市持续深化政务公开工作。</pre>`;
    const doc = await convertHtml(utf8(page), 'pre.html');
    expect(paragraphs(doc)).toEqual(['某某市2022年政府信息公开工作年度报告', '一、总体情况', '2022年，某某市持续深化政务公开工作。']);
  });
});
