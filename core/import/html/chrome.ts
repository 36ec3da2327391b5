/** Site chrome around and inside an article: navigation, breadcrumbs, footers, print/close bars. */
import type { HtmlElement } from './dom.ts';
import { memoized } from '../../common/memo.ts';

/** id/class words of chrome containers, matched as whole tokens or token prefixes/suffixes (mainNav, footerBox). */
const AFFIX_WORDS = ['nav', 'menu', 'breadcrumb', 'crumb', 'footer', 'sidebar', 'toolbar', 'pager', 'pagination', 'copyright'];
const EXACT_WORDS = new Set(['foot', 'bottom', 'position', 'location', 'share', 'related', 'xglj', 'xgxx', 'xggj', 'xgwj', 'dqwz']);

export function hasChromeName(el: HtmlElement): boolean {
  if (el.name === 'aside' || el.attribs.role === 'navigation' || el.attribs.role === 'contentinfo') return true;
  const { class: className, id } = el.attribs;
  if (!className && !id) return false; // most elements: nothing to split
  return namesChrome(`${className ?? ''} ${id ?? ''}`);
}

/** Asked of nearly every element, and a page repeats a few class names: decided once per name. */
const namesChrome = memoized((names: string): boolean => {
  const tokens = names.toLowerCase().split(/[\s_-]+/).filter(Boolean);
  return tokens.some((t) => EXACT_WORDS.has(t) || AFFIX_WORDS.some((w) => t === w || t.startsWith(w) || t.endsWith(w)));
}, 300, 5000);

/** Containers that may hold a link list (navigation, 相关链接): judged by link density. */
export const LINK_LIST_CONTAINERS = new Set(['div', 'ul', 'ol', 'dl', 'section', 'header', 'footer', 'table', 'td', 'tr', 'tbody', 'center']);

const CHROME_LINE_PATTERNS = [
  /^(当前位置|您当前的位置|您现在的位置|您的位置|现在位置|所在位置|当前页面)\s*[:：]/,
  /^(相关链接|相关文章|相关信息|相关阅读|相关文件|相关稿件|相关新闻|上一篇|下一篇|扫一扫|分享到|用手机扫描)/,
];
/** Words of print/close/font-size bars: a line made only of these is chrome. */
const TOOLBAR_WORDS = /^(?:[【】[\]()（）|｜:：\s]|打印本页|打印|关闭窗口|关闭|返回顶部|返回|收藏|分享|字体|字号|默认|大|中|小|TOP)+$/i;

export function isChromeLine(text: string): boolean {
  if (text.length > 60) return false;
  return TOOLBAR_WORDS.test(text) || CHROME_LINE_PATTERNS.some((p) => p.test(text));
}
