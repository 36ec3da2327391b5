/**
 * What a saved or printed web page leaves around a report: the page's own data
 * (发布时间：… 来源：… 浏览次数：…, the URL a crawler saved it from, 主办单位 / 网站标识码 in the
 * footer) and its chrome (当前位置：首页>政务公开>…, navigation bars, 打印 / 关闭 links). The data
 * becomes metadata fields, the chrome is dropped: neither belongs in the title or the preamble.
 * Works on blocks, so text, PDF, DOCX and HTML conversions are all covered.
 */
import type { Block } from '../common/document.ts';

/** Labels of the page's own data, as printed before a colon. */
const FIELD_LABELS = [
  '发布时间', '发布日期', '公开日期', '成文日期', '生成日期', '更新时间', '采集时间', '抓取时间',
  '来源', '信息来源', '发布机构', '发布单位', '发布机关', '主办单位', '主办', '承办单位', '作者', '责任编辑', '编辑',
  '浏览次数', '浏览量', '访问量', '点击数', '点击量', '阅读数', '阅读量',
  '索引号', '文号', '发文字号', '主题分类', '网站标识码', '网址', '原文链接', '链接',
];
/** Longest first, so that 发布时间 is not read as 发布 + …. */
const LABEL_ALTERNATION = [...FIELD_LABELS].sort((a, b) => b.length - a.length).join('|');
const DATE_VALUE = String.raw`\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?`;
/** One "label：value" pair; a value is a date (which may hold a space before its time) or one run without spaces. */
const FIELD = new RegExp(String.raw`(${LABEL_ALTERNATION})\s*[:：]\s*(${DATE_VALUE}|[^\s:：|｜]*)`, 'gy');
const URL = /^(?:(?:网址|原文链接|链接|URL)\s*[:：]\s*)?(https?:\/\/[!-~]+)/iy;
/** Page chrome printed between the fields: 【打印】 【关闭】 字号：大 中 小 分享到 扫一扫. */
const CHROME_WORDS = /[【[](?:打印本页|打印|关闭窗口|关闭|收藏|分享)[】\]]|打印本页|关闭窗口|返回顶部|扫一扫在手机打开当前页|字号\s*[:：]?\s*(?:[大中小]\s*){1,3}|(?:打印|关闭|收藏|分享到?)(?=\s|$)/y;

/** Words of site navigation: a line of short items containing one of these is a navigation bar. */
const NAV_WORDS = /^(首页|网站首页|政务公开|政府信息公开|信息公开|互动交流|政民互动|办事服务|政务服务|无障碍浏览|无障碍|长者模式|关怀版|网站地图|English|登录|注册|个人中心|走进.{1,6}|新闻中心|新闻动态|信息公开目录|公开年报|年度报告|政府信息公开年报|专题专栏|繁體|简体|繁体)$/i;
const LOCATION = /^(?:当前位置|您的位置|您当前的位置|所在位置|当前所在位置)\s*[:：]/;
const FOOTER = /版权所有|ICP备|公网安备|网站标识码|主办单位|承办单位|技术支持|建议使用.{0,20}浏览器|分辨率/;

export interface PageLeftovers {
  blocks: Block[];
  /** label → value of the page's own data (发布时间, 来源, 网址 …). */
  fields: Record<string, string>;
}

/**
 * Reads the page's data off the start (and the end) of a paragraph. Returns the paragraph's
 * remaining text — '' when the whole paragraph was page data or chrome — or null when the
 * paragraph holds none.
 */
export function takeFields(text: string, fields: Record<string, string>): string | null {
  let rest = text.trim();
  let took = false;
  const found: [string, string][] = [];
  // Leading fields and chrome: "https://… 发布时间：2024-01-20 10:00 来源：某县政府办 浏览次数：56 <title…>".
  for (;;) {
    rest = rest.replace(/^[\s|｜/·•]+/, '');
    const step = matchAt(rest, found);
    if (step === null) break;
    rest = rest.slice(step);
    took = true;
  }
  // Trailing fields: "<title> 发布时间：2024-01-20 来源：某县政府办".
  const trailing = new RegExp(String.raw`\s(?:${LABEL_ALTERNATION})\s*[:：]`).exec(` ${rest}`);
  if (trailing && trailing.index > 0) {
    const tail = rest.slice(trailing.index);
    const tailFound: [string, string][] = [];
    let t = tail;
    for (;;) {
      t = t.replace(/^[\s|｜/·•]+/, '');
      const step = matchAt(t, tailFound);
      if (step === null) break;
      t = t.slice(step);
    }
    if (t.trim() === '' && tailFound.length > 0) {
      found.push(...tailFound);
      rest = rest.slice(0, trailing.index).trim();
      took = true;
    }
  }
  if (!took) return null;
  for (const [label, value] of found) if (value !== '' && !(label in fields)) fields[label] = value;
  return rest.trim();
}

/** Length of one field, URL or chrome word at the start of `text` (recording fields), or null. */
function matchAt(text: string, found: [string, string][]): number | null {
  if (text === '') return null;
  URL.lastIndex = 0;
  const url = URL.exec(text);
  if (url) {
    found.push(['网址', url[1]]);
    return url[0].length;
  }
  FIELD.lastIndex = 0;
  const field = FIELD.exec(text);
  if (field && field[0].length > 0) {
    found.push([field[1], field[2].trim()]);
    return field[0].length;
  }
  CHROME_WORDS.lastIndex = 0;
  const chrome = CHROME_WORDS.exec(text);
  if (chrome && chrome[0].length > 0) return chrome[0].length;
  return null;
}

/** A navigation bar: three or more short items, one of them a navigation word; or a 当前位置 breadcrumb. */
export function isNavigation(text: string): boolean {
  const t = text.trim();
  if (LOCATION.test(t)) return true;
  if (t.length > 120) return false;
  const items = t.split(/\s*[|｜>»›/]\s*|\s{1,}/).filter((i) => i !== '');
  if (items.length < 3 || items.some((i) => i.length > 10)) return false;
  return items.filter((i) => NAV_WORDS.test(i)).length >= Math.min(2, items.length);
}

/** A site footer line (版权所有 …, 网站标识码：…): its fields are kept, the line dropped. */
function isFooter(text: string): boolean {
  return text.length <= 200 && FOOTER.test(text) && !/。/.test(text.replace(/。$/, ''));
}

/**
 * Separates page data and chrome from the report's blocks. Only the paragraphs before the
 * first table or numbered chapter heading and the last few paragraphs are looked at: inside
 * the report, a line that starts with 来源： is the report's own text.
 */
export function separatePageLeftovers(blocks: Block[], isChapterHeading: (text: string) => boolean): PageLeftovers {
  const fields: Record<string, string> = {};
  const firstChapter = blocks.findIndex((b) => b.kind === 'table' || isChapterHeading(b.text));
  const head = firstChapter < 0 ? Math.min(blocks.length, 12) : firstChapter;
  const tailStart = Math.max(head, blocks.length - 6);
  const out: Block[] = [];
  blocks.forEach((block, i) => {
    if (block.kind !== 'paragraph' || (i >= head && i < tailStart)) {
      out.push(block);
      return;
    }
    const text = block.text.trim();
    if (isNavigation(text)) return;
    if (isFooter(text)) {
      for (const part of text.split(/\s{2,}|\s*[|｜]\s*/)) takeFields(part, fields);
      return;
    }
    const rest = takeFields(text, fields);
    if (rest === null) out.push(block);
    else if (rest !== '') out.push({ kind: 'paragraph', text: rest });
  });
  return { blocks: out, fields };
}
