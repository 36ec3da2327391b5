import { describe, expect, it } from 'vitest';
import { narrateReportTables, narrateTable } from '../../core/narrative.ts';
import { applicantRow, makeReport, reviewGroup, table, withCells } from '../validate/build.ts';

describe('narrateTable: applications (三)', () => {
  it('tells the seed table in sentences, omitting zero parts and giving the 实质公开率', () => {
    expect(narrateTable(makeReport(), 'applications')).toEqual([
      '本年新收政府信息公开申请 138 件，其中自然人 134 件、商业企业 3 件、社会公益组织 1 件。',
      '无上年结转的政府信息公开申请。',
      '本年度办理结果：予以公开 67 件，部分公开 28 件，' +
        '不予公开 16 件（其中属于国家秘密 1 件、其他法律行政法规禁止公开 5 件、危及“三安全一稳定” 1 件、保护第三方合法权益 7 件、属于三类内部事务信息 2 件），' +
        '无法提供 26 件（其中本机关不掌握相关政府信息 25 件、没有现成信息需要另行制作 1 件），' +
        '其他处理 1 件（其中申请人无正当理由逾期不补正 1 件），合计 138 件。',
      '无结转下年度继续办理的申请。',
      '实质公开率 68.8%（予以公开与部分公开共 95 件，占新收与上年结转申请 138 件）。',
    ]);
  });

  it('says empty cells honestly, never as 0, and cannot give a rate then', () => {
    const report = withCells(makeReport(), 'applications', {
      carriedOver: applicantRow([2, '/', '', 0, 0, 0, 2]),
      'denied.queryMatters': { total: '—' },
      carriedForward: applicantRow([null, null, null, null, null, null, null]),
      partial: { total: '见附注' },
    });
    expect(narrateTable(report, 'applications')).toEqual([
      '本年新收政府信息公开申请 138 件，其中自然人 134 件、商业企业 3 件、社会公益组织 1 件。',
      '上年结转政府信息公开申请 2 件，其中自然人 2 件、商业企业未填报、科研机构未填报。',
      '本年度办理结果：予以公开 67 件，部分公开无法读取（原文“见附注”），' +
        '不予公开（其中属于国家秘密 1 件、其他法律行政法规禁止公开 5 件、危及“三安全一稳定” 1 件、保护第三方合法权益 7 件、属于三类内部事务信息 2 件、属于行政查询事项未填报），' +
        '无法提供 26 件（其中本机关不掌握相关政府信息 25 件、没有现成信息需要另行制作 1 件），' +
        '其他处理 1 件（其中申请人无正当理由逾期不补正 1 件），合计 138 件。',
      '结转下年度继续办理的申请总数无法读取，其中自然人无法读取、法人或其他组织各列无法读取。',
      '实质公开率无法计算：部分公开无法读取（原文“见附注”）。',
    ]);
  });

  it('says 无 for an all-zero table and gives no rate without applications', () => {
    const zeros = Object.fromEntries(
      Object.keys(makeReport().tables.applications!.cells).map((row) => [row, applicantRow([0, 0, 0, 0, 0, 0, 0])]),
    );
    const report = makeReport();
    report.tables.applications = table('applications', zeros);
    expect(narrateTable(report, 'applications')).toEqual([
      '本年未新收政府信息公开申请。',
      '无上年结转的政府信息公开申请。',
      '本年度办理结果：无。',
      '无结转下年度继续办理的申请。',
    ]);
  });

  it('says once that the five 法人或其他组织 columns or a whole result group were left blank', () => {
    const blank = ['', '', '', '', ''];
    const report = withCells(makeReport(), 'applications', {
      received: applicantRow([138, ...blank, 138]),
      'notProcessed.complaint': { total: '' },
      'notProcessed.duplicate': { total: '' },
      'notProcessed.publication': { total: '' },
      'notProcessed.massRepeated': { total: '' },
      'notProcessed.confirmation': { total: '' },
    });
    const sentences = narrateTable(report, 'applications');
    // 自然人 accounts for the whole total: the blank 法人或其他组织 columns add nothing worth saying.
    expect(sentences[0]).toBe('本年新收政府信息公开申请 138 件，其中自然人 138 件。');
    expect(sentences[2]).toContain('没有现成信息需要另行制作 1 件），不予处理各项未填报，其他处理 1 件');
  });

  it('names the single 其他处理 row of the 2019 trial template', () => {
    const cells = Object.fromEntries(Object.entries(makeReport().tables.applications!.cells).filter(([row]) => !row.startsWith('otherHandling.')));
    const report = makeReport({ format: '2019-trial' });
    report.tables.applications = { id: 'applications', rawRows: [], cells: { ...cells, 'otherHandling.other': table('applications', { x: applicantRow([1, 0, 0, 0, 0, 0, 1]) }).cells.x } };
    expect(narrateTable(report, 'applications')[2]).toContain('无法提供 26 件（其中本机关不掌握相关政府信息 25 件、没有现成信息需要另行制作 1 件），其他处理 1 件，合计 138 件。');
  });
});

describe('narrateTable: reviewLitigation (四)', () => {
  it('tells each group with its parts and the 纠正率', () => {
    const report = withCells(makeReport(), 'reviewLitigation', {
      litigationDirect: reviewGroup([1, 1, 0, 1, 3]),
      litigationAfterReview: reviewGroup([0, 0, 0, 1, 1]),
    });
    expect(narrateTable(report, 'reviewLitigation')).toEqual([
      '行政复议 5 件，其中结果维持 2 件、结果纠正 1 件、尚未审结 2 件，纠正率 20.0%。',
      '未经复议直接起诉的行政诉讼 3 件，其中结果维持 1 件、结果纠正 1 件、尚未审结 1 件。',
      '复议后起诉的行政诉讼 1 件，其中尚未审结 1 件。',
      '行政诉讼共 4 件，结果纠正 1 件，纠正率 25.0%。',
    ]);
  });

  it('says 无 for empty groups and 无法读取 for groups the importer could not place (the seed)', () => {
    expect(narrateTable(makeReport(), 'reviewLitigation')).toEqual([
      '行政复议 5 件，其中结果维持 2 件、结果纠正 1 件、尚未审结 2 件，纠正率 20.0%。',
      '无未经复议直接起诉的行政诉讼案件。',
      '无复议后起诉的行政诉讼案件。',
    ]);
    const seed = withCells(makeReport(), 'reviewLitigation', {
      litigationDirect: reviewGroup([null, null, null, null, null]),
      litigationAfterReview: reviewGroup([null, null, null, null, null]),
    });
    expect(narrateTable(seed, 'reviewLitigation').slice(1)).toEqual(['未经复议直接起诉的行政诉讼：无法读取。', '复议后起诉的行政诉讼：无法读取。']);
    const half = withCells(makeReport(), 'reviewLitigation', { litigationAfterReview: reviewGroup(['/', '/', '/', '/', '/']) });
    expect(narrateTable(half, 'reviewLitigation').slice(2)).toEqual([
      '复议后起诉的行政诉讼：未填报。',
      '行政诉讼纠正率无法计算：复议后起诉的结果纠正未填报、复议后起诉的总计未填报。',
    ]);
  });
});

describe('narrateTable: proactive (二)', () => {
  it('tells the 2021 table: documents, decisions, fees with annotations', () => {
    const report = withCells(makeReport(), 'proactive', {
      normativeDocuments: { inForce: { value: 379, state: 'number', raw: '379（含自然失效29件）', annotation: '含自然失效29件' } },
    });
    expect(narrateTable(report, 'proactive')).toEqual([
      '本年未制发、废止规章，无现行有效规章。',
      '本年制发行政规范性文件 147 件，废止 55 件，现行有效 379 件（含自然失效29件）。',
      '本年作出行政许可处理决定 211704 件。',
      '本年作出行政处罚处理决定 72105 件。',
      '本年作出行政强制处理决定 1662 件。',
      '本年行政事业性收费金额 15781.34226 万元。',
    ]);
  });

  it('says zero and empty cells plainly', () => {
    const report = withCells(makeReport(), 'proactive', {
      regulations: { issued: '/', repealed: 2, inForce: '' },
      enforcement: { decisions: 0 },
      penalty: { decisions: '—' },
      fees: { amountWan: { value: 1.2, state: 'number', raw: '12000元', unitNote: '原文以元计，已换算为万元 (printed in 元, converted to 万元)' } },
    });
    expect(narrateTable(report, 'proactive')).toEqual([
      '本年制发规章件数未填报，废止 2 件，现行有效件数未填报。',
      '本年制发行政规范性文件 147 件，废止 55 件，现行有效 379 件。',
      '本年作出行政许可处理决定 211704 件。',
      '行政处罚处理决定数量未填报。',
      '本年无行政强制处理决定。',
      '本年行政事业性收费金额 1.2 万元（原文以元计，已换算为万元）。',
    ]);
  });

  it('tells the 2019 trial columns, with the signed 本年增/减', () => {
    const report = makeReport({ format: '2019-trial' });
    report.tables.proactive = table('proactive', {
      regulations: { made: 0, published: 0, publicTotal: 12 },
      normativeDocuments: { made: 5, published: 4, publicTotal: 88 },
      licensing: { lastYearItems: 300, change: { value: -4, state: 'number', raw: '减4' }, decisions: 1200 },
      otherServices: { lastYearItems: 10, change: 0, decisions: 3 },
      penalty: { lastYearItems: 900, change: { value: 1036, state: 'number', raw: '+1036' }, decisions: 50 },
      enforcement: { lastYearItems: 80, change: '略有增加', decisions: '/' },
      fees: { lastYearItems: 7, change: '' },
      procurement: { items: 12, amountWan: 350.5 },
    });
    expect(narrateTable(report, 'proactive')).toEqual([
      '规章：本年新制作 0 件，本年新公开 0 件，对外公开总数 12 件。',
      '规范性文件：本年新制作 5 件，本年新公开 4 件，对外公开总数 88 件。',
      '行政许可：上一年项目 300 项，本年减少 4 项，本年处理决定 1200 件。',
      '其他对外管理服务事项：上一年项目 10 项，本年无增减，本年处理决定 3 件。',
      '行政处罚：上一年项目 900 项，本年增加 1036 项，本年处理决定 50 件。',
      '行政强制：上一年项目 80 项，本年增/减“略有增加”，本年处理决定未填报。',
      '行政事业性收费：上一年项目 7 项，本年增/减未填报。',
      '政府集中采购：采购项目 12 个，采购总金额 350.5 万元。',
    ]);
  });
});

describe('narrateReportTables', () => {
  it('gives every table of the report in template order', () => {
    const all = narrateReportTables(makeReport());
    expect(all.map((t) => t.tableId)).toEqual(['proactive', 'applications', 'reviewLitigation']);
    expect(all[1].sentences[0]).toBe('本年新收政府信息公开申请 138 件，其中自然人 134 件、商业企业 3 件、社会公益组织 1 件。');
  });

  it('skips absent tables and has nothing for pre-2019 reports', () => {
    const report = makeReport();
    delete report.tables.proactive;
    expect(narrateReportTables(report).map((t) => t.tableId)).toEqual(['applications', 'reviewLitigation']);
    expect(narrateTable(report, 'proactive')).toEqual([]);
    expect(narrateReportTables(makeReport({ format: 'pre-2019' }))).toEqual([]);
  });
});
