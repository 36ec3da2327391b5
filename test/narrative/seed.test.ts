/** The narrative view of the real seed report, imported through the whole pipeline. */
import { describe, expect, it } from 'vitest';
import { readFixture } from '../support/fixtures.ts';
import { importDocument } from '../../core/ingest/index.ts';
import { narrateTable } from '../../core/narrative.ts';

describe('narrating the seed report', () => {
  it('tells tables 二, 三 and the review group of 四 from the imported cells', async () => {
    const { parsed } = await importDocument(readFixture('seed', 'yichun-2022.txt'), 'yichun-2022.txt');
    expect(narrateTable(parsed, 'proactive')).toEqual([
      '本年未制发、废止规章，无现行有效规章。',
      '本年制发行政规范性文件 147 件，废止 55 件，现行有效 379 件。',
      '本年作出行政许可处理决定 211704 件。',
      '本年作出行政处罚处理决定 72105 件。',
      '本年作出行政强制处理决定 1662 件。',
      '本年行政事业性收费金额 15781.34226 万元。',
    ]);
    const applications = narrateTable(parsed, 'applications');
    expect(applications[0]).toBe('本年新收政府信息公开申请 138 件，其中自然人 134 件、商业企业 3 件、社会公益组织 1 件。');
    expect(applications[4]).toBe('实质公开率 68.8%（予以公开与部分公开共 95 件，占新收与上年结转申请 138 件）。');
    const review = narrateTable(parsed, 'reviewLitigation');
    expect(review[0]).toBe('行政复议 5 件，其中结果维持 2 件、结果纠正 1 件、尚未审结 2 件，纠正率 20.0%。');
    // The litigation group the importer could not place is not told as 0.
    expect(review.some((s) => s.includes('无法读取'))).toBe(true);
  });
});
