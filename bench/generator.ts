/**
 * Deterministic generator of annual reports for fictional bodies (benchmarks, tests, the
 * sample archive). Same seed → same bytes: a seeded PRNG, never Math.random, never the clock.
 *
 * Each report is ~4,000 characters of narrative composed from phrase templates written for
 * this project (no text from real reports) plus the three tables of the template in the
 * tab-separated text layout of the seed (or, for HTML, a simple government-site page with
 * rowspan/colspan tables). Figures satisfy every rule — balance, resultTotal, rowTotal,
 * groupTotal, carry-over and inForce across consecutive years of one body — except in the
 * reports chosen by errorRate, where exactly one rule is broken on purpose and the finding
 * keys that must fail are listed in injectedErrors.
 */
import type { Cell, StatTable } from '../core/model.ts';
import { tableSpec, type ReportFormat, type TableId } from '../core/spec.ts';
import { layoutTable } from '../core/export/layout.ts';
import { escapeHtml, tableToHtml } from '../core/export/html.ts';

// ---- PRNG ------------------------------------------------------------------------------------

/** mulberry32: small, fast, good enough for test data. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes numbers into one 32-bit seed (so each body's series is independent of the others). */
function mixSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h ^= p >>> 0;
    h = Math.imul(h, 0x01000193) >>> 0;
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995) >>> 0;
    h ^= h >>> 15;
  }
  return h >>> 0;
}

class Random {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** k distinct items, in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < k && pool.length) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]);
    return out;
  }
}

// ---- bodies ----------------------------------------------------------------------------------

// Invented two-character place names (combinations checked against well-known real counties).
const PLACE_FIRST = ['澄', '岚', '栖', '瑶', '芷', '蘅', '棠', '曜', '霁', '杉', '渌', '琅', '蔚', '砚', '茗', '璟', '濛', '翎', '桤', '湄', '岫', '樾', '珂', '泠', '筠', '檀', '璞', '汀'] as const;
const PLACE_SECOND = ['溪', '川', '岭', '塘', '原', '湾', '阳', '宁', '陵', '泽', '屿', '浦', '丘', '坪', '崖', '峪', '源', '渡'] as const;
const LEVELS = ['市', '县', '区'] as const;
const DEPARTMENTS = ['自然资源局', '生态环境局', '交通运输局', '市场监督管理局', '住房和城乡建设局', '教育局', '卫生健康委员会', '人力资源和社会保障局', '农业农村局', '民政局'] as const;
const PLACE_COUNT = PLACE_FIRST.length * PLACE_SECOND.length;
const KINDS_PER_PLACE = 1 + DEPARTMENTS.length;
const SIMPLE_BODIES = PLACE_COUNT * KINDS_PER_PLACE;

export interface BodyIdentity {
  /** 澄溪市人民政府 / 澄溪市自然资源局 / 岚川市栖宁区人民政府 */
  name: string;
  /** 澄溪市 / 岚川市栖宁区: the place part, for the site name. */
  place: string;
  /** A people's government (has 规章 when it is a 市) rather than a department. */
  government: boolean;
  /** 市 government: may make 规章. */
  city: boolean;
  /** Rough size: multiplies the counts. */
  scale: number;
}

function placeName(index: number): string {
  return PLACE_FIRST[index % PLACE_FIRST.length] + PLACE_SECOND[Math.floor(index / PLACE_FIRST.length) % PLACE_SECOND.length];
}

/** A unique fictional body for each index (bijective up to ~2.8 million bodies). */
export function bodyFor(index: number, seed = 0): BodyIdentity {
  if (index < SIMPLE_BODIES) {
    const mixed = (index * 7919 + (seed % SIMPLE_BODIES)) % SIMPLE_BODIES;
    const placeIndex = mixed % PLACE_COUNT;
    const kind = Math.floor(mixed / PLACE_COUNT);
    const level = LEVELS[placeIndex % LEVELS.length];
    const place = placeName(placeIndex) + level;
    const government = kind === 0;
    const name = government ? `${place}人民政府` : `${place}${DEPARTMENTS[kind - 1]}`;
    const scale = (level === '市' ? 2.5 : level === '县' ? 1.2 : 1) * (government ? 1 : 0.45);
    return { name, place, government, city: government && level === '市', scale };
  }
  const j = index - SIMPLE_BODIES;
  const parent = j % PLACE_COUNT;
  let child = Math.floor(j / PLACE_COUNT) % PLACE_COUNT;
  if (child === parent) child = (child + 1) % PLACE_COUNT;
  const kind = Math.floor(j / (PLACE_COUNT * PLACE_COUNT)) % KINDS_PER_PLACE;
  const place = `${placeName(parent)}市${placeName(child)}区`;
  const government = kind === 0;
  const name = government ? `${place}人民政府` : `${place}${DEPARTMENTS[kind - 1]}`;
  return { name, place, government, city: false, scale: government ? 0.9 : 0.4 };
}

// ---- figures ---------------------------------------------------------------------------------

export type InjectedRule =
  | 'applications.balance'
  | 'applications.resultTotal'
  | 'applications.rowTotal'
  | 'reviewLitigation.groupTotal'
  | 'crossYear.carryOver'
  | 'crossYear.inForce'
  | 'narrative.mismatch';

export const INJECTABLE_RULES: readonly InjectedRule[] = [
  'applications.balance',
  'applications.resultTotal',
  'applications.rowTotal',
  'reviewLitigation.groupTotal',
  'crossYear.carryOver',
  'crossYear.inForce',
  'narrative.mismatch',
];

/** Printed values: tables.<tableId>.<rowId>.<columnId>; numbers, or text for 本年增/减. */
export type GeneratedValues = Record<TableId, Record<string, Record<string, number | string>>>;

const PART_COLUMNS = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other'] as const;
const REVIEW_GROUPS = ['review', 'litigationDirect', 'litigationAfterReview'] as const;
const REVIEW_PARTS = ['upheld', 'corrected', 'other', 'pending'] as const;

/** Relative frequency of each result row (2021 template); the 2019 template folds （六） into one row. */
const RESULT_WEIGHTS_2021: [string, number][] = [
  ['granted', 45],
  ['partial', 12],
  ['denied.stateSecret', 0.5],
  ['denied.lawForbidden', 1],
  ['denied.securityStability', 0.5],
  ['denied.thirdParty', 2],
  ['denied.internalAffairs', 2],
  ['denied.processInfo', 3],
  ['denied.enforcementFiles', 0.5],
  ['denied.queryMatters', 2],
  ['unavailable.notHeld', 15],
  ['unavailable.needsCreation', 4],
  ['unavailable.unclear', 2],
  ['notProcessed.complaint', 3],
  ['notProcessed.duplicate', 2],
  ['notProcessed.publication', 0.5],
  ['notProcessed.massRepeated', 0.5],
  ['notProcessed.confirmation', 0.5],
  ['otherHandling.noCorrection', 3],
  ['otherHandling.noFee', 0.2],
  ['otherHandling.other', 2],
];

function resultWeights(format: ReportFormat): [string, number][] {
  if (format === '2021') return RESULT_WEIGHTS_2021;
  const folded = RESULT_WEIGHTS_2021.filter(([id]) => !id.startsWith('otherHandling.'));
  const other = RESULT_WEIGHTS_2021.filter(([id]) => id.startsWith('otherHandling.')).reduce((s, [, w]) => s + w, 0);
  return [...folded, ['otherHandling.other', other]];
}

/** What one year hands to the next: printed carried-forward and in-force figures. */
interface Carry {
  format: ReportFormat;
  carriedForward: number[];
  inForce: { regulations: number; normativeDocuments: number };
}

function applicationRows(format: ReportFormat): string[] {
  return tableSpec(format, 'applications')!.rows.map((r) => r.id);
}

function generateApplications(rng: Random, body: BodyIdentity, format: ReportFormat, carry: Carry | null) {
  const rows: Record<string, number[]> = {};
  for (const id of applicationRows(format)) rows[id] = [0, 0, 0, 0, 0, 0];
  const s = body.scale;
  rows.received = [
    rng.int(Math.round(8 * s), Math.round(90 * s)),
    rng.chance(0.7) ? rng.int(0, Math.round(6 * s) + 1) : 0,
    rng.chance(0.1) ? rng.int(1, 2) : 0,
    rng.chance(0.2) ? rng.int(1, 3) : 0,
    rng.chance(0.35) ? rng.int(1, 4) : 0,
    rng.chance(0.2) ? rng.int(1, 2) : 0,
  ];
  rows.carriedOver = carry ? [...carry.carriedForward] : PART_COLUMNS.map((_, i) => (i === 0 ? rng.int(0, 4) : rng.chance(0.1) ? 1 : 0));
  const weights = resultWeights(format);
  const weightSum = weights.reduce((sum, [, w]) => sum + w, 0);
  for (let c = 0; c < PART_COLUMNS.length; c++) {
    const available = rows.received[c] + rows.carriedOver[c];
    const forward = available > 0 && rng.chance(0.5) ? rng.int(0, Math.max(1, Math.ceil(available * 0.08))) : 0;
    rows.carriedForward[c] = Math.min(forward, available);
    const resolved = available - rows.carriedForward[c];
    rows.resultTotal[c] = resolved;
    for (let unit = 0; unit < resolved; unit++) {
      let x = rng.next() * weightSum;
      let chosen = weights[0][0];
      for (const [id, w] of weights) {
        x -= w;
        if (x < 0) {
          chosen = id;
          break;
        }
      }
      rows[chosen][c]++;
    }
  }
  const out: Record<string, Record<string, number>> = {};
  for (const [id, parts] of Object.entries(rows)) {
    out[id] = Object.fromEntries([...PART_COLUMNS.map((col, i) => [col, parts[i]] as const), ['total', parts.reduce((a, b) => a + b, 0)]]);
  }
  return out;
}

function generateReview(rng: Random, body: BodyIdentity) {
  const out: Record<string, Record<string, number>> = {};
  const maxima = { review: Math.round(6 * body.scale), litigationDirect: Math.round(3 * body.scale), litigationAfterReview: Math.round(2 * body.scale) };
  for (const group of REVIEW_GROUPS) {
    const parts = REVIEW_PARTS.map(() => 0);
    const cases = rng.chance(0.6) ? rng.int(0, Math.max(1, maxima[group])) : 0;
    const weights = [6, 1.5, 1, 1.5];
    for (let i = 0; i < cases; i++) {
      let x = rng.next() * 10;
      let k = 0;
      while (k < 3 && x >= weights[k]) x -= weights[k++];
      parts[k]++;
    }
    out[group] = { ...Object.fromEntries(REVIEW_PARTS.map((p, i) => [p, parts[i]])), total: parts.reduce((a, b) => a + b, 0) };
  }
  return out;
}

function wan(rng: Random, max: number): number {
  return Math.round(rng.next() * max * 100) / 100;
}

function signedChange(rng: Random): string {
  const n = rng.int(-5, 8);
  if (n === 0) return '0';
  if (n > 0) return rng.chance(0.5) ? `+${n}` : `增${n}`;
  return rng.chance(0.5) ? String(n) : `减${-n}`;
}

function generateProactive(rng: Random, body: BodyIdentity, format: ReportFormat, carry: Carry | null) {
  const s = body.scale;
  const sameTemplate = carry?.format === '2021' && format === '2021';
  const decisions = (max: number) => rng.int(0, Math.round(max * s));
  if (format === '2019-trial') {
    const made = (max: number) => rng.int(0, max);
    const regMade = body.city ? made(3) : 0;
    const docMade = rng.int(1, Math.round(25 * s) + 1);
    const items = () => ({ lastYearItems: rng.int(5, Math.round(300 * s) + 5), change: signedChange(rng), decisions: decisions(20000) });
    return {
      regulations: { made: regMade, published: regMade, publicTotal: body.city ? rng.int(10, 60) : 0 },
      normativeDocuments: { made: docMade, published: docMade, publicTotal: rng.int(30, 300) },
      licensing: items(),
      otherServices: items(),
      penalty: items(),
      enforcement: items(),
      fees: { lastYearItems: rng.int(0, 20), change: signedChange(rng) },
      procurement: { items: rng.int(0, Math.round(80 * s)), amountWan: wan(rng, 8000 * s) },
    } as Record<string, Record<string, number | string>>;
  }
  const docs = (previous: number | undefined, issuedMax: number, baseMax: number) => {
    const issued = rng.int(0, issuedMax);
    const before = sameTemplate && previous !== undefined ? previous : rng.int(Math.round(baseMax / 5), baseMax);
    const repealed = rng.int(0, Math.min(before, Math.max(1, Math.round(issuedMax / 2))));
    return { issued, repealed, inForce: before + issued - repealed };
  };
  return {
    regulations: body.city ? docs(carry?.inForce.regulations, 3, 60) : { issued: 0, repealed: 0, inForce: 0 },
    normativeDocuments: docs(carry?.inForce.normativeDocuments, Math.round(30 * s) + 2, Math.round(300 * s) + 10),
    licensing: { decisions: decisions(60000) },
    penalty: { decisions: decisions(15000) },
    enforcement: { decisions: decisions(800) },
    fees: { amountWan: rng.chance(0.3) ? 0 : wan(rng, 6000 * s) },
  } as Record<string, Record<string, number | string>>;
}

// ---- injected errors -------------------------------------------------------------------------

const n = (v: number | string) => (typeof v === 'number' ? v : Number(v));

/**
 * Breaks one rule on the printed values; returns the finding keys that must now fail (the
 * validator's key format: rule:scope, cross-year keys with the pair of years). Values chain to the next year as printed, so only this
 * rule breaks. Returns null where the rule cannot be broken in this report.
 */
function inject(rng: Random, rule: InjectedRule, values: GeneratedValues, year: number, hasPrevious: boolean, previousFormat: ReportFormat | null): string[] | null {
  const pair = `${year - 1}-${year}`;
  const app = values.applications as Record<string, Record<string, number>>;
  const k = rng.int(1, 3);
  switch (rule) {
    case 'applications.balance': {
      const column = rng.pick(PART_COLUMNS);
      app.carriedForward[column] += k;
      app.carriedForward.total += k;
      return [`applications.balance:${column}`, 'applications.balance:total'];
    }
    case 'applications.resultTotal': {
      const column = rng.pick(PART_COLUMNS);
      app.granted[column] += k;
      app.granted.total += k;
      return [`applications.resultTotal:${column}`, 'applications.resultTotal:total'];
    }
    case 'applications.rowTotal': {
      // Two totals moved in opposite directions: their rows fail, the column sums still hold.
      const resultRows = Object.keys(app).filter((id) => !['received', 'carriedOver', 'resultTotal', 'carriedForward'].includes(id));
      const largest = resultRows.reduce((best, id) => (app[id].total > app[best].total ? id : best), resultRows[0]);
      if (app[largest].total < 1) return null;
      const other = rng.pick(resultRows.filter((id) => id !== largest));
      const shift = Math.min(k, app[largest].total);
      app[largest].total -= shift;
      app[other].total += shift;
      return [`applications.rowTotal:${largest}`, `applications.rowTotal:${other}`];
    }
    case 'reviewLitigation.groupTotal': {
      values.reviewLitigation.review.total = n(values.reviewLitigation.review.total) + k;
      return ['reviewLitigation.groupTotal:review'];
    }
    case 'crossYear.carryOver': {
      if (!hasPrevious) return null;
      const column = rng.pick(PART_COLUMNS);
      // Balance still holds: what was added to the carried-over is carried forward again.
      app.carriedOver[column] += k;
      app.carriedOver.total += k;
      app.carriedForward[column] += k;
      app.carriedForward.total += k;
      return [`crossYear.carryOver:${pair}:${column}`, `crossYear.carryOver:${pair}:total`];
    }
    case 'crossYear.inForce': {
      if (!hasPrevious || previousFormat !== '2021' || !('inForce' in values.proactive.normativeDocuments)) return null;
      values.proactive.normativeDocuments.inForce = n(values.proactive.normativeDocuments.inForce) + k;
      return [`crossYear.inForce:${pair}:normativeDocuments`];
    }
    case 'narrative.mismatch':
      return ['narrative.mismatch:applications.received.total'];
  }
}

// ---- narrative -------------------------------------------------------------------------------

const THEMES = ['优化营商环境', '乡村振兴', '民生保障', '生态环境保护', '安全生产', '教育医疗', '城市更新', '就业创业', '养老服务', '防灾减灾', '食品药品安全', '住房保障'] as const;
const RELEASE_CHANNELS = ['门户网站', '政务新媒体', '政府信息公开专栏', '政务服务大厅公开栏', '新闻发布会', '广播电视'] as const;
const WEB_CHANNELS = ['门户网站', '政府信息公开专栏', '政务微信公众号', '政务微博'] as const;
const ORDINALS = ['一是', '二是', '三是', '四是', '五是'] as const;

/**
 * Clauses per sub-topic, written for this generator. Placeholders: {t} a theme, {c} a release
 * channel, {w} a web channel, {b} the body, {n:lo-hi} a number in the range.
 */
const TOPICS: { heading: string; lead: string[]; follow: string[]; measure: string[] }[] = [
  {
    heading: '主动公开',
    lead: [
      '围绕{t}等重点领域，梳理完善主动公开事项清单，做到应公开尽公开',
      '把{t}相关政策文件作为公开重点，在{c}集中发布并同步更新',
      '按照“谁制作、谁公开”的要求，压实各科室主动公开责任，{t}信息发布更加及时',
      '建立主动公开目录动态调整机制，对{t}类信息实行定期核查、逐条销号',
      '聚焦群众关注的{t}事项，分类细化公开内容，方便企业和群众查阅',
      '围绕年度重点任务，及时公开{t}方面的工作进展和完成情况',
      '做好财政预决算、重大建设项目和公共资源配置等信息的公开，{t}领域信息全面上网',
    ],
    follow: [
      '全年通过{c}发布各类政务信息 {n:300-9000} 条',
      '全年在{w}更新公开内容 {n:200-6000} 条，栏目内容保持常态更新',
      '全年累计发布{t}相关信息 {n:40-900} 条',
      '各栏目全年新增信息 {n:100-3000} 条，无超期未更新栏目',
      '全年召开新闻发布会 {n:3-40} 场，回应社会关注 {n:5-80} 项',
      '全年发布政策解读材料 {n:10-200} 篇，其中图解、视频等形式 {n:5-60} 篇',
    ],
    measure: [
      '信息发布前严格执行保密审查，公开质量稳步提升',
      '对已公开信息开展回头看，及时纠正表述不规范等问题',
      '同步做好政策解读，做到政策文件与解读材料同步起草、同步审签、同步发布',
      '主动回应社会关切，对热点问题第一时间发布权威信息',
      '公开内容的针对性和可读性进一步增强',
    ],
  },
  {
    heading: '依申请公开',
    lead: [
      '进一步规范申请的接收、登记、办理、答复等环节，办理流程全程留痕',
      '严格按照法定时限办理，对复杂事项提前会商，确保答复合法、规范、及时',
      '完善申请办理工作规程，统一告知书格式文本，提升答复文书质量',
      '加强与法律顾问的沟通会商，对疑难事项逐件研判，降低办理风险',
      '畅通网络、信函、当面等多种申请渠道，为申请人提供便利',
    ],
    follow: [
      '答复前与申请人主动沟通，准确理解申请内容',
      '对申请内容不明确的，及时一次性告知补正事项',
      '对不属于本机关公开职责的，告知申请人获取途径',
      '定期梳理申请办理中的共性问题，转化为主动公开内容',
      '对涉及第三方权益的，依法书面征求第三方意见',
    ],
    measure: [
      '全年未发生超期答复情况',
      '办理质量和效率较上年均有提升',
      '申请人对答复情况总体满意',
      '答复文书的规范性明显提高',
    ],
  },
  {
    heading: '政府信息管理',
    lead: [
      '健全公文公开属性源头认定机制，在发文环节同步明确公开方式',
      '组织开展文件清理，对不再适用的文件及时宣布失效并向社会公布',
      '完善政府信息公开保密审查制度，落实“先审查、后公开”和“一事一审”',
      '规范政府信息的制作、获取、保存和处理，逐步实现全流程电子化管理',
      '建立健全政策文件库，集中展示现行有效的政策文件',
    ],
    follow: [
      '全年审查拟公开信息 {n:100-5000} 条',
      '全年核对更新政策文件库信息 {n:50-1500} 条',
      '全年对 {n:100-3000} 条存量信息进行了标签化整理',
      '全年清理失效文件 {n:5-120} 份',
    ],
    measure: [
      '政府信息管理规范化水平进一步提高',
      '有效防止了泄密和不当公开问题',
      '为后续查询利用打下了基础',
      '文件的时效性和准确性得到保障',
    ],
  },
  {
    heading: '政府信息公开平台建设',
    lead: [
      '持续优化{w}栏目设置，整合重复栏目，提升信息检索的便利性',
      '推进{w}与政务服务平台融合，实现政策查询与办事服务一站直达',
      '加强政务新媒体规范管理，对账号实行统一备案、统一监测',
      '完善政府信息公开专栏，按照主题和服务对象分类展示公开内容',
      '做好网站适老化和无障碍改造，方便老年人和残障人士获取信息',
    ],
    follow: [
      '全年{w}访问量约 {n:20000-900000} 人次',
      '全年通过{w}答复网民留言 {n:30-2000} 条',
      '全年开展网站安全检测 {n:4-24} 次',
      '全年政务新媒体发布信息 {n:200-5000} 条',
    ],
    measure: [
      '平台的权威性和便利性明显增强',
      '群众获取政府信息的渠道更加畅通',
      '信息查找用时进一步缩短',
      '平台运行安全平稳',
    ],
  },
  {
    heading: '监督保障',
    lead: [
      '调整充实政务公开工作领导小组，主要负责同志定期听取工作汇报',
      '将政务公开工作纳入年度绩效考核，细化评分标准，强化结果运用',
      '邀请人大代表、政协委员和群众代表参与政务公开评议',
      '组织开展政务公开业务培训，提升工作人员的政策水平和业务能力',
      '建立政务公开工作台账，对重点任务实行清单化管理',
    ],
    follow: [
      '全年组织专题培训 {n:2-12} 场次，参训 {n:40-600} 人次',
      '全年开展专项检查 {n:2-10} 次，发现问题均已整改',
      '全年收集社会评议意见 {n:10-300} 条',
      '全年召开工作推进会 {n:2-8} 次',
    ],
    measure: [
      '全年未发生因政务公开工作不到位被责任追究的情况',
      '工作人员依法公开意识明显增强',
      '监督保障机制运行顺畅',
      '各项任务均按时完成',
    ],
  },
];

const PROBLEMS = [
  '部分科室对政务公开工作重视程度不够，信息报送不够主动',
  '政策解读形式较为单一，图解、音视频等解读方式运用不多',
  '基层政务公开标准化规范化水平仍有提升空间',
  '工作人员业务水平参差不齐，专职力量相对薄弱',
  '部分栏目更新不够及时，信息内容的实用性有待增强',
  '答复文书的说理性还需进一步加强',
  '公众参与的广度和深度还不够，意见征集的回应反馈不够充分',
];
const IMPROVEMENTS = [
  '加强统筹协调，压实各科室公开责任，建立常态化督促提醒机制',
  '丰富解读形式，多用群众听得懂的语言解读政策',
  '持续推进基层政务公开标准目录落地，定期开展自查',
  '加强业务培训和交流，打造一支熟悉业务的公开队伍',
  '优化栏目管理，对长期不更新的栏目进行清理整合',
  '规范答复文书，做到依据充分、说理清楚、告知到位',
  '拓宽公众参与渠道，对征集到的意见逐条研究并公开采纳情况',
];
const OUTLOOK = [
  '下一年度，将继续以群众需求为导向，推动政务公开从“公开了”向“看得懂、用得上”转变。',
  '今后，本机关将进一步健全制度机制，以高质量的政务公开助力各项工作落实。',
  '下一步，将把政务公开同日常工作紧密结合，持续提升政府工作的透明度。',
];

const PLACEHOLDER = /\{(t|c|w|b|n:(\d+)-(\d+))\}/g;

function fill(rng: Random, template: string, body: BodyIdentity): string {
  if (!template.includes('{')) return template;
  return template.replace(PLACEHOLDER, (_m, kind: string, lo?: string, hi?: string) => {
    if (kind === 't') return rng.pick(THEMES);
    if (kind === 'c') return rng.pick(RELEASE_CHANNELS);
    if (kind === 'w') return rng.pick(WEB_CHANNELS);
    if (kind === 'b') return body.name;
    return String(rng.int(Number(lo), Number(hi)));
  });
}

/** Figures the narrative states about the tables (what the narrative.mismatch rule checks). */
export interface StatedFigures {
  received: number;
  review: number;
  litigation: number;
  normativeDocumentsIssued: number | null;
}

interface Narrative {
  preamble: string[];
  overview: string[];
  problems: string[];
  other: string[];
}

function composeNarrative(rng: Random, body: BodyIdentity, year: number, stated: StatedFigures): Narrative {
  const preamble = [
    `本报告根据《中华人民共和国政府信息公开条例》有关规定和政府信息公开工作年度报告格式要求，由${body.name}办公室组织编制。全文由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六个部分组成。报告所列数据的统计期限为${year}年1月1日至${year}年12月31日。`,
  ];
  const overview: string[] = [];
  overview.push(
    `${year}年，${body.name}坚持以公开为常态、不公开为例外，围绕中心工作和群众关切，持续深化政务公开，政府信息公开工作取得新的进展。现将有关情况报告如下。`,
  );
  const subheads = ['（一）', '（二）', '（三）', '（四）', '（五）'];
  TOPICS.forEach((topic, t) => {
    overview.push(`${subheads[t]}${topic.heading}`);
    const count = rng.int(4, 5);
    const leads = rng.sample(topic.lead, count);
    for (let i = 0; i < count; i++) {
      const follows = rng.sample(topic.follow, 2).map((f) => fill(rng, f, body));
      const measures = rng.sample(topic.measure, 2).map((m) => fill(rng, m, body));
      let paragraph = `${ORDINALS[i]}${fill(rng, leads[i] ?? rng.pick(topic.lead), body)}。${follows[0]}，${measures[0]}；${follows[1] ?? follows[0]}，${measures[1] ?? measures[0]}。`;
      if (t === 0 && i === 0 && stated.normativeDocumentsIssued !== null) {
        paragraph += `全年制发行政规范性文件 ${stated.normativeDocumentsIssued} 件，均按规定向社会公开。`;
      }
      if (t === 1 && i === 0) {
        paragraph += `全年共收到政府信息公开申请 ${stated.received} 件，均已按期答复或依法转入下年度继续办理。`;
      }
      if (t === 1 && i === 1) {
        paragraph += `全年因政府信息公开被申请行政复议 ${stated.review} 件、被提起行政诉讼 ${stated.litigation} 件。`;
      }
      overview.push(paragraph);
    }
  });
  const problems: string[] = [];
  const chosen = rng.sample(PROBLEMS.map((_p, i) => i), rng.int(3, 4));
  problems.push(`${year}年，本机关政府信息公开工作虽然取得一定成效，但也存在一些不足：${chosen.map((i) => PROBLEMS[i]).join('；')}。`);
  problems.push(
    `下一步，将重点做好以下工作：${chosen.map((i, k) => `${ORDINALS[k]}${IMPROVEMENTS[i]}`).join('；')}。通过上述措施，推动政务公开工作质量再上新台阶。`,
    rng.pick(OUTLOOK),
  );
  const other = [
    rng.pick([
      `本年度未收取政府信息公开信息处理费。`,
      `${year}年度本机关未向申请人收取信息处理费。`,
      `本年度无收取信息处理费情况。`,
    ]),
    rng.pick([
      `本机关认真落实上级关于政务公开工作要点的各项任务，对照要点逐项推进，均已按期完成。`,
      `本年度人大代表建议和政协提案办理结果均已按规定公开。`,
      `本年度无其他需要报告的事项。`,
    ]),
  ];
  return { preamble, overview, problems, other };
}

// ---- rendering: text -------------------------------------------------------------------------

/** Label style: the seed's half-width brackets with spaces, or the official full-width form. */
interface LabelStyle {
  seedLike: boolean;
}

function bracket(style: LabelStyle, label: string): string {
  if (!style.seedLike) return label;
  return label.replace(/^（([一二三四五六七])）/, '($1) ').replace(/^(\d)\./, '$1. ');
}

const fmt = (v: number | string | undefined) => (v === undefined ? '' : String(v));

function proactiveText(format: ReportFormat, values: GeneratedValues): string[] {
  const spec = tableSpec(format, 'proactive')!;
  const lines: string[] = [];
  let section: string | undefined;
  let header = '';
  for (const row of spec.rows) {
    const columnLine = ['信息内容', ...row.columns.map((c) => c.label)].join('\t');
    if (row.section !== section) {
      lines.push(`${row.section}\t\t\t`);
      section = row.section;
      header = '';
    }
    if (columnLine !== header) {
      lines.push(columnLine);
      header = columnLine;
    }
    lines.push([row.label, ...row.columns.map((c) => fmt(values.proactive[row.id]?.[c.id]))].join('\t'));
  }
  return lines;
}

function applicationsText(format: ReportFormat, values: GeneratedValues, style: LabelStyle): string[] {
  const spec = tableSpec(format, 'applications')!;
  const cols = spec.rows[0].columns.map((c) => c.id);
  const nums = (rowId: string) => cols.map((c) => fmt(values.applications[rowId]?.[c]));
  const lines = [
    '(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\t\t申请人情况\t\t\t\t\t\t总计\t',
    '\t\t自然人\t法人或其他组织\t\t\t\t\t\t',
    '\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\t',
  ];
  let firstResult = true;
  let group: string | undefined;
  for (const row of spec.rows) {
    if (row.id === 'received') lines.push(['一、', '本年新收政府信息公开申请数量', ...nums(row.id)].join('\t') + '\t');
    else if (row.id === 'carriedOver') lines.push(['二、', '上年结转政府信息公开申请数量', ...nums(row.id)].join('\t') + '\t');
    else if (row.id === 'carriedForward') lines.push(['四、结转下年度继续办理', '', '', ...nums(row.id)].join('\t'));
    else if (row.id === 'resultTotal') lines.push(['', bracket(style, row.label), '', ...nums(row.id)].join('\t'));
    else if (row.group && row.group !== '三、本年度办理结果') {
      const first = row.group !== group;
      group = row.group;
      lines.push([first ? '' : '', first ? bracket(style, row.group) : '', bracket(style, row.label), ...nums(row.id)].join('\t'));
    } else {
      // granted, partial, and the 2019 template's single （六）其他处理 row
      const lead = firstResult ? '三、本年度办理结果' : '';
      firstResult = false;
      const cells = row.id === 'otherHandling.other' && format !== '2021' ? [lead, bracket(style, row.label), '', ...nums(row.id)] : [lead, bracket(style, row.label), ...nums(row.id)];
      lines.push(cells.join('\t') + (cells.length === 9 ? '\t' : ''));
    }
  }
  return lines;
}

function reviewText(values: GeneratedValues): string[] {
  const heads = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  const numbers = REVIEW_GROUPS.flatMap((g) => [...REVIEW_PARTS, 'total'].map((c) => fmt(values.reviewLitigation[g][c])));
  return [
    ['行政复议', '', '', '', '', '行政诉讼', '', '', '', '', '', '', '', '', ''].join('\t'),
    [...heads, '未经复议直接起诉', '', '', '', '', '复议后起诉', '', '', '', ''].join('\t'),
    ['', '', '', '', '', ...heads, ...heads].join('\t'),
    numbers.join('\t'),
  ];
}

function renderText(title: string, narrative: Narrative, format: ReportFormat, values: GeneratedValues, style: LabelStyle): string {
  const out: string[] = [title, ...narrative.preamble, '一、总体情况', ...narrative.overview];
  out.push('二、主动公开政府信息情况', proactiveText(format, values).join('\n'));
  out.push('三、收到和处理政府信息公开申请情况', applicationsText(format, values, style).join('\n'));
  out.push('四、政府信息公开行政复议、行政诉讼情况', reviewText(values).join('\n'));
  out.push('五、存在的主要问题及改进情况', ...narrative.problems);
  out.push('六、其他需要报告的事项', ...narrative.other);
  return out.join('\n\n') + '\n';
}

// ---- rendering: HTML -------------------------------------------------------------------------

function toStatTable(id: TableId, rows: Record<string, Record<string, number | string>>): StatTable {
  const cells: StatTable['cells'] = {};
  for (const [rowId, cols] of Object.entries(rows)) {
    cells[rowId] = {};
    for (const [colId, v] of Object.entries(cols)) {
      const numeric = typeof v === 'number' ? v : /^[+-]?\d+(\.\d+)?$/.test(v) ? Number(v) : null;
      const cell: Cell = numeric === null ? { value: null, state: 'text', raw: String(v) } : { value: numeric, state: 'number', raw: String(v) };
      cells[rowId][colId] = cell;
    }
  }
  return { id, cells, rawRows: [] };
}

function renderHtml(rng: Random, body: BodyIdentity, year: number, title: string, narrative: Narrative, format: ReportFormat, values: GeneratedValues): string {
  const tables = {
    proactive: toStatTable('proactive', values.proactive),
    applications: toStatTable('applications', values.applications),
    reviewLitigation: toStatTable('reviewLitigation', values.reviewLitigation),
  };
  const table = (id: TableId) => tableToHtml(layoutTable({ format, tables }, id)!);
  const p = (text: string) => `<p style="text-indent:2em">${escapeHtml(text)}</p>`;
  const h = (text: string) => `<p><strong>${escapeHtml(text)}</strong></p>`;
  const month = String(rng.int(1, 3)).padStart(2, '0');
  const day = String(rng.int(1, 28)).padStart(2, '0');
  const index = `${String(rng.int(10000000, 99999999))}/${year + 1}-${String(rng.int(1, 999)).padStart(5, '0')}`;
  const content = [
    ...narrative.preamble.map(p),
    h('一、总体情况'),
    ...narrative.overview.map((t) => (/^（[一二三四五]）/.test(t) ? h(t) : p(t))),
    h('二、主动公开政府信息情况'),
    table('proactive'),
    h('三、收到和处理政府信息公开申请情况'),
    table('applications'),
    h('四、政府信息公开行政复议、行政诉讼情况'),
    table('reviewLitigation'),
    h('五、存在的主要问题及改进情况'),
    ...narrative.problems.map(p),
    h('六、其他需要报告的事项'),
    ...narrative.other.map(p),
  ].join('\n');
  const site = `${body.place}人民政府`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}_${escapeHtml(site)}</title>
<style>body{font-family:"Microsoft YaHei",sans-serif;margin:0}.top{background:#b30000;color:#fff;padding:12px 24px;font-size:22px}.nav a{color:#fff;margin-right:16px}.main{width:960px;margin:0 auto}.footer{border-top:1px solid #ccc;color:#666;font-size:12px;padding:12px;text-align:center}</style>
</head>
<body>
<div class="top">${escapeHtml(site)}<div class="nav"><a href="#">首页</a><a href="#">政务公开</a><a href="#">政务服务</a><a href="#">互动交流</a></div></div>
<div class="main">
<div class="crumb">当前位置：首页 &gt; 政府信息公开 &gt; 政府信息公开年报</div>
<table class="xxgk-meta">
<tr><td>索引号：</td><td>${index}</td><td>发布机构：</td><td>${escapeHtml(body.name)}</td></tr>
<tr><td>发文日期：</td><td>${year + 1}-${month}-${day}</td><td>主题分类：</td><td>政务公开</td></tr>
</table>
<h1 class="article-title">${escapeHtml(title)}</h1>
<div class="article-content">
${content}
</div>
</div>
<div class="footer">主办：${escapeHtml(site)}办公室　本站为虚构示例，仅供测试</div>
</body>
</html>
`;
}

// ---- series and streams ----------------------------------------------------------------------

export interface GeneratedReport {
  fileName: string;
  kind: 'text' | 'html';
  /** The file's content (text or HTML source). */
  content: string;
  /** Set for text reports (= content). */
  text?: string;
  /** Set for HTML reports (= content). */
  html?: string;
  body: string;
  year: number;
  format: '2021' | '2019-trial';
  /** Finding keys (rule:scope) that must fail for this report; [] for a clean report. */
  injectedErrors: string[];
  /** The rule broken on purpose, if any. */
  injectedRule: InjectedRule | null;
  /** The tables as printed. */
  values: GeneratedValues;
  /** Figures the narrative states. */
  stated: StatedFigures;
}

export interface YearPlan {
  year: number;
  format: '2021' | '2019-trial';
  kind: 'text' | 'html';
  /** A rule to break in this year (skipped, with injectedErrors [], where it cannot apply). */
  inject?: InjectedRule | null;
}

/** One body's consecutive years, each handing its printed figures to the next. */
export function generateSeries(seed: number, body: BodyIdentity, plans: YearPlan[]): GeneratedReport[] {
  const rng = new Random(createRng(seed));
  const out: GeneratedReport[] = [];
  let carry: Carry | null = null;
  let previousYear: number | null = null;
  for (const plan of plans) {
    const consecutive = carry !== null && previousYear === plan.year - 1;
    const previous = consecutive ? carry : null;
    const values: GeneratedValues = {
      proactive: generateProactive(rng, body, plan.format, previous),
      applications: generateApplications(rng, body, plan.format, previous),
      reviewLitigation: generateReview(rng, body),
    };
    const style: LabelStyle = { seedLike: rng.chance(0.5) };
    let injectedErrors: string[] = [];
    let injectedRule: InjectedRule | null = null;
    if (plan.inject) {
      const keys = inject(rng, plan.inject, values, plan.year, previous !== null, previous?.format ?? null);
      if (keys) {
        injectedErrors = keys;
        injectedRule = plan.inject;
      }
    }
    const app = values.applications;
    const lit = values.reviewLitigation;
    const stated: StatedFigures = {
      received: n(app.received.total),
      review: n(lit.review.total),
      litigation: n(lit.litigationDirect.total) + n(lit.litigationAfterReview.total),
      normativeDocumentsIssued: plan.format === '2021' ? n(values.proactive.normativeDocuments.issued) : null,
    };
    if (injectedRule === 'narrative.mismatch') stated.received = n(app.received.total) + n(app.carriedOver.total) + rng.int(3, 12);
    const narrative = composeNarrative(rng, body, plan.year, stated);
    const title = `${body.name}${plan.year}年政府信息公开工作年度报告`;
    const content =
      plan.kind === 'html' ? renderHtml(rng, body, plan.year, title, narrative, plan.format, values) : renderText(title, narrative, plan.format, values, style);
    out.push({
      fileName: `${body.name}${plan.year}年政府信息公开工作年度报告.${plan.kind === 'html' ? 'html' : 'txt'}`,
      kind: plan.kind,
      content,
      ...(plan.kind === 'html' ? { html: content } : { text: content }),
      body: body.name,
      year: plan.year,
      format: plan.format,
      injectedErrors,
      injectedRule,
      values,
      stated,
    });
    carry = {
      format: plan.format,
      carriedForward: PART_COLUMNS.map((c) => n(app.carriedForward[c])),
      inForce: {
        regulations: n(values.proactive.regulations.inForce ?? 0),
        normativeDocuments: n(values.proactive.normativeDocuments.inForce ?? 0),
      },
    };
    previousYear = plan.year;
  }
  return out;
}

export interface GenerateOptions {
  seed?: number;
  /** Share of reports (0–1) in which one rule is broken on purpose. Default 0. */
  errorRate?: number;
  /** File kind: all text, all HTML, or about one in five HTML. Default 'text'. */
  format?: 'text' | 'html' | 'mixed';
}

const FIRST_YEAR = 2021;
const LAST_YEAR = 2024;

/** Year plans of body number `index`: 2–4 consecutive years of the 2021 template. */
function plansFor(rng: Random, options: Required<GenerateOptions>): YearPlan[] {
  const years = rng.int(2, LAST_YEAR - FIRST_YEAR + 1);
  const start = rng.int(FIRST_YEAR, LAST_YEAR - years + 1);
  return Array.from({ length: years }, (_, i) => {
    const kind = options.format === 'mixed' ? (rng.chance(0.2) ? 'html' : 'text') : options.format;
    let injectRule: InjectedRule | null = null;
    if (options.errorRate > 0 && rng.chance(options.errorRate)) {
      const applicable = i === 0 ? INJECTABLE_RULES.filter((r) => !r.startsWith('crossYear.')) : INJECTABLE_RULES;
      injectRule = rng.pick(applicable);
    }
    return { year: start + i, format: '2021' as const, kind, inject: injectRule };
  });
}

/**
 * Streams n reports (body after body, each body's years in order). Memory stays flat, so this
 * is the one to use for 100,000 reports.
 */
export function* iterateReports(count: number, options: GenerateOptions = {}): Generator<GeneratedReport> {
  const opts: Required<GenerateOptions> = { seed: options.seed ?? 1, errorRate: options.errorRate ?? 0, format: options.format ?? 'text' };
  let produced = 0;
  for (let bodyIndex = 0; produced < count; bodyIndex++) {
    const planRng = new Random(createRng(mixSeed(opts.seed, bodyIndex, 1)));
    const plans = plansFor(planRng, opts);
    const series = generateSeries(mixSeed(opts.seed, bodyIndex, 2), bodyFor(bodyIndex, opts.seed), plans);
    for (const report of series) {
      if (produced >= count) return;
      produced++;
      yield report;
    }
  }
}

export function generateReports(count: number, options: GenerateOptions = {}): GeneratedReport[] {
  return [...iterateReports(count, options)];
}

/**
 * Writes n generated reports into a folder, streaming (flat memory for 100,000 reports).
 * Returns the injected errors per file name, for benchmarks that check the findings.
 */
export async function writeGeneratedReports(dir: string, count: number, options: GenerateOptions = {}): Promise<Map<string, string[]>> {
  const { mkdir, writeFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  await mkdir(dir, { recursive: true });
  const injected = new Map<string, string[]>();
  for (const report of iterateReports(count, options)) {
    await writeFile(join(dir, report.fileName), report.content);
    injected.set(report.fileName, report.injectedErrors);
  }
  return injected;
}

// ---- the bundled sample archive --------------------------------------------------------------

export interface SampleFile {
  fileName: string;
  content: string;
  body: string;
  year: number;
  format: '2021' | '2019-trial';
  /** Finding keys the sample is meant to show ([] for a clean report). */
  injectedErrors: string[];
}

const SAMPLE_SEED = 20240601;

/** Four fictional bodies over two to four consecutive years (resources/sample/, see its README). */
export const SAMPLE_SERIES: { body: BodyIdentity; plans: YearPlan[] }[] = [
  {
    body: { name: '澄溪市人民政府', place: '澄溪市', government: true, city: true, scale: 2.5 },
    plans: [
      { year: 2020, format: '2019-trial', kind: 'text' },
      { year: 2021, format: '2021', kind: 'text' },
      { year: 2022, format: '2021', kind: 'text' },
      { year: 2023, format: '2021', kind: 'text', inject: 'crossYear.carryOver' },
    ],
  },
  {
    body: { name: '岚川县人民政府', place: '岚川县', government: true, city: false, scale: 1.2 },
    plans: [
      { year: 2021, format: '2021', kind: 'text' },
      { year: 2022, format: '2021', kind: 'text', inject: 'applications.balance' },
      { year: 2023, format: '2021', kind: 'text' },
    ],
  },
  {
    body: { name: '棠屿市生态环境局', place: '棠屿市', government: false, city: false, scale: 1 },
    plans: [
      { year: 2022, format: '2021', kind: 'html' },
      { year: 2023, format: '2021', kind: 'text', inject: 'narrative.mismatch' },
    ],
  },
  {
    body: { name: '芷原区人民政府', place: '芷原区', government: true, city: false, scale: 1 },
    plans: [
      { year: 2022, format: '2021', kind: 'text' },
      { year: 2023, format: '2021', kind: 'text' },
    ],
  },
];

/** The files of resources/sample/, always the same bytes. */
export function buildSampleArchive(): SampleFile[] {
  return SAMPLE_SERIES.flatMap(({ body, plans }, i) =>
    generateSeries(mixSeed(SAMPLE_SEED, i), body, plans).map((r) => ({
      fileName: r.fileName,
      content: r.content,
      body: r.body,
      year: r.year,
      format: r.format,
      injectedErrors: r.injectedErrors,
    })),
  );
}
