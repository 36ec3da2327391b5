/**
 * narrative.mismatch must not read a figure of another subject (issue #11): sentences from real
 * reports whose figure sits next to 信息公开申请 but counts 行政复议, 咨询, 件次 of other things.
 * A figure the rule is unsure of (applications counted in 起 or 次) is not assessable, never a fail.
 */
import { describe, expect, it } from 'vitest';
import { validateReport } from '../../core/validate/index.ts';
import { extractFigures } from '../../core/validate/narrativeFigures.ts';
import type { Chapter, ParsedReport } from '../../core/model.ts';
import { chapter, makeReport, sixChapters } from './build.ts';

const read = (text: string, id: Chapter['id'] = 'overview') =>
  extractFigures([chapter(id as 'overview', [text])]).map((f) => [f.target, f.value]);

function withOverview(paragraphs: string[]): ParsedReport {
  return makeReport({ chapters: sixChapters().map((c) => (c.id === 'overview' ? chapter('overview', paragraphs) : c)) });
}
const mismatches = (r: ParsedReport) => validateReport(r).filter((e) => e.rule === 'narrative.mismatch');

describe('a figure pattern stays inside its clause and its subject', () => {
  it.each([
    // Real shapes: the figure after 信息公开申请 counts reviews, litigation, consultations, calls.
    ['全年办理因政府信息公开申请引发的行政复议3起、行政诉讼1起。', [['review', 3], ['litigation', 1]]],
    ['办理涉及政府信息公开申请的行政复议案件2件。', [['review', 2]]],
    ['受理群众咨询及政府信息公开申请20件。', []],
    ['答复政府信息公开申请相关咨询电话120件次。', []],
    ['通过热线电话答复信息公开咨询300余件次，受理政府信息公开申请 12 件。', [['applications', 12]]],
    ['收到政府信息公开申请后引发投诉举报2件。', []],
  ])('%s', (sentence, figures) => {
    expect(read(sentence)).toEqual(figures);
  });

  it('still reads the plain sentences (positive controls)', () => {
    expect(read('2022年，全市共办理政府信息公开申请 138 件，因政府信息公开被申请行政复议 5 件、行政诉讼 1 件。')).toEqual([
      ['applications', 138],
      ['review', 5],
      ['litigation', 1],
    ]);
    expect(read('收到 138 件政府信息公开申请。')).toEqual([['applications', 138]]);
  });

  it('gives no error for the 行政复议 sentence on a report whose tables add up', () => {
    const evs = mismatches(withOverview(['全年办理因政府信息公开申请引发的行政复议5起，行政诉讼1起。']));
    expect(evs.filter((e) => e.key.startsWith('narrative.mismatch:applications'))).toEqual([]);
  });
});

describe('units other than 件/个/条 for applications', () => {
  it('marks the figure unsure and says not assessable instead of fail', () => {
    const figures = extractFigures([chapter('overview', ['全年共受理政府信息公开申请140次。'])]);
    expect(figures.map((f) => [f.target, f.value, f.unsure])).toEqual([['applications', 140, true]]);
    // The seed's table: 138 received, 0 carried over — 140 matches neither reading.
    const [ev] = mismatches(withOverview(['全年共受理政府信息公开申请140次。']));
    expect([ev.key, ev.status]).toEqual(['narrative.mismatch:applications.received.total', 'notAssessable']);
    expect(ev.message).toContain('计量单位不是“件”');
  });

  it('still passes an unsure figure that agrees, and still fails a 件 figure that does not', () => {
    expect(mismatches(withOverview(['全年共受理政府信息公开申请138次。'])).map((e) => e.status)).toEqual(['pass']);
    const [ev] = mismatches(withOverview(['全年共受理政府信息公开申请140件。']));
    expect([ev.status, ev.severity]).toEqual(['fail', 'error']);
  });
});
