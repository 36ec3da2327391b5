import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { declaredCharset, decodeHtmlBytes } from '../../core/import/html/charset.ts';
import { convertHtml } from '../../core/import/html.ts';
import { paragraphs } from './helpers.ts';

const PAGE = (meta: string) =>
  `<html><head>${meta}<title>某县2023年政府信息公开工作年度报告</title></head><body><p>一、总体情况</p><p>本年度共收到政府信息公开申请二十六件，均已按时答复。</p></body></html>`;

describe('charset detection', () => {
  it('reads <meta charset>, http-equiv content-type and the XML declaration from the head bytes', () => {
    const latin = (s: string) => new TextEncoder().encode(s);
    expect(declaredCharset(latin('<meta charset="GB2312">'))).toBe('gb2312');
    expect(declaredCharset(latin(`<meta http-equiv='Content-Type' content='text/html; charset=gbk'>`))).toBe('gbk');
    expect(declaredCharset(latin('<?xml version="1.0" encoding="GB18030"?><html>'))).toBe('gb18030');
    expect(declaredCharset(latin('<html><body><p>charset=gbk</p></body>'))).toBeUndefined();
  });

  it('decodes GBK bytes declared as gb2312, and as nothing at all', async () => {
    for (const meta of ['<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', '']) {
      const doc = await convertHtml(iconv.encode(PAGE(meta), 'gbk'), 'gbk.html');
      expect(paragraphs(doc)).toContain('本年度共收到政府信息公开申请二十六件，均已按时答复。');
    }
  });

  it('trusts the bytes over a stale meta: UTF-8 bytes with charset=gb2312 are not garbled', async () => {
    const doc = await convertHtml(new TextEncoder().encode(PAGE('<meta charset="gb2312">')), 'stale.html');
    expect(doc.hints.title).toBe('某县2023年政府信息公开工作年度报告');
    expect(paragraphs(doc)).toContain('本年度共收到政府信息公开申请二十六件，均已按时答复。');
  });

  it('keeps UTF-8 when the file is cut in the middle of a multi-byte character', () => {
    const bytes = new TextEncoder().encode('<meta charset="utf-8"><p>政府信息公开</p><p>年度报告');
    const cut = bytes.subarray(0, bytes.length - 1);
    const { text, encoding } = decodeHtmlBytes(cut);
    expect(encoding).toBe('utf-8');
    expect(text.endsWith('<p>年度报')).toBe(true);
  });
});
