/**
 * Canonical ids of the national template (docs/report-format.md).
 * Every layer names chapters, tables, rows and columns by these ids.
 */

export const CHAPTER_IDS = ['overview', 'proactive', 'applications', 'reviewLitigation', 'problems', 'other'] as const;
export type ChapterId = (typeof CHAPTER_IDS)[number];

export const CHAPTER_HEADINGS: Record<ChapterId, string> = {
  overview: '一、总体情况',
  proactive: '二、主动公开政府信息情况',
  applications: '三、收到和处理政府信息公开申请情况',
  reviewLitigation: '四、政府信息公开行政复议、行政诉讼情况',
  problems: '五、存在的主要问题及改进情况',
  other: '六、其他需要报告的事项',
};

export const TABLE_IDS = ['proactive', 'applications', 'reviewLitigation'] as const;
export type TableId = (typeof TABLE_IDS)[number];

export const REPORT_FORMATS = ['2021', '2019-trial', 'pre-2019', 'unknown'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ColumnSpec {
  id: string;
  label: string;
  /** 'decimal' for 万元 amounts, 'text' for columns whose raw text matters (e.g. 本年增/减). */
  kind?: 'count' | 'decimal' | 'signedText';
}

export interface RowSpec {
  id: string;
  /** Official label as printed on the template. */
  label: string;
  /** Group label for rows under a merged group heading (（三）不予公开 …). */
  group?: string;
  /** Section label for proactive (第二十条第（一）项 …). */
  section?: string;
  columns: ColumnSpec[];
}

export interface TableSpec {
  id: TableId;
  title: string;
  rows: RowSpec[];
}

// ---- applications (三) --------------------------------------------------------------

export const APPLICANT_COLUMNS: ColumnSpec[] = [
  { id: 'natural', label: '自然人' },
  { id: 'commercial', label: '商业企业' },
  { id: 'research', label: '科研机构' },
  { id: 'nonprofit', label: '社会公益组织' },
  { id: 'legal', label: '法律服务机构' },
  { id: 'other', label: '其他' },
  { id: 'total', label: '总计' },
];
/** The five columns under the merged header 法人或其他组织. */
export const LEGAL_PERSON_COLUMN_IDS = ['commercial', 'research', 'nonprofit', 'legal', 'other'] as const;
export const APPLICANT_PART_COLUMN_IDS = ['natural', ...LEGAL_PERSON_COLUMN_IDS] as const;

const app = (id: string, label: string, group?: string): RowSpec => ({ id, label, group, columns: APPLICANT_COLUMNS });

const DENIED = '（三）不予公开';
const UNAVAILABLE = '（四）无法提供';
const NOT_PROCESSED = '（五）不予处理';
const OTHER_HANDLING = '（六）其他处理';

const APPLICATION_ROWS_HEAD: RowSpec[] = [
  app('received', '一、本年新收政府信息公开申请数量'),
  app('carriedOver', '二、上年结转政府信息公开申请数量'),
  app('granted', '（一）予以公开', '三、本年度办理结果'),
  app('partial', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '三、本年度办理结果'),
  app('denied.stateSecret', '1.属于国家秘密', DENIED),
  app('denied.lawForbidden', '2.其他法律行政法规禁止公开', DENIED),
  app('denied.securityStability', '3.危及“三安全一稳定”', DENIED),
  app('denied.thirdParty', '4.保护第三方合法权益', DENIED),
  app('denied.internalAffairs', '5.属于三类内部事务信息', DENIED),
  app('denied.processInfo', '6.属于四类过程性信息', DENIED),
  app('denied.enforcementFiles', '7.属于行政执法案卷', DENIED),
  app('denied.queryMatters', '8.属于行政查询事项', DENIED),
  app('unavailable.notHeld', '1.本机关不掌握相关政府信息', UNAVAILABLE),
  app('unavailable.needsCreation', '2.没有现成信息需要另行制作', UNAVAILABLE),
  app('unavailable.unclear', '3.补正后申请内容仍不明确', UNAVAILABLE),
  app('notProcessed.complaint', '1.信访举报投诉类申请', NOT_PROCESSED),
  app('notProcessed.duplicate', '2.重复申请', NOT_PROCESSED),
  app('notProcessed.publication', '3.要求提供公开出版物', NOT_PROCESSED),
  app('notProcessed.massRepeated', '4.无正当理由大量反复申请', NOT_PROCESSED),
  app('notProcessed.confirmation', '5.要求行政机关确认或重新出具已获取信息', NOT_PROCESSED),
];
const APPLICATION_ROWS_TAIL: RowSpec[] = [
  app('resultTotal', '（七）总计', '三、本年度办理结果'),
  app('carriedForward', '四、结转下年度继续办理'),
];

export const APPLICATIONS_2021: TableSpec = {
  id: 'applications',
  title: '三、收到和处理政府信息公开申请情况',
  rows: [
    ...APPLICATION_ROWS_HEAD,
    app('otherHandling.noCorrection', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', OTHER_HANDLING),
    app('otherHandling.noFee', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', OTHER_HANDLING),
    app('otherHandling.other', '3.其他', OTHER_HANDLING),
    ...APPLICATION_ROWS_TAIL,
  ],
};

/** 2019 trial template: （六）其他处理 is a single row. */
export const APPLICATIONS_2019: TableSpec = {
  ...APPLICATIONS_2021,
  rows: [...APPLICATION_ROWS_HEAD, app('otherHandling.other', '（六）其他处理'), ...APPLICATION_ROWS_TAIL],
};

/** Row-id prefixes whose rows are summed into resultTotal (besides granted and partial). */
export const RESULT_GROUP_PREFIXES = ['denied.', 'unavailable.', 'notProcessed.', 'otherHandling.'] as const;

// ---- proactive (二) -----------------------------------------------------------------

const DOC_COLUMNS_2021: ColumnSpec[] = [
  { id: 'issued', label: '本年制发件数' },
  { id: 'repealed', label: '本年废止件数' },
  { id: 'inForce', label: '现行有效件数' },
];
const DECISIONS: ColumnSpec[] = [{ id: 'decisions', label: '本年处理决定数量' }];

export const PROACTIVE_2021: TableSpec = {
  id: 'proactive',
  title: '二、主动公开政府信息情况',
  rows: [
    { id: 'regulations', label: '规章', section: '第二十条第（一）项', columns: DOC_COLUMNS_2021 },
    { id: 'normativeDocuments', label: '行政规范性文件', section: '第二十条第（一）项', columns: DOC_COLUMNS_2021 },
    { id: 'licensing', label: '行政许可', section: '第二十条第（五）项', columns: DECISIONS },
    { id: 'penalty', label: '行政处罚', section: '第二十条第（六）项', columns: DECISIONS },
    { id: 'enforcement', label: '行政强制', section: '第二十条第（六）项', columns: DECISIONS },
    {
      id: 'fees',
      label: '行政事业性收费',
      section: '第二十条第（八）项',
      columns: [{ id: 'amountWan', label: '本年收费金额（单位：万元）', kind: 'decimal' }],
    },
  ],
};

const DOC_COLUMNS_2019: ColumnSpec[] = [
  { id: 'made', label: '本年新制作数量' },
  { id: 'published', label: '本年新公开数量' },
  { id: 'publicTotal', label: '对外公开总数量' },
];
const ITEM_COLUMNS_2019: ColumnSpec[] = [
  { id: 'lastYearItems', label: '上一年项目数量' },
  { id: 'change', label: '本年增/减', kind: 'signedText' },
  { id: 'decisions', label: '处理决定数量' },
];

export const PROACTIVE_2019: TableSpec = {
  id: 'proactive',
  title: '二、主动公开政府信息情况',
  rows: [
    { id: 'regulations', label: '规章', section: '第二十条第（一）项', columns: DOC_COLUMNS_2019 },
    { id: 'normativeDocuments', label: '规范性文件', section: '第二十条第（一）项', columns: DOC_COLUMNS_2019 },
    { id: 'licensing', label: '行政许可', section: '第二十条第（五）项', columns: ITEM_COLUMNS_2019 },
    { id: 'otherServices', label: '其他对外管理服务事项', section: '第二十条第（五）项', columns: ITEM_COLUMNS_2019 },
    { id: 'penalty', label: '行政处罚', section: '第二十条第（六）项', columns: ITEM_COLUMNS_2019 },
    { id: 'enforcement', label: '行政强制', section: '第二十条第（六）项', columns: ITEM_COLUMNS_2019 },
    {
      id: 'fees',
      label: '行政事业性收费',
      section: '第二十条第（八）项',
      columns: [
        { id: 'lastYearItems', label: '上一年项目数量' },
        { id: 'change', label: '本年增/减', kind: 'signedText' },
      ],
    },
    {
      id: 'procurement',
      label: '政府集中采购',
      section: '第二十条第（九）项',
      columns: [
        { id: 'items', label: '采购项目数量' },
        { id: 'amountWan', label: '采购总金额（单位：万元）', kind: 'decimal' },
      ],
    },
  ],
};

// ---- reviewLitigation (四) ------------------------------------------------------------

export const REVIEW_COLUMNS: ColumnSpec[] = [
  { id: 'upheld', label: '结果维持' },
  { id: 'corrected', label: '结果纠正' },
  { id: 'other', label: '其他结果' },
  { id: 'pending', label: '尚未审结' },
  { id: 'total', label: '总计' },
];

export const REVIEW_LITIGATION: TableSpec = {
  id: 'reviewLitigation',
  title: '四、政府信息公开行政复议、行政诉讼情况',
  rows: [
    { id: 'review', label: '行政复议', columns: REVIEW_COLUMNS },
    { id: 'litigationDirect', label: '行政诉讼／未经复议直接起诉', group: '行政诉讼', columns: REVIEW_COLUMNS },
    { id: 'litigationAfterReview', label: '行政诉讼／复议后起诉', group: '行政诉讼', columns: REVIEW_COLUMNS },
  ],
};

/** The table layouts that apply to a report format (pre-2019 and unknown have none). */
export function tableSpecsFor(format: ReportFormat): TableSpec[] {
  if (format === '2021') return [PROACTIVE_2021, APPLICATIONS_2021, REVIEW_LITIGATION];
  if (format === '2019-trial') return [PROACTIVE_2019, APPLICATIONS_2019, REVIEW_LITIGATION];
  return [];
}

export function tableSpec(format: ReportFormat, table: TableId): TableSpec | undefined {
  return tableSpecsFor(format).find((t) => t.id === table);
}

// ---- rules ------------------------------------------------------------------------------

export const RULE_IDS = [
  'applications.balance',
  'applications.resultTotal',
  'applications.rowTotal',
  'reviewLitigation.groupTotal',
  'proactive.nonNegative',
  'table.incomplete',
  'narrative.mismatch',
  'narrative.inForce',
  'chapters.missing',
  'crossYear.carryOver',
  'crossYear.inForce',
] as const;
export type RuleId = (typeof RULE_IDS)[number];
