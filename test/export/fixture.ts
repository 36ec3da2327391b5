/**
 * A hand-built Report with the figures of the seed (伊春市 2022), written by hand from the
 * document, plus a few cells printed as blank, "/" and with an annotation, and hostile text.
 */
import type { Cell, Report, StatTable } from '../../core/model.ts';
import { APPLICATIONS_2021, PROACTIVE_2021, REVIEW_LITIGATION } from '../../core/spec.ts';

export const num = (value: number, raw = String(value)): Cell => ({ value, state: 'number', raw });
export const slash: Cell = { value: null, state: 'slash', raw: '/' };
export const blank: Cell = { value: null, state: 'blank', raw: '' };

/** received … carriedForward, columns natural commercial research nonprofit legal other total (seed, 三). */
export const SEED_APPLICATIONS: Record<string, number[]> = {
  received: [134, 3, 0, 1, 0, 0, 138],
  carriedOver: [0, 0, 0, 0, 0, 0, 0],
  granted: [65, 2, 0, 0, 0, 0, 67],
  partial: [28, 0, 0, 0, 0, 0, 28],
  'denied.stateSecret': [1, 0, 0, 0, 0, 0, 1],
  'denied.lawForbidden': [5, 0, 0, 0, 0, 0, 5],
  'denied.securityStability': [1, 0, 0, 0, 0, 0, 1],
  'denied.thirdParty': [7, 0, 0, 0, 0, 0, 7],
  'denied.internalAffairs': [2, 0, 0, 0, 0, 0, 2],
  'denied.processInfo': [0, 0, 0, 0, 0, 0, 0],
  'denied.enforcementFiles': [0, 0, 0, 0, 0, 0, 0],
  'denied.queryMatters': [0, 0, 0, 0, 0, 0, 0],
  'unavailable.notHeld': [24, 1, 0, 0, 0, 0, 25],
  'unavailable.needsCreation': [0, 0, 0, 1, 0, 0, 1],
  'unavailable.unclear': [0, 0, 0, 0, 0, 0, 0],
  'notProcessed.complaint': [0, 0, 0, 0, 0, 0, 0],
  'notProcessed.duplicate': [0, 0, 0, 0, 0, 0, 0],
  'notProcessed.publication': [0, 0, 0, 0, 0, 0, 0],
  'notProcessed.massRepeated': [0, 0, 0, 0, 0, 0, 0],
  'notProcessed.confirmation': [0, 0, 0, 0, 0, 0, 0],
  'otherHandling.noCorrection': [1, 0, 0, 0, 0, 0, 1],
  'otherHandling.noFee': [0, 0, 0, 0, 0, 0, 0],
  'otherHandling.other': [0, 0, 0, 0, 0, 0, 0],
  resultTotal: [134, 3, 0, 1, 0, 0, 138],
  carriedForward: [0, 0, 0, 0, 0, 0, 0],
};

function applications(): StatTable {
  const cells: StatTable['cells'] = {};
  for (const row of APPLICATIONS_2021.rows) {
    const values = SEED_APPLICATIONS[row.id];
    cells[row.id] = Object.fromEntries(row.columns.map((c, i) => [c.id, num(values[i])]));
  }
  return { id: 'applications', cells, rawRows: [] };
}

function proactive(): StatTable {
  const cells: StatTable['cells'] = {
    regulations: { issued: slash, repealed: slash, inForce: blank },
    normativeDocuments: { issued: num(147), repealed: num(55, '55（含自然失效29件）'), inForce: num(379) },
    licensing: { decisions: num(211704) },
    penalty: { decisions: num(72105, '72,105') },
    enforcement: { decisions: num(1662) },
    fees: { amountWan: num(15781.34226) },
  };
  cells.normativeDocuments.repealed.annotation = '含自然失效29件';
  void PROACTIVE_2021;
  return { id: 'proactive', cells, rawRows: [] };
}

function reviewLitigation(): StatTable {
  const values: Record<string, number[]> = {
    review: [2, 1, 0, 2, 5],
    litigationDirect: [0, 0, 0, 1, 1],
    litigationAfterReview: [0, 0, 0, 0, 0],
  };
  const cells: StatTable['cells'] = {};
  for (const row of REVIEW_LITIGATION.rows) cells[row.id] = Object.fromEntries(row.columns.map((c, i) => [c.id, num(values[row.id][i])]));
  return { id: 'reviewLitigation', cells, rawRows: [] };
}

export function seedLikeReport(): Report {
  return {
    schemaVersion: 1,
    id: 'r-test',
    body: { printed: '伊春市人民政府', normalized: '伊春市人民政府' },
    year: 2022,
    title: '伊春市 2022 年政府信息公开工作年度报告',
    publishedAt: null,
    format: '2021',
    preamble: ['伊春市 2022 年政府信息公开工作年度报告', '本报告依据条例编制。'],
    chapters: [
      { id: 'overview', key: 'overview', heading: '一、总体情况', paragraphs: ['全年共办理政府信息公开申请 138 件。', '<script>alert("x")</script> & “引号” | 竖线'] },
      { id: 'proactive', key: 'proactive', heading: '二、主动公开政府信息情况', paragraphs: [] },
      { id: 'applications', key: 'applications', heading: '三、收到和处理政府信息公开申请情况', paragraphs: [] },
      { id: 'reviewLitigation', key: 'reviewLitigation', heading: '四、政府信息公开行政复议、行政诉讼情况', paragraphs: [] },
      { id: 'problems', key: 'problems', heading: '五、存在的主要问题及改进情况', paragraphs: ['统筹作用还需加强。'] },
      { id: 'other', key: 'other', heading: '六、其他需要报告的事项', paragraphs: ['本年度未收取信息处理费。'] },
      { id: 'extra', key: 'extra-1', heading: '七、附件', paragraphs: ['附件一'] },
    ],
    tables: { proactive: proactive(), applications: applications(), reviewLitigation: reviewLitigation() },
    genericTables: [{ caption: '附表', chapterKey: 'extra-1', rows: [['项目', '数量'], ['网站', '3']] }],
    parseFindings: [],
    metadataConfidence: { body: 'certain', year: 'certain' },
    sourceMetadata: {},
    source: { fileName: 'seed.txt', mediaType: 'text/plain', sha256: 'x', size: 1, storedPath: 'x' },
    importedAt: '2026-01-01T00:00:00.000Z',
    parserVersion: '1.0.0',
    evaluations: [
      {
        rule: 'narrative.mismatch',
        key: 'narrative.mismatch:x',
        status: 'fail',
        severity: 'error',
        message: '叙述与表格不符',
        cells: [{ table: 'reviewLitigation', row: 'litigationDirect', column: 'total' }],
      },
    ],
    dismissals: [],
    version: 1,
  };
}
