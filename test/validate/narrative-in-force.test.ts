/**
 * narrative.inForce (issue #11): the 现行有效 figure of the text of chapters 一/二 against table 二
 * (a real report's text and table disagree on it). The table is the seed's: 规章 0 in force,
 * 行政规范性文件 379 in force.
 */
import { describe, expect, it } from 'vitest';
import { validateReport } from '../../core/validate/index.ts';
import type { Chapter, ParsedReport } from '../../core/model.ts';
import { chapter, makeReport, sixChapters, withCells } from './build.ts';

function reportSaying(text: string, id: Chapter['id'] = 'proactive', over: Partial<ParsedReport> = {}): ParsedReport {
  return makeReport({ chapters: sixChapters().map((c) => (c.id === id ? chapter(id, [text]) : c)), ...over });
}
const inForce = (r: ParsedReport) =>
  validateReport(r)
    .filter((e) => e.rule === 'narrative.inForce')
    .map((e) => ({ key: e.key, status: e.status, severity: e.severity, left: e.left, right: e.right, cells: e.cells.map((c) => `${c.row}.${c.column}`) }));

describe('narrative.inForce', () => {
  it('passes when the text states the table\'s figure of normative documents in force', () => {
    expect(inForce(reportSaying('截至2022年底，全市现行有效行政规范性文件379件，均已在政府网站集中公开。'))).toEqual([
      { key: 'narrative.inForce:proactive.normativeDocuments.inForce', status: 'pass', severity: 'warning', left: 379, right: 379, cells: ['normativeDocuments.inForce'] },
    ]);
  });

  it('fails (a warning) when the text states another figure, with both sides', () => {
    const [e] = validateReport(reportSaying('全年制发行政规范性文件147件，废止55件，现行有效规范性文件共 381 件。')).filter((x) => x.rule === 'narrative.inForce');
    expect(e).toMatchObject({ status: 'fail', severity: 'warning', left: 381, right: 379 });
    expect(e.message).toBe('正文称“现行有效规范性文件共 381 件”，但表二行政规范性文件现行有效件数为 379。');
    expect(e.detail).toBe('全年制发行政规范性文件147件，废止55件，现行有效规范性文件共 381 件。');
  });

  it('checks 规章 against the regulations row, not the normative documents row', () => {
    expect(inForce(reportSaying('本机关现行有效规章2件。'))).toEqual([
      { key: 'narrative.inForce:proactive.regulations.inForce', status: 'fail', severity: 'warning', left: 2, right: 0, cells: ['regulations.inForce'] },
    ]);
    expect(inForce(reportSaying('规章现行有效0件，规范性文件现行有效379件。', 'overview')).map((e) => [e.key, e.status])).toEqual([
      ['narrative.inForce:proactive.regulations.inForce', 'pass'],
      ['narrative.inForce:proactive.normativeDocuments.inForce', 'pass'],
    ]);
  });

  it('reads both kinds listed in one clause', () => {
    expect(inForce(reportSaying('目前现行有效规章0件、行政规范性文件379件。')).map((e) => [e.key, e.status, e.left])).toEqual([
      ['narrative.inForce:proactive.regulations.inForce', 'pass', 0],
      ['narrative.inForce:proactive.normativeDocuments.inForce', 'pass', 379],
    ]);
  });

  it('is not assessable when the text does not say which kind it counts', () => {
    for (const text of ['经清理，现行有效规章和规范性文件379件。', '经清理，现行有效文件379件。']) {
      expect(inForce(reportSaying(text)).map((e) => [e.key, e.status, e.right])).toEqual([['narrative.inForce:proactive.inForce', 'notAssessable', null]]);
    }
  });

  it('is not assessable when the cell is unreadable, the table absent or the template has no 现行有效 column', () => {
    const text = '现行有效行政规范性文件 380 件。';
    expect(inForce(withCells(reportSaying(text), 'proactive', { normativeDocuments: { inForce: null } }))[0].status).toBe('notAssessable');
    const { proactive: _dropped, ...otherTables } = makeReport().tables;
    expect(inForce(reportSaying(text, 'proactive', { tables: otherTables }))[0].status).toBe('notAssessable');
    expect(inForce(reportSaying(text, 'proactive', { format: '2019-trial' }))[0].status).toBe('notAssessable');
  });

  it('reads nothing from sentences that state no figure in force', () => {
    for (const text of ['全年制发行政规范性文件147件。', '对现行有效的规范性文件进行了全面清理。', '现行有效规范性文件清单已在网站公布，共3类。']) {
      expect(inForce(reportSaying(text))).toEqual([]);
    }
    // Only the text about 主动公开 (chapters 一 and 二) is read.
    expect(inForce(reportSaying('现行有效规范性文件380件。', 'problems'))).toEqual([]);
  });
});
