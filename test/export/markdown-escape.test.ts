/** Markdown export: report text never becomes a live link, a remote image, HTML or a code span where the export is viewed. */
import { describe, expect, it } from 'vitest';
import { blocksToMarkdown, markdownCell, markdownParagraph } from '../../core/export/markdown.ts';

const HOSTILE = '详见[点我](javascript:alert(1))和![i](http://evil.example/t.png)，<img src=x onerror=alert(1)>，`code`，a|b';

/** Markup characters not preceded by a backslash (an escaped one is shown as text). */
const unescaped = (md: string) => md.match(/(?<!\\)[[\]!<`|]/g) ?? [];

describe('markdown export escaping', () => {
  it('escapes [ ] ! < backticks and pipes in paragraphs, headings and notes', () => {
    const md = blocksToMarkdown([
      { kind: 'title', text: HOSTILE },
      { kind: 'heading', text: HOSTILE },
      { kind: 'paragraph', text: HOSTILE },
      { kind: 'note', text: HOSTILE },
    ] as never);
    for (const line of md.split('\n').filter(Boolean)) expect(unescaped(line), line).toEqual([]);
    expect(md).toContain('\\[点我\\](javascript:alert(1))');
    expect(md).toContain('\\!\\[i\\](http://evil.example/t.png)');
  });

  it('escapes the same inside table cells (the pipe would otherwise split the cell)', () => {
    expect(unescaped(markdownCell(HOSTILE))).toEqual([]);
    expect(markdownCell('a|b')).toBe('a\\|b');
  });

  it('keeps ordinary Chinese text unchanged', () => {
    expect(markdownParagraph('本年度共收到政府信息公开申请 379 件。')).toBe('本年度共收到政府信息公开申请 379 件。');
  });
});
