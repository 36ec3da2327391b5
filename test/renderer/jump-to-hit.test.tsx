/** Issue 13: opening a search hit in a paragraph marks the matched words, not the whole paragraph. */
import './setup.ts';
import { cleanup, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Reader } from '../../renderer/views/Reader.tsx';
import { fakeApi, sampleReport } from './fixtures.ts';
import { renderWith } from './render.tsx';

afterEach(cleanup);

describe('Reader: jump to a search hit', () => {
  it('marks every occurrence of the hit\'s words in the paragraph and outlines the paragraph', async () => {
    const report = sampleReport();
    const chapter = report.chapters[0];
    const paragraph = chapter.paragraphs.findIndex((p) => p.length > 20);
    const text = chapter.paragraphs[paragraph];
    const term = text.slice(4, 8);
    renderWith(fakeApi([report]), <Reader id={report.id} target={{ where: { kind: 'chapter', chapter: chapter.key, paragraph }, terms: [term] }} />);
    const p = await waitFor(() => {
      const el = document.querySelector<HTMLElement>(`[data-paragraph="${chapter.key}:${paragraph}"]`);
      if (!el?.querySelector('mark')) throw new Error('not marked yet');
      return el;
    });
    expect(p.className).toBe('hit-paragraph');
    expect(p.textContent).toBe(text);
    const marks = [...p.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks.length).toBe(text.split(term).length - 1);
    expect(new Set(marks)).toEqual(new Set([term]));
  });
});

describe('Reader: skip links past a chapter\'s buttons', () => {
  it('each chapter has its own skip link, which moves focus to the chapter\'s text', async () => {
    const report = sampleReport();
    renderWith(fakeApi([report]), <Reader id={report.id} />);
    const links = await waitFor(() => {
      const found = [...document.querySelectorAll<HTMLAnchorElement>('.chapter-head a.skip-link')];
      if (found.length === 0) throw new Error('not rendered yet');
      return found;
    });
    expect(links).toHaveLength(report.chapters.length);
    expect(new Set(links.map((l) => l.textContent)).size).toBe(links.length);
    const chapter = report.chapters[0];
    links[0].click();
    expect(document.activeElement?.closest('section')?.id).toBe(`ch-${chapter.key}`);
    expect(document.activeElement?.closest('.chapter-head')).toBeNull();
  });
});
