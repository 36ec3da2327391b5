/** Truncated and empty pages: convert what is there, or a clear ImportError — never another error. */
import { describe, expect, it } from 'vitest';
import { convertHtml } from '../../core/import/html.ts';
import { importDocument } from '../../core/ingest/index.ts';
import { ImportError, type ConvertedDocument } from '../../core/common/document.ts';
import { allText, paragraphs, readFixture, readRealPage, tables, tableAfter, utf8 } from './helpers.ts';

async function outcome(run: () => Promise<unknown>): Promise<'ok' | 'import-error'> {
  try {
    await run();
    return 'ok';
  } catch (err) {
    if (err instanceof ImportError) return 'import-error';
    throw err;
  }
}

const cutPoints = (length: number, count: number) => Array.from({ length: count }, (_, i) => Math.floor(((i + 1) * length) / (count + 1)));

describe('truncated HTML', () => {
  for (const [name, bytes] of [
    ['yichun-2022.utf8.html', readFixture('yichun-2022.utf8.html')],
    ['yichun-2022.gbk.html', readFixture('yichun-2022.gbk.html')],
    ['shuyang-fgj-2023.html', readRealPage('shuyang-fgj-2023.html')],
  ] as const) {
    it(`${name}: every cut converts or throws ImportError, with no markup in the text`, async () => {
      for (const cut of cutPoints(bytes.length, 60)) {
        let doc: ConvertedDocument | undefined;
        const result = await outcome(async () => {
          doc = await convertHtml(bytes.subarray(0, cut), name);
        });
        if (result === 'ok') {
          for (const text of allText(doc!)) expect(text, `cut at ${cut}`).not.toMatch(/[<>]|\uFFFD/);
          for (const t of tables(doc!)) expect(new Set(t.rows.map((r) => r.length)).size, `cut at ${cut}`).toBe(1);
        }
      }
    });
  }

  it('a page cut inside table 三 keeps the paragraphs and the rows read so far', async () => {
    const full = new TextDecoder().decode(readFixture('yichun-2022.utf8.html'));
    const cut = full.indexOf('4.保护第三方合法权益') + '4.保护第三方合法权益'.length; // inside the row, before its figures
    const doc = await convertHtml(utf8(full.slice(0, cut) + '</td><td cla'), 'cut.html');
    expect(paragraphs(doc)).toContain('三、收到和处理政府信息公开申请情况');
    const t = tableAfter(doc, '三、收到和处理政府信息公开申请情况');
    expect(t.rows[t.rows.length - 2]).toEqual(['三、本年度办理结果', '（三）不予公开', '3.危及“三安全一稳定”', '1', '0', '0', '0', '0', '0', '1']);
    expect(t.rows[t.rows.length - 1].slice(0, 3)).toEqual(['三、本年度办理结果', '（三）不予公开', '4.保护第三方合法权益']);
    expect(t.rows[t.rows.length - 1].slice(3).every((c) => c === '')).toBe(true);
  });

  it('through importDocument: truncated pages give a report or an ImportError', async () => {
    const bytes = readFixture('yichun-2022.utf8.html');
    for (const cut of cutPoints(bytes.length, 12)) {
      expect(['ok', 'import-error']).toContain(await outcome(() => importDocument(bytes.subarray(0, cut), 'cut.html')));
    }
  });
});

describe('pages without a report', () => {
  it('a page that is only navigation → ImportError naming the file (未找到报告正文)', async () => {
    const nav = `<html><head><title>某某市人民政府</title></head><body>
      <div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/bsfw">办事服务</a></li></ul></div>
      <div class="footer"><a href="/about">关于我们</a> <a href="/map">网站地图</a></div></body></html>`;
    const err = await convertHtml(utf8(nav), 'nav-only.html').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).fileName).toBe('nav-only.html');
    expect((err as ImportError).message).toContain('nav-only.html');
    expect((err as ImportError).reason).toContain('未找到报告正文');
    await expect(importDocument(utf8(nav), 'nav-only.html')).rejects.toThrow(/未找到报告正文/);
  });

  it('an empty document, a script-only page and binary bytes named .html → ImportError', async () => {
    await expect(convertHtml(utf8('<html><body></body></html>'), 'empty.html')).rejects.toBeInstanceOf(ImportError);
    await expect(convertHtml(utf8('<script>var 报告 = "政府信息公开工作年度报告的全部正文内容都在脚本里";</script>'), 'js.html')).rejects.toBeInstanceOf(
      ImportError,
    );
    const binary = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    await expect(convertHtml(binary, 'binary.html')).rejects.toBeInstanceOf(ImportError);
  });

  it('the Shanghai fragment cut right after its title still converts what is there', async () => {
    const text = new TextDecoder().decode(readRealPage('shanghai-office-2019.html'));
    const doc = await convertHtml(utf8(text.slice(0, text.indexOf('一、总体情况') + 40)), 'shanghai-cut.html');
    expect(paragraphs(doc)[0]).toBe('2019年上海市人民政府办公厅政府信息公开工作年度报告');
  });
});
