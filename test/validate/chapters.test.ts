import { describe, expect, it } from 'vitest';
import { validateReport } from '../../core/validate/index.ts';
import { chapter, makeReport, sixChapters } from './build.ts';

const chapterEvs = (...args: Parameters<typeof makeReport>) => validateReport(makeReport(...args)).filter((e) => e.rule === 'chapters.missing');

describe('chapters.missing', () => {
  it('passes for each of the six chapters when they are all there', () => {
    const evs = chapterEvs();
    expect(evs.map((e) => [e.key, e.status])).toEqual(
      ['overview', 'proactive', 'applications', 'reviewLitigation', 'problems', 'other'].map((id) => [`chapters.missing:${id}`, 'pass']),
    );
  });

  it('fails (warning) for an absent chapter, naming it', () => {
    const evs = chapterEvs({ chapters: sixChapters().filter((c) => c.id !== 'other') });
    const failing = evs.filter((e) => e.status === 'fail');
    expect(failing).toHaveLength(1);
    expect(failing[0]).toMatchObject({ key: 'chapters.missing:other', severity: 'warning', message: '缺少第六章“其他需要报告的事项”。' });
  });

  it('fails when chapter 五 is empty or just 无', () => {
    const withProblems = (paragraphs: string[]) => sixChapters().map((c) => (c.id === 'problems' ? chapter('problems', paragraphs) : c));
    for (const paragraphs of [[], [''], ['无'], ['无。'], ['暂无']]) {
      const ev = chapterEvs({ chapters: withProblems(paragraphs) }).find((e) => e.key === 'chapters.missing:problems')!;
      expect(ev.status, JSON.stringify(paragraphs)).toBe('fail');
      expect(ev.severity).toBe('warning');
    }
    const just = chapterEvs({ chapters: withProblems(['无。']) }).find((e) => e.key === 'chapters.missing:problems')!;
    expect(just.message).toBe('第五章“存在的主要问题及改进情况”只写了“无。”，没有说明问题和改进情况。');
    const real = chapterEvs({ chapters: withProblems(['无专人负责，将配备专人。']) }).find((e) => e.key === 'chapters.missing:problems')!;
    expect(real.status).toBe('pass');
  });

  it('counts a statistical chapter as present when its table was read without a heading', () => {
    const evs = chapterEvs({ chapters: sixChapters().filter((c) => c.id !== 'applications') });
    expect(evs.find((e) => e.key === 'chapters.missing:applications')!.status).toBe('pass');
  });

  it('applies to the 2019 trial template too, and keeps the printed heading as detail', () => {
    const chapters = sixChapters().map((c) => (c.id === 'problems' ? chapter('problems', ['队伍建设不足。'], '五、存在的主要问题及整改措施') : c));
    const ev = chapterEvs({ format: '2019-trial', chapters }).find((e) => e.key === 'chapters.missing:problems')!;
    expect(ev).toMatchObject({ status: 'pass', detail: '五、存在的主要问题及整改措施' });
  });
});
