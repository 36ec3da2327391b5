/** Hostile HTML: nothing executable or hidden survives, only the report text. */
import { describe, expect, it } from 'vitest';
import { convertHtml } from '../../core/import/html.ts';
import { importDocument } from '../../core/ingest/index.ts';
import { allText, paragraphs, tables, utf8 } from './helpers.ts';

const HOSTILE = `<!doctype html><html><head>
<meta http-equiv="refresh" content="0;url=javascript:alert('跳转')">
<base href="javascript:alert(1)//">
<title>某市2023年政府信息公开工作年度报告</title>
<style>p::after { content: "样式注入文字"; } @import url("javascript:alert(1)");</style>
<script>alert("脚本文字"); document.body.innerHTML = "<p>注入段落</p>";</script>
</head>
<body onload="alert('加载事件')">
<img src="x" onerror="alert('图片错误事件')" alt="图片替代文字">
<svg onload="alert(1)"><script>alert("svg脚本文字")</script><text>矢量图文字</text></svg>
<iframe src="javascript:alert(1)" srcdoc="<p>内嵌框架文字</p>">框架回退文字</iframe>
<object data="evil.swf"><param name="x" value="y">插件回退文字</object>
<embed src="evil.swf">
<noscript><p>无脚本提示文字</p></noscript>
<template><p>模板文字</p></template>
<form action="javascript:alert(1)"><input value="输入框文字"><textarea>文本框文字</textarea><button onclick="alert(1)">按钮文字</button></form>
<div style="display: none">隐藏层文字</div>
<!-- 注释文字 <script>alert(1)</script> -->
<p onclick="alert('点击事件')" onmouseover="alert(2)">一、总体情况</p>
<p>本年度本机关认真贯彻<a href="JaVaScRiPt:alert('链接')">恶意链接文字</a>政府信息公开条例<a href="&#106;avascript:alert(1)">实体编码链接</a>，做好主动公开工作。<a href="/normal.html">正常链接文字</a></p>
<p>二、主动公开政府信息情况</p>
<table border="1" onmouseover="alert(1)">
<tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章<script>alert("单元格脚本")</script></td><td onclick="alert(1)">1<img src=x onerror=alert(1)></td><td>0<style>td{}</style></td><td>5</td></tr>
</table>
<p>六、其他需要报告的事项</p>
<p>无。<script>
</body></html>`;

describe('hostile HTML', () => {
  it('keeps the report text and nothing of scripts, styles, frames, forms, handlers or javascript: links', async () => {
    const doc = await convertHtml(utf8(HOSTILE), 'hostile.html');
    expect(paragraphs(doc)).toEqual([
      '某市2023年政府信息公开工作年度报告',
      '一、总体情况',
      '本年度本机关认真贯彻政府信息公开条例，做好主动公开工作。正常链接文字',
      '二、主动公开政府信息情况',
      '六、其他需要报告的事项',
      '无。',
    ]);
    expect(tables(doc)[0].rows.slice(1)).toEqual([
      ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      ['规章', '1', '0', '5'],
    ]);
    for (const text of allText(doc)) {
      expect(text).not.toContain('<');
      expect(text.toLowerCase()).not.toContain('script');
      expect(text.toLowerCase()).not.toContain('javascript:');
      expect(text).not.toMatch(/alert|onerror|onclick|onload/);
    }
    const joined = allText(doc).join('\n');
    for (const hidden of ['样式注入', '脚本文字', '注入段落', '图片', '矢量图', '框架', '插件', '无脚本', '模板', '输入框', '文本框', '按钮', '隐藏层', '注释', '恶意链接', '实体编码', '跳转', '加载事件']) {
      expect(joined, hidden).not.toContain(hidden);
    }
  });

  it('imports end to end with no markup or code in any chapter', async () => {
    const { parsed } = await importDocument(utf8(HOSTILE), 'hostile.html');
    const chapterText = [parsed.title, ...parsed.preamble, ...parsed.chapters.flatMap((c) => [c.heading, ...c.paragraphs])];
    for (const text of chapterText) {
      expect(text).not.toContain('<');
      expect(text.toLowerCase()).not.toContain('script');
      expect(text.toLowerCase()).not.toContain('javascript:');
    }
    expect(parsed.chapters.find((c) => c.id === 'overview')!.paragraphs).toEqual(['本年度本机关认真贯彻政府信息公开条例，做好主动公开工作。正常链接文字']);
  });
});
