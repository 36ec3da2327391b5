/** Issue 13: the narrative reads as natural Chinese — rates that cannot be computed, zeros said once. */
import { describe, expect, it } from 'vitest';
import { narrateTable } from '../../core/narrative.ts';
import { applicantRow, makeReport, reviewGroup, withCells } from '../validate/build.ts';

describe('narrative wording', () => {
  it('one pending review gives 纠正率无法计算, not 纠正率 0.0%', () => {
    const report = withCells(makeReport(), 'reviewLitigation', {
      review: reviewGroup([0, 0, 0, 1, 1]),
      litigationDirect: reviewGroup([0, 0, 0, 2, 2]),
      litigationAfterReview: reviewGroup([0, 0, 0, 0, 0]),
    });
    const sentences = narrateTable(report, 'reviewLitigation');
    expect(sentences[0]).toBe('行政复议 1 件，其中尚未审结 1 件，纠正率无法计算（1 件均尚未审结）。');
    expect(sentences[3]).toBe('行政诉讼共 2 件，结果纠正 0 件，纠正率无法计算（2 件均尚未审结）。');
    expect(sentences.join('')).not.toContain('0.0%');
  });

  it('does not stack zeros: 本年未制发、废止规章 with what is in force', () => {
    const report = withCells(makeReport(), 'proactive', { regulations: { issued: 0, repealed: 0, inForce: 12 } });
    expect(narrateTable(report, 'proactive')[0]).toBe('本年未制发、废止规章，现行有效 12 件。');
  });

  it('says nothing about blank 法人或其他组织 columns when there were no applications', () => {
    const report = withCells(makeReport(), 'applications', { carriedOver: applicantRow([0, '', '', '', '', '', 0]) });
    expect(narrateTable(report, 'applications')[1]).toBe('无上年结转的政府信息公开申请。');
  });
});
