/**
 * Deterministic Report objects for search tests and the search benchmark (built directly,
 * not parsed: 100,000 reports must be cheap to make). ~4,000 characters of text each.
 */
import type { Cell, Chapter, Report, RuleEvaluation, StatTable, TableCells } from '../../core/model.ts';
import { PARSER_VERSION, SCHEMA_VERSION } from '../../core/model.ts';
import { CHAPTER_HEADINGS, CHAPTER_IDS, tableSpecsFor, type ReportFormat, type TableId } from '../../core/spec.ts';

export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

export const PLACES = ['伊春', '哈尔滨', '齐齐哈尔', '牡丹江', '佳木斯', '大庆', '鸡西', '双鸭山', '鹤岗', '七台河', '黑河', '绥化', '沭阳', '宿迁', '徐州', '南京', '苏州', '无锡', '常州', '南通', '扬州', '镇江', '泰州', '盐城', '淮安', '连云港', '杭州', '宁波', '温州', '嘉兴', '湖州', '绍兴', '金华', '衢州', '舟山', '台州', '丽水', '合肥', '芜湖', '蚌埠', '淮南', '马鞍山', '淮北', '铜陵', '安庆', '黄山', '滁州', '阜阳', '宿州', '六安', '亳州', '池州', '宣城', '福州', '厦门', '莆田', '三明', '泉州', '漳州', '南平', '龙岩', '宁德', '南昌', '景德镇', '萍乡', '九江', '新余', '鹰潭', '赣州', '吉安', '宜春', '抚州', '上饶', '济南', '青岛', '淄博', '枣庄', '东营', '烟台', '潍坊', '济宁', '泰安', '威海', '日照', '临沂', '德州', '聊城', '滨州', '菏泽', '郑州', '开封', '洛阳', '平顶山', '安阳', '鹤壁', '新乡', '焦作', '濮阳', '许昌', '漯河', '三门峡', '南阳', '商丘', '信阳', '周口', '驻马店', '武汉', '黄石', '十堰', '宜昌', '襄阳', '鄂州', '荆门', '孝感', '荆州', '黄冈', '咸宁', '随州', '长沙', '株洲', '湘潭', '衡阳', '邵阳', '岳阳', '常德', '张家界', '益阳', '郴州', '永州', '怀化', '娄底', '广州', '韶关', '深圳', '珠海', '汕头', '佛山', '江门', '湛江', '茂名', '肇庆', '惠州', '梅州', '汕尾', '河源', '阳江', '清远', '东莞', '中山', '潮州', '揭阳', '云浮'];
export const KINDS = ['市人民政府', '县人民政府', '区人民政府', '市教育局', '市生态环境局', '市市场监督管理局', '市人力资源和社会保障局', '市发展和改革委员会', '市自然资源局', '市住房和城乡建设局'];
const TOPICS = ['惠企政策', '稳就业保就业', '优化营商环境', '乡村振兴', '生态环境保护', '安全生产', '疫情防控', '教育民生', '医疗保障', '住房保障', '公共资源配置', '重大建设项目', '财政预决算', '行政执法', '政务服务', '12345热线', '政策解读', '社会救助', '食品药品监管', '市场监管'];
const PLATFORMS = ['政府门户网站', '政务新媒体', '政府公报', '新闻发布会', '政务服务大厅', '12345政务服务便民热线', '微信公众号', '政务微博'];
const VERBS = ['持续深化', '扎实推进', '全面加强', '进一步规范', '着力提升', '不断完善', '积极探索', '认真落实'];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}
function int(r: () => number, max: number): number {
  return Math.floor(r() * max);
}

function sentence(r: () => number, year: number, place: string): string {
  const topic = pick(r, TOPICS);
  switch (int(r, 9)) {
    case 0:
      return `${pick(r, VERBS)}${topic}领域信息公开，通过${pick(r, PLATFORMS)}发布相关信息${int(r, 3000)}条。`;
    case 1:
      return `${year}年，${place}围绕${topic}，主动公开政府信息${int(r, 9000)}条，其中政策文件${int(r, 400)}件，政策解读${int(r, 200)}篇。`;
    case 2:
      return `依申请公开工作方面，严格按照《条例》规定的时限和程序办理政府信息公开申请，做到依法答复、按时答复。`;
    case 3:
      return `加强${topic}相关信息的公开力度，及时回应社会关切，全年通过${pick(r, PLATFORMS)}回应公众关注热点${int(r, 500)}次。`;
    case 4:
      return `对不予公开的情形，严格依法审查，逐件说明理由并告知救济途径，未发生因不予公开引起的行政复议或行政诉讼。`;
    case 5:
      return `${pick(r, VERBS)}惠企政策“免申即享”，梳理公开惠企政策清单${int(r, 300)}项，惠及企业${int(r, 20000)}家。`;
    case 6:
      return `健全政府信息公开工作机制，组织开展政务公开培训${int(r, 40)}次，培训人员${int(r, 3000)}人次。`;
    case 7:
      return `依托12345热线受理群众诉求${int(r, 90000)}件，办结率${90 + int(r, 10)}.${int(r, 10)}%，满意率持续提升。`;
    default:
      return `${place}${pick(r, VERBS)}${topic}，${pick(r, VERBS)}${pick(r, TOPICS)}，推动政务公开标准化规范化建设。`;
  }
}

function paragraph(r: () => number, year: number, place: string, sentences: number): string {
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++) parts.push(sentence(r, year, place));
  // Page breaks and PDF line breaks inside paragraphs, as in real extracted text.
  let text = parts.join('');
  if (r() < 0.3) {
    const at = 1 + int(r, text.length - 2);
    text = text.slice(0, at) + '\n' + text.slice(at);
  }
  return text;
}

function cell(value: number): Cell {
  return { value, state: 'number', raw: String(value) };
}

function makeTables(r: () => number, format: ReportFormat): Partial<Record<TableId, StatTable>> {
  const out: Partial<Record<TableId, StatTable>> = {};
  for (const spec of tableSpecsFor(format)) {
    const cells: TableCells = {};
    for (const row of spec.rows) {
      cells[row.id] = {};
      for (const col of row.columns) {
        const big = row.id.startsWith('unavailable') || row.id === 'received' || row.id === 'granted' || row.id === 'resultTotal';
        const v = col.kind === 'decimal' ? Math.round(r() * 100000) / 100 : big ? int(r, 400) : r() < 0.6 ? 0 : int(r, 12);
        cells[row.id][col.id] = col.kind === 'signedText' ? { value: v, state: 'number', raw: r() < 0.5 ? `+${v}` : `减${v}` } : cell(v);
      }
    }
    out[spec.id] = { id: spec.id, cells, rawRows: [] };
  }
  return out;
}

export interface MakeOptions {
  /** Sentences per narrative paragraph (text size knob). */
  sentences?: number;
}

/** Report number `i` of a deterministic archive. */
export function makeReport(i: number, seed = 1, options: MakeOptions = {}): Report {
  const r = rng(seed * 1_000_003 + i * 7919 + 17);
  const place = PLACES[i % PLACES.length];
  const kind = KINDS[Math.floor(i / PLACES.length) % KINDS.length];
  const year = 2019 + (Math.floor(i / (PLACES.length * KINDS.length)) % 6);
  const format: ReportFormat = year >= 2021 ? '2021' : '2019-trial';
  const bodyName = place + kind;
  const sentences = options.sentences ?? 3;
  const chapters: Chapter[] = CHAPTER_IDS.map((id) => {
    const n = id === 'overview' ? 8 : id === 'problems' ? 3 : id === 'other' ? 2 : 1;
    const paragraphs: string[] = [];
    if (id === 'overview') paragraphs.push(`（一）主动公开`);
    for (let p = 0; p < n; p++) paragraphs.push(paragraph(r, year, place, sentences));
    return { id, key: id, heading: CHAPTER_HEADINGS[id], paragraphs };
  });
  const evaluations: RuleEvaluation[] = [];
  if (r() < 0.15) {
    evaluations.push({
      rule: 'applications.balance',
      key: 'applications.balance:natural',
      status: 'fail',
      severity: 'error',
      message: '自然人一列：本年新收与上年结转之和不等于办理结果总计与结转下年度之和。',
      cells: [],
      left: 10,
      right: 11,
    });
  }
  if (r() < 0.1) {
    evaluations.push({
      rule: 'crossYear.carryOver',
      key: 'crossYear.carryOver:total',
      status: 'fail',
      severity: 'error',
      message: '本年上年结转数与上一年度结转下年度继续办理数不一致。',
      cells: [],
    });
  }
  const title = `${bodyName}${year}年政府信息公开工作年度报告`;
  return {
    schemaVersion: SCHEMA_VERSION,
    id: `r${String(i).padStart(6, '0')}`,
    body: { printed: bodyName, normalized: bodyName },
    year,
    title,
    publishedAt: null,
    format,
    preamble: [title, `根据《中华人民共和国政府信息公开条例》规定，现公布${bodyName}${year}年政府信息公开工作年度报告。`],
    chapters,
    tables: makeTables(r, format),
    genericTables: [],
    parseFindings: [],
    metadataConfidence: { body: 'certain', year: 'certain' },
    sourceMetadata: {},
    source: { fileName: `${i}.txt`, mediaType: 'text/plain', sha256: String(i), size: 0, storedPath: '' },
    importedAt: '2026-01-01T00:00:00.000Z',
    parserVersion: PARSER_VERSION,
    evaluations,
    dismissals: [],
    version: 1,
  };
}

/** Plain text of a report (what a Fuse / brute-force baseline indexes): chapter texts. */
export function reportPlainText(report: Report): string {
  const parts = [report.title, ...report.preamble];
  for (const ch of report.chapters) parts.push(ch.heading, ...ch.paragraphs);
  for (const t of Object.values(report.tables)) {
    for (const [rowId, cols] of Object.entries(t!.cells)) parts.push(rowId + '\t' + Object.values(cols).map((c) => c.raw).join('\t'));
  }
  return parts.join('\n');
}
